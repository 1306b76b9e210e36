// The SDK's http module over TLS: certificates are verified (an unknown
// issuer and a name mismatch are errors), and redirects are followed only
// from https to https. The servers are local cpp-httplib TLS servers with
// certificates made here by a test CA that only this process trusts.
#include "SandboxHosts.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTest>
#include <httplib.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <thread>

using namespace hearth::lua;

namespace {

struct KeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct CertificateDeleter
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Certificate = std::unique_ptr<X509, CertificateDeleter>;

void addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    QVERIFY(extension);
    X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
}

// A certificate for `key`, signed by `issuerKey` (self-signed when issuer is
// null). `subjectAltName` is null for a CA.
Certificate makeCertificate(EVP_PKEY *key, const char *commonName, X509 *issuer,
                            EVP_PKEY *issuerKey, const char *subjectAltName)
{
    static long serial = 1;
    Certificate certificate(X509_new());
    X509 *cert = certificate.get();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), serial++);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    X509 *signer = issuer ? issuer : cert;
    X509_set_issuer_name(cert, X509_get_subject_name(signer));
    if (subjectAltName) {
        addExtension(cert, signer, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(cert, signer, NID_subject_alt_name, subjectAltName);
        addExtension(cert, signer, NID_ext_key_usage, "serverAuth");
    } else {
        addExtension(cert, signer, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(cert, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    }
    addExtension(cert, signer, NID_subject_key_identifier, "hash");
    X509_sign(cert, issuerKey ? issuerKey : key, EVP_sha256());
    return certificate;
}

QByteArray pem(X509 *certificate)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, certificate);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, size);
    BIO_free(bio);
    return out;
}

// A local server (plain or TLS) on a port of its own, serving /json and
// /to/<url> (a redirect to url).
template<typename Server> class LocalServer
{
public:
    template<typename... Args>
    LocalServer(const char *scheme, const char *jsonBody, Args... serverArguments)
        : m_server(serverArguments...)
        , m_scheme(scheme)
    {
        m_server.Get("/json", [jsonBody](const httplib::Request &, httplib::Response &res) {
            res.set_content(jsonBody, "application/json");
        });
        m_server.Get(R"re(/to/(.+))re", [](const httplib::Request &req, httplib::Response &res) {
            res.set_redirect(req.matches[1].str());
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this]() { m_server.listen_after_bind(); });
    }
    ~LocalServer()
    {
        m_server.stop();
        m_thread.join();
    }
    QByteArray url(const QByteArray &path) const
    {
        return m_scheme + "://127.0.0.1:" + QByteArray::number(m_port) + path;
    }

private:
    Server m_server;
    QByteArray m_scheme;
    std::thread m_thread;
    int m_port = 0;
};
using TlsServer = LocalServer<httplib::SSLServer>;
using PlainServer = LocalServer<httplib::Server>;

const char SecureBody[] = R"j({"secure": true})j";

ExecutionResult run(const QByteArray &source)
{
    Limits limits;
    limits.timeoutMs = 20000;
    // hearthd makes the requests (hosts have no network): this process here.
    static const auto pool = makeSandboxPool();
    return pool->run(source, {}, limits);
}

} // namespace

class TestSdkHttps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void verifiedGet();
    void refused_data();
    void refused();

private:
    std::unique_ptr<TlsServer> m_trusted; // certificate by the trusted CA, for 127.0.0.1
    std::unique_ptr<TlsServer> m_otherName; // trusted CA, but for another name
    std::unique_ptr<TlsServer> m_unknownIssuer; // self-signed
    std::unique_ptr<PlainServer> m_plain;
};

void TestSdkHttps::initTestCase()
{
    const Key caKey(EVP_EC_gen("P-256"));
    const Certificate ca =
        makeCertificate(caKey.get(), "Hearth test CA", nullptr, nullptr, nullptr);
    const Key serverKey(EVP_EC_gen("P-256"));
    const Certificate server = makeCertificate(serverKey.get(), "127.0.0.1", ca.get(), caKey.get(),
                                               "IP:127.0.0.1,DNS:localhost");
    const Certificate otherName = makeCertificate(serverKey.get(), "example.invalid", ca.get(),
                                                  caKey.get(), "DNS:example.invalid");
    const Key strangerKey(EVP_EC_gen("P-256"));
    const Certificate stranger = makeCertificate(strangerKey.get(), "127.0.0.1", nullptr, nullptr,
                                                 "IP:127.0.0.1,DNS:localhost");

    // Trust the test CA in this process only (the SDK's requests start from
    // the default configuration, the system's CAs).
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificate(QSslCertificate(pem(ca.get())));
    QSslConfiguration::setDefaultConfiguration(configuration);

    m_trusted = std::make_unique<TlsServer>("https", SecureBody, server.get(), serverKey.get());
    m_otherName =
        std::make_unique<TlsServer>("https", SecureBody, otherName.get(), serverKey.get());
    m_unknownIssuer =
        std::make_unique<TlsServer>("https", SecureBody, stranger.get(), strangerKey.get());
    m_plain = std::make_unique<PlainServer>("http", R"j({"secure": false})j");
}

void TestSdkHttps::cleanupTestCase()
{
    m_trusted.reset();
    m_otherName.reset();
    m_unknownIssuer.reset();
    m_plain.reset();
}

void TestSdkHttps::verifiedGet()
{
    const ExecutionResult direct =
        run("local r = http.get('" + m_trusted->url("/json") + "') return {r.status, r.body}");
    QVERIFY2(direct.outcome == Outcome::Succeeded, qPrintable(direct.errorMessage));
    const QByteArray expected = R"j([200,"{\"secure\": true}"])j";
    QCOMPARE(direct.resultJson, expected);

    // https → https is followed.
    const QByteArray target = m_trusted->url("/json");
    const ExecutionResult redirected = run(
        "local r = http.get('" + m_trusted->url("/to/" + target) + "') return {r.status, r.body}");
    QVERIFY2(redirected.outcome == Outcome::Succeeded, qPrintable(redirected.errorMessage));
    QCOMPARE(redirected.resultJson, expected);
}

void TestSdkHttps::refused_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown issuer")
        << ("http.get('" + m_unknownIssuer->url("/json") + "')") << QStringLiteral("self-signed");
    QTest::newRow("name mismatch")
        << ("http.get('" + m_otherName->url("/json") + "')") << QStringLiteral("host name");
    QTest::newRow("https to http redirect")
        << ("http.get('" + m_trusted->url("/to/" + m_plain->url("/json")) + "')")
        << QStringLiteral("only https to https");
    QTest::newRow("redirect to an unverified host")
        << ("http.get('" + m_trusted->url("/to/" + m_unknownIssuer->url("/json")) + "')")
        << QStringLiteral("self-signed");
}

void TestSdkHttps::refused()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, message);
    const ExecutionResult result = run(source);
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("script_error"));
    QVERIFY2(result.errorMessage.contains(message, Qt::CaseInsensitive),
             qPrintable(result.errorMessage));
}

QTEST_GUILESS_MAIN(TestSdkHttps)
#include "tst_sdkhttps.moc"
