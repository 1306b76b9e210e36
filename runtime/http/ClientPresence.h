#pragma once

#include <functional>
#include <mutex>

namespace hearth::http {

// Whether the client of a request being handled is still connected. The
// server marks it gone as soon as the peer hangs up; a handler that waits (a
// long poll, an event stream) asks it, and hands it a way to wake that wait,
// so that the slot it holds is given back at once rather than at its
// deadline. Thread-safe.
class ClientPresence
{
public:
    bool gone() const;
    // `wake` runs once the client is gone (at once if it already is), on the
    // server's network thread: it must only wake a wait, never block.
    void onGone(std::function<void()> wake);
    void markGone();

private:
    mutable std::mutex m_mutex;
    bool m_gone = false;
    std::function<void()> m_wake;
};

} // namespace hearth::http
