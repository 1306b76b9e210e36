#include "LogsPage.h"

#include "Session.h"
#include "client/Format.h"
#include "models/JsonTableModel.h"

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
const QStringList Levels { QStringLiteral("trace"), QStringLiteral("info"), QStringLiteral("warn"),
                           QStringLiteral("error") };
} // namespace

LogsPage::LogsPage(QWidget *parent)
    : Page(parent)
{
    m_level = new QComboBox(this);
    m_level->setAccessibleName(tr("Minimum level"));
    for (const QString &level : Levels)
        m_level->addItem(level, level);
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
}

void LogsPage::onEvent(const QByteArray &type, const QJsonObject &data)
{
    if (type == "log")
        append(data);
}

void LogsPage::reload()
{
    // A live tail: what happened while disconnected is in each run's logs.
}

void LogsPage::append(const QJsonObject &line)
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

bool LogsPage::visible(const QJsonObject &line) const
{
    const int level = int(Levels.indexOf(line.value(QStringLiteral("level")).toString()));
    if (level >= 0 && level < m_level->currentIndex())
        return false;
    const QString search = m_search->text();
    return search.isEmpty() || render(line).contains(search, Qt::CaseInsensitive);
}

QString LogsPage::render(const QJsonObject &line) const
{
    return tr("%1  run %2  [%3] %4")
        .arg(client::format::localTime(
                 client::Timestamp(line.value(QStringLiteral("ts")).toString())),
             JsonTableModel::keyOf(line, QStringLiteral("run_id")),
             line.value(QStringLiteral("level")).toString(),
             line.value(QStringLiteral("message")).toString());
}

void LogsPage::rerender()
{
    m_view->clear();
    QStringList text;
    for (const QJsonObject &line : std::as_const(m_lines)) {
        if (visible(line))
            text << render(line);
    }
    m_view->setPlainText(text.join(u'\n'));
}

void LogsPage::setLevelFilter(const QString &minimumLevel)
{
    m_level->setCurrentIndex(qMax(0, m_level->findData(minimumLevel)));
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
