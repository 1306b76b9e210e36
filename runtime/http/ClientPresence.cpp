#include "ClientPresence.h"

namespace hearth::http {

bool ClientPresence::gone() const
{
    std::lock_guard lock(m_mutex);
    return m_gone;
}

void ClientPresence::onGone(std::function<void()> wake)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_gone) {
            m_wake = std::move(wake);
            return;
        }
    }
    wake();
}

void ClientPresence::markGone()
{
    std::function<void()> wake;
    {
        std::lock_guard lock(m_mutex);
        if (m_gone)
            return;
        m_gone = true;
        wake = std::move(m_wake);
    }
    if (wake)
        wake();
}

} // namespace hearth::http
