#include "LogSink.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstdio>
#include <mutex>

namespace hearth {

namespace {

struct SinkState
{
    std::mutex mutex;
    LogSink::Settings settings;
    QFile file;
};

SinkState &state()
{
    static SinkState instance;
    return instance;
}

DiagnosticLevel levelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return DiagnosticLevel::Debug;
    case QtInfoMsg:
        return DiagnosticLevel::Info;
    case QtWarningMsg:
        return DiagnosticLevel::Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return DiagnosticLevel::Error;
    }
    return DiagnosticLevel::Error;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "DEBUG";
    case QtInfoMsg:
        return "INFO ";
    case QtWarningMsg:
        return "WARN ";
    case QtCriticalMsg:
        return "ERROR";
    case QtFatalMsg:
        return "FATAL";
    }
    return "?";
}

// Called with the mutex held.
void openFile(SinkState &s)
{
    if (s.settings.filePath.isEmpty())
        return;
    QDir().mkpath(QFileInfo(s.settings.filePath).absolutePath());
    s.file.setFileName(s.settings.filePath);
    if (s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        s.file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void rotate(SinkState &s)
{
    s.file.close();
    const QString base = s.settings.filePath;
    QFile::remove(base + u'.' + QString::number(s.settings.keptFiles));
    for (int i = s.settings.keptFiles - 1; i >= 1; --i)
        QFile::rename(base + u'.' + QString::number(i), base + u'.' + QString::number(i + 1));
    QFile::rename(base, base + QStringLiteral(".1"));
    openFile(s);
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    SinkState &s = state();
    {
        std::lock_guard lock(s.mutex);
        if (type == QtFatalMsg || levelOf(type) >= s.settings.minimumLevel) {
            // One event, one line: embedded newlines would let a message
            // forge extra log lines.
            QString text = message;
            text.replace(u'\n', QStringLiteral("\\n")).replace(u'\r', QStringLiteral("\\r"));
            const QByteArray line =
                QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' +
                levelName(type) + ' ' +
                QByteArray(context.category ? context.category : "default") + ": " + text.toUtf8() +
                '\n';
            std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
            std::fflush(stderr);
            if (s.file.isOpen()) {
                if (s.file.size() + line.size() > s.settings.maxFileBytes)
                    rotate(s);
                s.file.write(line);
                s.file.flush();
            }
        }
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void LogSink::install(const Settings &settings)
{
    SinkState &s = state();
    {
        std::lock_guard lock(s.mutex);
        s.file.close();
        s.settings = settings;
        openFile(s);
    }
    qInstallMessageHandler(handleMessage);
}

void LogSink::uninstall()
{
    SinkState &s = state();
    std::lock_guard lock(s.mutex);
    s.file.close();
    s.settings.filePath.clear();
}

} // namespace hearth
