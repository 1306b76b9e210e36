#include "LogsPage.h"

#include "Session.h"
#include "client/Format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {
constexpr int MaxLines = 5000;
constexpr LogLevel Levels[] = { LogLevel::Trace, LogLevel::Debug, LogLevel::Info, LogLevel::Warn,
                                LogLevel::Error };
} // namespace

LogsPage::LogsPage(QWidget *parent)
    : Page(parent)
{
    m_level = new QComboBox(this);
    m_level->setAccessibleName(tr("Minimum level"));
    for (const LogLevel level : Levels)
        m_level->addItem(logLevelName(level), int(level));
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search"));
    m_search->setAccessibleName(tr("Search logs"));
    m_search->setClearButtonEnabled(true);
    m_pause = new QCheckBox(tr("&Pause"), this);
    m_state = new QLabel(this);
    m_view = new QPlainTextEdit(this);
    m_view->setReadOnly(true);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setMaximumBlockCount(MaxLines);
    m_view->setAccessibleName(tr("Live log"));
    connect(m_level, &QComboBox::currentIndexChanged, this, &LogsPage::rerender);
    connect(m_search, &QLineEdit::textChanged, this, &LogsPage::rerender);
    connect(m_pause, &QCheckBox::toggled, this, [this](bool paused) {
        if (!paused) {
            m_heldWhilePaused = 0;
            rerender();
        }
        m_state->setText(paused ? tr("Paused") : QString());
    });
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Level:"), this));
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_pause);
    bar->addWidget(m_state);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view);
}

void LogsPage::setSession(Session *session)
{
    followSession(session);
    if (session)
        connect(session, &Session::logLineAdded, this, &LogsPage::append);
}

void LogsPage::reload()
{
    // A live tail: what happened while disconnected is in each run's logs.
}

void LogsPage::append(const client::LogEvent &line)
{
    m_lines.append(line);
    if (m_lines.size() > MaxLines)
        m_lines.removeFirst();
    if (m_pause->isChecked()) {
        ++m_heldWhilePaused;
        m_state->setText(tr("Paused (%n new line(s))", nullptr, m_heldWhilePaused));
        return;
    }
    if (visible(line))
        m_view->appendPlainText(render(line));
}

bool LogsPage::visible(const client::LogEvent &line) const
{
    if (int(line.line.level) < m_level->currentData().toInt())
        return false;
    const QString search = m_search->text();
    return search.isEmpty() || render(line).contains(search, Qt::CaseInsensitive);
}

QString LogsPage::render(const client::LogEvent &line) const
{
    return tr("%1  run %2  [%3] %4")
        .arg(client::format::localTime(line.line.time), line.runId, logLevelName(line.line.level),
             line.line.message);
}

void LogsPage::rerender()
{
    m_view->clear();
    QStringList text;
    for (const client::LogEvent &line : std::as_const(m_lines)) {
        if (visible(line))
            text << render(line);
    }
    m_view->setPlainText(text.join(u'\n'));
}

void LogsPage::setLevelFilter(LogLevel minimumLevel)
{
    m_level->setCurrentIndex(qMax(0, m_level->findData(int(minimumLevel))));
}

void LogsPage::setSearch(const QString &text)
{
    m_search->setText(text);
}

void LogsPage::setPaused(bool paused)
{
    m_pause->setChecked(paused);
}

QString LogsPage::visibleText() const
{
    return m_view->toPlainText();
}

} // namespace hearth::ui
