#pragma once

#include "core/Result.h"

#include <QString>
#include <chrono>
#include <memory>

namespace hearth::http {

class Admission;
class Router;

struct ServerLimits
{
    // A new connection's request line and whole header block must arrive
    // within this, however it trickles in (a slow client costs a socket,
    // never a worker, and only for this long).
    int headerDeadlineMs = 10000;
    // A kept-alive connection's next request must arrive (whole header
    // block) within this after the previous answer.
    int keepAliveTimeoutMs = 5000;
    int keepAliveMaxRequests = 1000;
    // The whole body of a request, once its headers were accepted.
    int bodyDeadlineMs = 30000;
    // Each write of an answer (or of one piece of an event stream).
    int writeTimeoutMs = 10000;
    // Threads that run handlers; only complete requests reach them. Long
    // polls and event streams hold one each while they wait.
    int workerThreads = 32;
    // Complete requests waiting for a worker; beyond this a request is
    // answered 503 at once instead of queueing without bound. A connection
    // has one request in flight at most, so this many lets every open
    // connection (maxConnections) have its request served, however slow
    // the handlers are (writes waiting for the disk); the connection cap
    // is what refuses a flood.
    int maxQueuedRequests = 96;
    // Open connections, whatever they are doing; a connection beyond this is
    // answered 503 at once and closed.
    int maxConnections = 128;
    qint64 maxHeaderBytes = 16 * 1024;
    // After refusing a request whose body we will not read, we keep reading
    // (and discarding) this much for at most lingerMs, so that the client sees
    // our answer instead of a connection reset (RFC 9112 §9.6). A client
    // still sending megabyte writes must get to read between them: 256 KiB
    // (less than one such write) lost the answer about one time in twenty.
    qint64 lingerBytes = 8 * 1024 * 1024;
    int lingerMs = 1000;
};

// HTTP/1.1 on Boost.Beast's public API: one network thread reads every
// connection's request (header block first, so the admission decides
// before any body byte is read), a bounded pool of workers runs the
// router's handlers, and the network thread writes the answers.
class HttpServer
{
public:
    // The API's server: loopback only, behind the request guard
    // (LocalApiAdmission).
    explicit HttpServer(const Router &router, ServerLimits limits = {});
    // Another server of hearthd's (the webhook listener), admitting what
    // `admission` admits; it must outlive the server.
    HttpServer(const Router &router, const Admission &admission, ServerLimits limits = {});
    ~HttpServer();

    // Binds host:port (0 picks a free port), refusing an address the
    // admission refuses, and returns the bound port. Nothing is served
    // until start().
    Result<quint16> bind(const QString &host, quint16 port);
    // Serves on background threads.
    void start();
    // Stops accepting, closes idle connections, lets requests being handled
    // finish for at most `wait`; returns false if some did not (call again,
    // or let the destructor wait for them).
    bool stop(std::chrono::milliseconds wait);

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace hearth::http
