#pragma once

#include "models/HistoryData.h"

#include <QWidget>

class QPlainTextEdit;
class QStackedWidget;
class QTextDocument;

namespace hearth::ui {

// What changed between two texts: inline (one column, each line marked) or
// side by side (old left, new right); added lines green, removed red.
class DiffView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Inline, SideBySide };
    static const QColor AddedColour;
    static const QColor RemovedColour;

    explicit DiffView(QWidget *parent = nullptr);

    void setRows(const QList<DiffRow> &rows);
    // A whole text, nothing compared (the oldest snapshot).
    void setText(const QString &text);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    const QTextDocument *inlineDocument() const;
    const QTextDocument *leftDocument() const;
    const QTextDocument *rightDocument() const;

private:
    Mode m_mode = Mode::Inline;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_inline;
    QPlainTextEdit *m_left;
    QPlainTextEdit *m_right;
};

} // namespace hearth::ui
