#include "HostProtocol.h"

#include "core/EnumNames.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>
#include <array>

namespace hearth::sandbox {

namespace {

// Field names on the wire, short because every run carries them.
const QString KeyType = QStringLiteral("t");
const QString KeyRun = QStringLiteral("run");
const QString KeySeq = QStringLiteral("seq");
const QString KeySource = QStringLiteral("src");
const QString KeyContext = QStringLiteral("ctx");
const QString KeyLimits = QStringLiteral("lim");
const QString KeyFunction = QStringLiteral("fn");
const QString KeyArgs = QStringLiteral("args");
const QString KeyOk = QStringLiteral("ok");
const QString KeyValue = QStringLiteral("val");
const QString KeyError = QStringLiteral("err");
const QString KeyLevel = QStringLiteral("lvl");
const QString KeyMessage = QStringLiteral("msg");
const QString KeyData = QStringLiteral("data");
const QString KeyOutcome = QStringLiteral("out");
const QString KeyTraceback = QStringLiteral("tb");
const QString KeyResult = QStringLiteral("res");
const QString KeyDuration = QStringLiteral("ms");
const QString KeyInstructions = QStringLiteral("ins");
const QString KeyPeakMemory = QStringLiteral("mem");

const QString TypeRun = QStringLiteral("run");
const QString TypeCheck = QStringLiteral("check");
const QString TypeReply = QStringLiteral("reply");
const QString TypeCall = QStringLiteral("call");
const QString KeySnapshot = QStringLiteral("snapshot");
const QString TypeLog = QStringLiteral("log");
const QString TypeDone = QStringLiteral("done");
const QString TypeChecked = QStringLiteral("checked");

constexpr qsizetype MaxLogDataBytes = 64 * 1024;
constexpr qsizetype MaxSdkArguments = 8;

constexpr std::array<EnumName<SdkFunction>, 14> FunctionNames { {
    { SdkFunction::KvGet, u"kv.get" },
    { SdkFunction::KvSet, u"kv.set" },
    { SdkFunction::KvDelete, u"kv.delete" },
    { SdkFunction::KvList, u"kv.list" },
    { SdkFunction::KvGlobalGet, u"kv.global.get" },
    { SdkFunction::KvGlobalSet, u"kv.global.set" },
    { SdkFunction::KvGlobalDelete, u"kv.global.delete" },
    { SdkFunction::KvGlobalList, u"kv.global.list" },
    { SdkFunction::SecretsGet, u"secrets.get" },
    { SdkFunction::Notify, u"notify" },
    { SdkFunction::HttpRequest, u"http.request" },
    { SdkFunction::EmailSend, u"email.send" },
    { SdkFunction::FeedNewItems, u"feed.new_items" },
    { SdkFunction::AgentEscalate, u"agent.escalate" },
} };

// Reads the fields of one map, remembering the first problem.
class FieldReader
{
public:
    explicit FieldReader(const QCborMap &map)
        : m_map(map)
    {
    }

    quint64 unsignedInteger(const QString &key)
    {
        const QCborValue value = m_map.value(key);
        if (!value.isInteger() || value.toInteger() < 0)
            return refuse(key, QStringLiteral("a non-negative integer")), 0;
        return quint64(value.toInteger());
    }
    // A byte string that may be absent (none) or empty.
    std::optional<QByteArray> optionalBytes(const QString &key, qsizetype maxBytes)
    {
        if (m_map.value(key).isUndefined())
            return std::nullopt;
        return bytes(key, maxBytes);
    }
    QByteArray bytes(const QString &key, qsizetype maxBytes, bool optional = false)
    {
        const QCborValue value = m_map.value(key);
        if (optional && value.isUndefined())
            return {};
        if (!value.isByteArray())
            return refuse(key, QStringLiteral("a byte string")), QByteArray();
        QByteArray bytes = value.toByteArray();
        if (bytes.size() > maxBytes)
            return refuse(key, u"at most " + QString::number(maxBytes) + u" bytes"), QByteArray();
        return bytes;
    }
    QString text(const QString &key, qsizetype maxBytes, bool optional = false)
    {
        const QCborValue value = m_map.value(key);
        if (optional && value.isUndefined())
            return {};
        if (!value.isString())
            return refuse(key, QStringLiteral("a text string")), QString();
        QString text = value.toString();
        // UTF-16 units: at most as many as UTF-8 bytes, so this bounds both.
        if (text.size() > maxBytes)
            return refuse(key, u"at most " + QString::number(maxBytes) + u" bytes"), QString();
        return text;
    }
    bool boolean(const QString &key)
    {
        const QCborValue value = m_map.value(key);
        if (!value.isBool())
            return refuse(key, QStringLiteral("true or false")), false;
        return value.toBool();
    }
    QCborArray array(const QString &key, qsizetype maxItems)
    {
        const QCborValue value = m_map.value(key);
        if (!value.isArray() || value.toArray().size() > maxItems)
            return refuse(key, u"an array of at most " + QString::number(maxItems) + u" items"),
                   QCborArray();
        return value.toArray();
    }
    QCborMap map(const QString &key)
    {
        const QCborValue value = m_map.value(key);
        if (!value.isMap())
            return refuse(key, QStringLiteral("a map")), QCborMap();
        return value.toMap();
    }

    // Whatever the field holds (a reply's value: any CBOR).
    QCborValue any(const QString &key) const { return m_map.value(key); }

    void refuse(const QString &key, const QString &expected)
    {
        refuseBecause(QStringLiteral("field \"%1\" must be %2").arg(key, expected));
    }
    void refuseBecause(const QString &problem)
    {
        if (m_problem.isEmpty())
            m_problem = problem;
    }
    const QString &problem() const { return m_problem; }

private:
    const QCborMap &m_map;
    QString m_problem;
};

Result<QCborMap> parseMap(const QByteArray &payload)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(payload, &error);
    if (error.error != QCborError::NoError)
        return fail(QStringLiteral("not CBOR: ") + error.errorString());
    if (!value.isMap())
        return fail(QStringLiteral("not a CBOR map"));
    return value.toMap();
}

QCborMap encodeContext(const lua::ScriptContext &context)
{
    QCborMap map { { QStringLiteral("id"), context.runId },
                   { QStringLiteral("attempt"), context.attempt },
                   { QStringLiteral("trigger"), context.trigger },
                   { QStringLiteral("scheduled_for"), context.scheduledFor },
                   { QStringLiteral("watcher_id"), context.watcherId },
                   { QStringLiteral("watcher_name"), context.watcherName },
                   { QStringLiteral("event"), context.eventJson },
                   { QStringLiteral("last"), context.lastResultJson } };
    if (context.lastSnapshot)
        map.insert(QStringLiteral("last_snapshot"), *context.lastSnapshot);
    return map;
}

lua::ScriptContext decodeContext(const QCborMap &map, FieldReader &reader)
{
    FieldReader fields(map);
    lua::ScriptContext context;
    context.runId = fields.text(QStringLiteral("id"), 64);
    context.attempt = int(fields.unsignedInteger(QStringLiteral("attempt")));
    context.trigger = fields.text(QStringLiteral("trigger"), 64);
    context.scheduledFor = fields.text(QStringLiteral("scheduled_for"), 64);
    context.watcherId = fields.text(QStringLiteral("watcher_id"), 64);
    context.watcherName = fields.text(QStringLiteral("watcher_name"), 4096);
    context.eventJson = fields.bytes(QStringLiteral("event"), MaxRuntimeFrameBytes);
    context.lastResultJson = fields.bytes(QStringLiteral("last"), MaxRuntimeFrameBytes);
    context.lastSnapshot =
        fields.optionalBytes(QStringLiteral("last_snapshot"), lua::RunCaps::MaxSnapshotBytes);
    if (!fields.problem().isEmpty())
        reader.refuse(KeyContext, fields.problem());
    return context;
}

// A script may raise an error as long as its memory allows; what crosses
// the channel is cut to what hearthd accepts.
QString withinErrorCap(const QString &text)
{
    static const QString cut = QStringLiteral("… (cut)");
    return text.size() <= MaxErrorChars ? text : text.left(MaxErrorChars - cut.size()) + cut;
}

// A script's log functions (log.trace … log.error): every level but debug,
// which only agents' workers report.
std::optional<LogLevel> scriptLogLevel(const QString &name)
{
    const std::optional<LogLevel> level = logLevelFromName(name);
    if (level == LogLevel::Debug)
        return std::nullopt;
    return level;
}

// Every message is one CBOR map with a type and a run token; `decodeBody`
// reads the rest of a known type (nullopt: the type is unknown). The first
// problem found is the answer.
template<typename Message, typename DecodeBody>
Result<Message> decodeMessage(const QByteArray &payload, DecodeBody decodeBody)
{
    auto parsed = parseMap(payload);
    if (!parsed)
        return fail(parsed.error());
    FieldReader fields(parsed.value());
    const QString type = fields.text(KeyType, 16);
    const quint64 run = fields.unsignedInteger(KeyRun);
    if (!fields.problem().isEmpty())
        return fail(fields.problem());
    std::optional<Message> message = decodeBody(type, run, fields);
    if (!fields.problem().isEmpty())
        return fail(fields.problem());
    if (!message)
        return fail(QStringLiteral("unknown message type \"%1\"").arg(type));
    return std::move(*message);
}

RunRequest decodeRunRequest(quint64 run, FieldReader &fields)
{
    RunRequest request;
    request.run = run;
    request.source = fields.bytes(KeySource, MaxRuntimeFrameBytes);
    request.context = decodeContext(fields.map(KeyContext), fields);
    const QCborArray limits = fields.array(KeyLimits, 3);
    if (limits.size() != 3)
        fields.refuse(KeyLimits, QStringLiteral("three integers"));
    request.limits = { limits.at(0).toInteger(), limits.at(1).toInteger(),
                       limits.at(2).toInteger() };
    return request;
}

CallReply decodeCallReply(quint64 run, FieldReader &fields)
{
    CallReply reply;
    reply.run = run;
    reply.seq = fields.unsignedInteger(KeySeq);
    reply.ok = fields.boolean(KeyOk);
    if (reply.ok)
        reply.value = fields.any(KeyValue);
    else
        reply.error = fields.text(KeyError, MaxErrorChars);
    return reply;
}

SdkCall decodeSdkCall(quint64 run, FieldReader &fields)
{
    SdkCall call;
    call.run = run;
    call.seq = fields.unsignedInteger(KeySeq);
    const QString name = fields.text(KeyFunction, 32);
    if (const auto function = sdkFunctionFromName(name))
        call.function = *function;
    else
        fields.refuseBecause(QStringLiteral("unknown SDK function \"%1\"").arg(name));
    call.args = fields.array(KeyArgs, MaxSdkArguments);
    return call;
}

LogMessage decodeLogMessage(quint64 run, FieldReader &fields)
{
    LogMessage log;
    log.run = run;
    const std::optional<LogLevel> level = scriptLogLevel(fields.text(KeyLevel, 8));
    log.line.level = level.value_or(LogLevel::Info);
    log.line.message = fields.text(KeyMessage, lua::RunCaps::MaxLogBytes);
    log.line.dataJson = fields.bytes(KeyData, MaxLogDataBytes, true);
    if (fields.problem().isEmpty() && !level)
        fields.refuse(KeyLevel, QStringLiteral("trace, info, warn or error"));
    if (fields.problem().isEmpty() && !log.line.dataJson.isEmpty() &&
        !isJsonText(log.line.dataJson))
        fields.refuse(KeyData, QStringLiteral("one JSON value"));
    return log;
}

RunDone decodeRunDone(quint64 run, FieldReader &fields)
{
    RunDone done;
    done.run = run;
    const quint64 outcome = fields.unsignedInteger(KeyOutcome);
    // Only hearthd says a host crashed.
    if (outcome >= quint64(lua::Outcome::SandboxCrashed))
        fields.refuse(KeyOutcome, QStringLiteral("a run outcome"));
    done.result.outcome = lua::Outcome(qMin(outcome, quint64(lua::LastOutcome)));
    done.result.errorMessage = fields.text(KeyError, MaxErrorChars);
    done.result.traceback = fields.text(KeyTraceback, MaxErrorChars);
    done.result.resultJson = fields.bytes(KeyResult, lua::RunCaps::MaxResultBytes);
    done.result.durationMs = qint64(fields.unsignedInteger(KeyDuration));
    done.result.instructions = qint64(fields.unsignedInteger(KeyInstructions));
    done.result.peakMemoryBytes = qint64(fields.unsignedInteger(KeyPeakMemory));
    done.result.snapshot = fields.optionalBytes(KeySnapshot, lua::RunCaps::MaxSnapshotBytes);
    if (fields.problem().isEmpty() && !isJsonText(done.result.resultJson))
        fields.refuse(KeyResult, QStringLiteral("one JSON value"));
    return done;
}

} // namespace

QByteArray encodeFrame(const QCborMap &message)
{
    const QByteArray payload = message.toCborValue().toCbor();
    QByteArray frame(FrameHeaderBytes, Qt::Uninitialized);
    qToBigEndian(quint32(payload.size()), frame.data());
    frame.append(payload);
    return frame;
}

FrameReader::Status FrameReader::next(QByteArray &payload)
{
    if (m_buffer.size() < FrameHeaderBytes)
        return Status::NeedMore;
    const quint32 length = qFromBigEndian<quint32>(m_buffer.constData());
    if (qsizetype(length) > m_maxFrameBytes)
        return Status::TooLarge;
    if (m_buffer.size() - FrameHeaderBytes < qsizetype(length))
        return Status::NeedMore;
    payload = m_buffer.mid(FrameHeaderBytes, length);
    m_buffer.remove(0, FrameHeaderBytes + length);
    return Status::Frame;
}

QString sdkFunctionName(SdkFunction function)
{
    return nameOf(FunctionNames, function);
}

std::optional<SdkFunction> sdkFunctionFromName(QStringView name)
{
    return valueOf(FunctionNames, name);
}

QCborMap encodeRuntimeMessage(const RuntimeMessage &message)
{
    if (const auto *run = std::get_if<RunRequest>(&message)) {
        return QCborMap { { KeyType, TypeRun },
                          { KeyRun, qint64(run->run) },
                          { KeySource, run->source },
                          { KeyContext, encodeContext(run->context) },
                          { KeyLimits,
                            QCborArray { run->limits.instructions, run->limits.memoryBytes,
                                         run->limits.timeoutMs } } };
    }
    if (const auto *check = std::get_if<CheckRequest>(&message)) {
        return QCborMap { { KeyType, TypeCheck },
                          { KeyRun, qint64(check->run) },
                          { KeySource, check->source } };
    }
    const auto &reply = std::get<CallReply>(message);
    QCborMap map { { KeyType, TypeReply },
                   { KeyRun, qint64(reply.run) },
                   { KeySeq, qint64(reply.seq) },
                   { KeyOk, reply.ok } };
    if (reply.ok)
        map.insert(KeyValue, reply.value);
    else
        map.insert(KeyError, withinErrorCap(reply.error));
    return map;
}

Result<RuntimeMessage> decodeRuntimeMessage(const QByteArray &payload)
{
    return decodeMessage<RuntimeMessage>(
        payload,
        [](const QString &type, quint64 run, FieldReader &fields) -> std::optional<RuntimeMessage> {
            if (type == TypeRun)
                return decodeRunRequest(run, fields);
            if (type == TypeCheck)
                return CheckRequest { run, fields.bytes(KeySource, MaxRuntimeFrameBytes) };
            if (type == TypeReply)
                return decodeCallReply(run, fields);
            return std::nullopt;
        });
}

QCborMap encodeHostMessage(const HostMessage &message)
{
    if (const auto *call = std::get_if<SdkCall>(&message)) {
        return QCborMap { { KeyType, TypeCall },
                          { KeyRun, qint64(call->run) },
                          { KeySeq, qint64(call->seq) },
                          { KeyFunction, sdkFunctionName(call->function) },
                          { KeyArgs, call->args } };
    }
    if (const auto *log = std::get_if<LogMessage>(&message)) {
        QCborMap map { { KeyType, TypeLog },
                       { KeyRun, qint64(log->run) },
                       { KeyLevel, logLevelName(log->line.level) },
                       { KeyMessage, log->line.message } };
        if (!log->line.dataJson.isEmpty())
            map.insert(KeyData, log->line.dataJson);
        return map;
    }
    if (const auto *done = std::get_if<RunDone>(&message)) {
        const lua::ExecutionResult &result = done->result;
        QCborMap map { { KeyType, TypeDone },
                       { KeyRun, qint64(done->run) },
                       { KeyOutcome, int(result.outcome) },
                       { KeyError, withinErrorCap(result.errorMessage) },
                       { KeyTraceback, withinErrorCap(result.traceback) },
                       { KeyResult, result.resultJson },
                       { KeyDuration, result.durationMs },
                       { KeyInstructions, result.instructions },
                       { KeyPeakMemory, result.peakMemoryBytes } };
        if (result.snapshot)
            map.insert(KeySnapshot, *result.snapshot);
        return map;
    }
    const auto &checked = std::get<CheckDone>(message);
    return QCborMap { { KeyType, TypeChecked },
                      { KeyRun, qint64(checked.run) },
                      { KeyError, withinErrorCap(checked.error) } };
}

Result<HostMessage> decodeHostMessage(const QByteArray &payload)
{
    return decodeMessage<HostMessage>(
        payload,
        [](const QString &type, quint64 run, FieldReader &fields) -> std::optional<HostMessage> {
            if (type == TypeCall)
                return decodeSdkCall(run, fields);
            if (type == TypeLog)
                return decodeLogMessage(run, fields);
            if (type == TypeDone)
                return decodeRunDone(run, fields);
            if (type == TypeChecked)
                return CheckDone { run, fields.text(KeyError, MaxErrorChars) };
            return std::nullopt;
        });
}

bool isJsonText(const QByteArray &json)
{
    // QJsonDocument takes only objects and arrays at the top.
    QJsonParseError error;
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + json + ']', &error);
    return error.error == QJsonParseError::NoError && wrapped.array().size() == 1;
}

quint64 runOf(const HostMessage &message)
{
    return std::visit([](const auto &typed) { return typed.run; }, message);
}

Result<QByteArray> byteArgument(const QCborArray &args, qsizetype index, qsizetype maxBytes)
{
    const QCborValue value = args.at(index);
    if (!value.isByteArray() || value.toByteArray().size() > maxBytes)
        return fail(QStringLiteral("argument %1 must be a byte string of at most %2 bytes")
                        .arg(index + 1)
                        .arg(maxBytes));
    return value.toByteArray();
}

Result<QString> textArgument(const QCborArray &args, qsizetype index, qsizetype maxBytes)
{
    const QCborValue value = args.at(index);
    if (!value.isString() || value.toString().size() > maxBytes)
        return fail(QStringLiteral("argument %1 must be a text of at most %2 bytes")
                        .arg(index + 1)
                        .arg(maxBytes));
    return value.toString();
}

} // namespace hearth::sandbox
