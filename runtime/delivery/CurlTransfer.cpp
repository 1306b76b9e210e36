#include "CurlTransfer.h"

#include <curl/curl.h>
#include <mutex>

namespace hearth::delivery {

namespace {

void initializeOnce()
{
    // Not thread-safe in older libcurl: once, before the first handle.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

CurlTransfer::CurlTransfer(const std::atomic<bool> &stopping)
    : m_stopping(stopping)
{
    initializeOnce();
    m_curl = curl_easy_init();
    if (!m_curl)
        return;
    curl_easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(m_curl, CURLOPT_CONNECTTIMEOUT, long(ConnectTimeoutS));
    curl_easy_setopt(m_curl, CURLOPT_TIMEOUT, long(TotalTimeoutS));
    curl_easy_setopt(m_curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(m_curl, CURLOPT_PROTOCOLS_STR, "http,https,smtp,smtps");
    curl_easy_setopt(m_curl, CURLOPT_WRITEFUNCTION, &CurlTransfer::collect);
    curl_easy_setopt(m_curl, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(m_curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(m_curl, CURLOPT_XFERINFOFUNCTION, &CurlTransfer::progress);
    curl_easy_setopt(m_curl, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(m_curl, CURLOPT_USERAGENT, "Hearth");
}

CurlTransfer::~CurlTransfer()
{
    if (m_curl)
        curl_easy_cleanup(m_curl);
}

bool CurlTransfer::perform()
{
    if (!m_curl) {
        m_error = QStringLiteral("libcurl could not make a transfer");
        return false;
    }
    char message[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(m_curl, CURLOPT_ERRORBUFFER, message);
    const CURLcode code = curl_easy_perform(m_curl);
    curl_easy_setopt(m_curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &m_responseCode);
    if (code == CURLE_OK)
        return true;
    m_error = QString::fromUtf8(message[0] ? message : curl_easy_strerror(code));
    switch (code) {
    case CURLE_LOGIN_DENIED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_USE_SSL_FAILED:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        // What the user has to change: a login, a certificate, a URL.
        m_temporary = false;
        break;
    default:
        m_temporary = true;
        break;
    }
    return false;
}

size_t CurlTransfer::collect(char *data, size_t size, size_t count, void *self)
{
    auto *transfer = static_cast<CurlTransfer *>(self);
    const qsizetype bytes = qsizetype(size * count);
    const qsizetype room = MaxResponseBytes - transfer->m_response.size();
    if (room > 0)
        transfer->m_response.append(data, qMin(room, bytes));
    return size * count;
}

int CurlTransfer::progress(void *self, long long, long long, long long, long long)
{
    return static_cast<CurlTransfer *>(self)->m_stopping.load() ? 1 : 0;
}

} // namespace hearth::delivery
