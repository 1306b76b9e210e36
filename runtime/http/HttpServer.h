#pragma once

#include "core/Result.h"

#include <QString>
#include <chrono>
#include <memory>

namespace hearth::http {

class Router;

struct ServerLimits
{
    int readTimeoutMs = 5000;
    int writeTimeoutMs = 5000;
    int keepAliveTimeoutMs = 5000;
    int keepAliveMaxRequests = 1000;
    // Each connection holds a worker while it is served or kept alive (idle
    // kept-alive connections yield when others wait), and long polls and
    // event streams will hold one each.
    int workerThreads = 32;
    // Accepted connections waiting for a worker; beyond this a connection is
    // answered 503 at once instead of queueing without bound.
    int maxQueuedConnections = 64;
    qint64 maxHeaderBytes = 16 * 1024;
    // After refusing a request whose body we will not read, we keep reading
    // (and discarding) this much for at most lingerMs, so that the client sees
    // our answer instead of a connection reset (RFC 9112 §9.6). A client
    // still sending megabyte writes must get to read between them: 256 KiB
    // (less than one such write) lost the answer about one time in twenty.
    qint64 lingerBytes = 8 * 1024 * 1024;
    int lingerMs = 1000;
};

// cpp-httplib on its worker pool with the request guard in front of the
// router. Owns its own connection loop so that a refused request really ends
// its connection (unread body bytes must never be parsed as a next request)
// and the header block is capped while it is read.
class HttpServer
{
public:
    HttpServer(const Router &router, ServerLimits limits = {});
    ~HttpServer();

    // Binds host:port (0 picks a free port), refusing any non-loopback
    // address, and returns the bound port. Nothing is served until start().
    Result<quint16> bind(const QString &host, quint16 port);
    // Serves on a background thread.
    void start();
    // Stops accepting, lets in-flight requests finish for at most `wait`;
    // returns false if some did not.
    bool stop(std::chrono::milliseconds wait);

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace hearth::http
