#include "DiffView.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

namespace hearth::ui {

namespace {

// Light backgrounds that keep the default text readable.
QColor backgroundOf(DiffRow::Kind kind)
{
    switch (kind) {
    case DiffRow::Kind::Added:
        return DiffView::AddedColour;
    case DiffRow::Kind::Removed:
        return DiffView::RemovedColour;
    case DiffRow::Kind::Gap:
        return QColor(0xee, 0xee, 0xee);
    case DiffRow::Kind::Context:
        break;
    }
    return {};
}

QPlainTextEdit *textPane(const QString &name, QWidget *parent)
{
    auto *pane = new QPlainTextEdit(parent);
    pane->setReadOnly(true);
    pane->setLineWrapMode(QPlainTextEdit::NoWrap);
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    pane->setAccessibleName(name);
    return pane;
}

// One line per row, each block coloured by its kind (a missing row on one
// side of a pair is an empty, uncoloured line).
void fill(QPlainTextEdit *pane, const QList<std::pair<std::optional<DiffRow>, QString>> &lines)
{
    pane->clear();
    QTextCursor cursor(pane->document());
    bool first = true;
    for (const auto &[row, text] : lines) {
        if (!first)
            cursor.insertBlock();
        first = false;
        QTextBlockFormat format;
        if (row) {
            if (const QColor colour = backgroundOf(row->kind); colour.isValid())
                format.setBackground(colour);
        }
        cursor.setBlockFormat(format);
        cursor.insertText(text);
    }
    pane->moveCursor(QTextCursor::Start);
}

QString marked(const DiffRow &row)
{
    switch (row.kind) {
    case DiffRow::Kind::Added:
        return QStringLiteral("+ ") + row.text;
    case DiffRow::Kind::Removed:
        return QStringLiteral("- ") + row.text;
    case DiffRow::Kind::Gap:
        return QStringLiteral("⋯");
    case DiffRow::Kind::Context:
        break;
    }
    return QStringLiteral("  ") + row.text;
}

} // namespace

const QColor DiffView::AddedColour(0xd8, 0xf5, 0xdd);
const QColor DiffView::RemovedColour(0xfb, 0xdc, 0xdc);

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_inline(textPane(tr("Changes"), this))
    , m_left(textPane(tr("Before"), this))
    , m_right(textPane(tr("After"), this))
{
    auto *split = new QSplitter(this);
    split->addWidget(m_left);
    split->addWidget(m_right);
    // Both sides scroll together: their rows face each other.
    connect(m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(),
            &QScrollBar::setValue);
    m_stack->addWidget(m_inline);
    m_stack->addWidget(split);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void DiffView::setRows(const QList<DiffRow> &rows)
{
    QList<std::pair<std::optional<DiffRow>, QString>> inlineLines;
    for (const DiffRow &row : rows)
        inlineLines.append({ row, marked(row) });
    fill(m_inline, inlineLines);
    QList<std::pair<std::optional<DiffRow>, QString>> left;
    QList<std::pair<std::optional<DiffRow>, QString>> right;
    for (const SideBySideRow &pair : sideBySide(rows)) {
        left.append({ pair.left, pair.left ? marked(*pair.left) : QString() });
        right.append({ pair.right, pair.right ? marked(*pair.right) : QString() });
    }
    fill(m_left, left);
    fill(m_right, right);
}

void DiffView::setText(const QString &text)
{
    m_inline->setPlainText(text);
    m_left->clear();
    m_right->setPlainText(text);
}

void DiffView::setMode(Mode mode)
{
    m_mode = mode;
    m_stack->setCurrentIndex(mode == Mode::Inline ? 0 : 1);
}

const QTextDocument *DiffView::inlineDocument() const
{
    return m_inline->document();
}

const QTextDocument *DiffView::leftDocument() const
{
    return m_left->document();
}

const QTextDocument *DiffView::rightDocument() const
{
    return m_right->document();
}

} // namespace hearth::ui
