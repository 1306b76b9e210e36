#include "WebhookAdmission.h"

#include <cmath>

namespace hearth::http {

RateLimiter::RateLimiter(Config config)
    : m_config(config)
{
}

std::optional<qint64> RateLimiter::take(const QByteArray &source, qint64 nowMs) const
{
    const std::lock_guard lock(m_mutex);
    const qint64 refillMs = qint64(std::ceil(m_config.burst / m_config.perSecond * 1000));
    if (m_buckets.size() >= m_config.maxSources && !m_buckets.contains(source)) {
        m_buckets.removeIf([&](const auto &entry) { return nowMs - entry.value().at >= refillMs; });
        // Still full of busy sources: the newcomer waits like an empty
        // bucket would (rather than evicting one that is being limited).
        if (m_buckets.size() >= m_config.maxSources)
            return qint64(std::ceil(1000 / m_config.perSecond));
    }
    auto it = m_buckets.find(source);
    if (it == m_buckets.end())
        it = m_buckets.insert(source, Bucket { m_config.burst, nowMs });
    Bucket &bucket = it.value();
    bucket.tokens = std::min(m_config.burst,
                             bucket.tokens + double(nowMs - bucket.at) / 1000 * m_config.perSecond);
    bucket.at = nowMs;
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return std::nullopt;
    }
    return qint64(std::ceil((1 - bucket.tokens) / m_config.perSecond * 1000));
}

WebhookAdmission::WebhookAdmission(RateLimiter::Config rate, std::function<qint64()> nowMs)
    : m_limiter(rate)
    , m_nowMs(std::move(nowMs))
{
}

std::optional<QString> WebhookAdmission::refuseAddress(const QHostAddress &) const
{
    return std::nullopt;
}

std::optional<ApiError> WebhookAdmission::check(const GuardedRequest &request, quint16) const
{
    if (const auto waitMs = m_limiter.take(request.remoteAddress, m_nowMs())) {
        const qint64 seconds = std::max<qint64>(1, (*waitMs + 999) / 1000);
        return ApiError { 429,
                          "rate_limited",
                          QStringLiteral("too many deliveries from %1; try again in %2 s")
                              .arg(QString::fromLatin1(request.remoteAddress))
                              .arg(seconds),
                          { { "Retry-After", QByteArray::number(seconds) } } };
    }
    if (request.method != "POST")
        return ApiError { 405,
                          "method_not_allowed",
                          QStringLiteral("webhooks are delivered with POST"),
                          { { "Allow", "POST" } } };
    return RequestGuard::checkBody(request);
}

} // namespace hearth::http
