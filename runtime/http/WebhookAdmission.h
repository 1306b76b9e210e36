#pragma once

#include "Admission.h"

#include <QHash>
#include <mutex>

namespace hearth::http {

// Requests per source address as a token bucket: `burst` at once, then
// `perSecond`. Thread-safe.
class RateLimiter
{
public:
    struct Config
    {
        double perSecond = 5;
        double burst = 20;
        // Sources remembered; beyond this, those idle long enough to have a
        // full bucket again are forgotten.
        int maxSources = 4096;
    };
    explicit RateLimiter(Config config);

    // Nothing if a request from `source` may go now (it takes a token);
    // otherwise how many ms until it may.
    std::optional<qint64> take(const QByteArray &source, qint64 nowMs) const;

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 at = 0; // ms of the last refill
    };
    const Config m_config;
    mutable std::mutex m_mutex;
    mutable QHash<QByteArray, Bucket> m_buckets;
};

// The webhook listener's: any address the user chose to listen on (a LAN
// or tailnet address is their explicit choice; hearthd defaults to
// loopback), POST only, a declared body within the route's cap, and a rate
// limit per source address, all before the body is read. There is no Host
// or client-header rule: senders are other programs and services, and each
// webhook URL's unguessable token (and its signature) is what admits a
// delivery to a watcher.
class WebhookAdmission final : public Admission
{
public:
    explicit WebhookAdmission(RateLimiter::Config rate, std::function<qint64()> nowMs);

    std::optional<QString> refuseAddress(const QHostAddress &address) const override;
    std::optional<ApiError> check(const GuardedRequest &request, quint16 boundPort) const override;

private:
    RateLimiter m_limiter;
    std::function<qint64()> m_nowMs;
};

} // namespace hearth::http
