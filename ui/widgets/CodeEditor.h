#pragma once

#include <QPlainTextEdit>

namespace hearth::ui {

// A plain-text editor with a line-number gutter (Lua scripts, prompts):
// monospace, tab = 4 spaces wide, no wrapping so that line numbers match
// what Lua's errors say.
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    int gutterWidth() const;
    void paintGutter(class QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateGutter(const QRect &rect, int dy);

    QWidget *m_gutter;
};

} // namespace hearth::ui
