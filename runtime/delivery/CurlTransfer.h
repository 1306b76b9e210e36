#pragma once

#include <QByteArray>
#include <QString>
#include <atomic>

using CURL = void;

namespace hearth::delivery {

// One libcurl easy transfer with the settings every channel shares: bounded
// connect and total time, no redirects, the response kept up to a few KiB,
// and given up when `stopping` turns true (hearthd shutting down).
class CurlTransfer
{
public:
    static constexpr int ConnectTimeoutS = 10;
    static constexpr int TotalTimeoutS = 30;
    static constexpr qsizetype MaxResponseBytes = 4096;

    explicit CurlTransfer(const std::atomic<bool> &stopping);
    ~CurlTransfer();
    CurlTransfer(const CurlTransfer &) = delete;
    CurlTransfer &operator=(const CurlTransfer &) = delete;

    // The handle, to set what is particular to the transfer.
    CURL *handle() const { return m_curl; }
    // Performs it; true when libcurl says it completed (the server's answer,
    // good or bad, is then in responseCode() and response()).
    bool perform();
    long responseCode() const { return m_responseCode; }
    const QByteArray &response() const { return m_response; }
    // libcurl's reason when perform() failed.
    QString error() const { return m_error; }
    // Whether the failure is one a later attempt may not have (no
    // connection, a timeout, a reset) rather than a refusal.
    bool failedTemporarily() const { return m_temporary; }

private:
    static size_t collect(char *data, size_t size, size_t count, void *self);
    static int progress(void *self, long long, long long, long long, long long);

    const std::atomic<bool> &m_stopping;
    CURL *m_curl = nullptr;
    QByteArray m_response;
    long m_responseCode = 0;
    QString m_error;
    bool m_temporary = true;
};

} // namespace hearth::delivery
