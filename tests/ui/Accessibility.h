#pragma once

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QWidget>

// What a screen reader announces a control by, and which controls a keyboard
// user must reach: shared by the page tests.
namespace hearth::test {

// "&Name:" as said aloud: "Name".
inline QString spokenText(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    text = text.trimmed();
    if (text.endsWith(QLatin1Char(':')))
        text.chop(1);
    return text;
}

// The control's accessible name, else the text of the label whose buddy it
// is (what Qt's accessibility bridge reports as its label), else a button's
// own text or tooltip. Empty: a screen reader has nothing to say.
inline QString accessibleLabelOf(const QWidget *control)
{
    if (!control->accessibleName().isEmpty())
        return control->accessibleName();
    const QList<QLabel *> labels = control->window()->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->buddy() == control)
            return spokenText(label->text());
    }
    if (const auto *tabs = qobject_cast<const QTabBar *>(control)) {
        // Each tab is announced by its own text.
        QStringList texts;
        for (int tab = 0; tab < tabs->count(); ++tab)
            texts << spokenText(tabs->tabText(tab));
        return texts.contains(QString()) ? QString() : texts.join(QStringLiteral(", "));
    }
    if (const auto *button = qobject_cast<const QAbstractButton *>(control)) {
        const QString text = spokenText(button->text());
        return text.isEmpty() ? button->toolTip() : text;
    }
    return {};
}

// The controls in `root` a keyboard user must be able to reach: shown,
// enabled, taking Tab focus, and not the inner part of another control (a
// spin box's or combo box's line edit, a widget whose focus goes to a proxy).
inline QList<QWidget *> keyboardControlsOf(QWidget *root)
{
    QList<QWidget *> controls;
    const QList<QWidget *> children = root->findChildren<QWidget *>();
    for (QWidget *widget : children) {
        if (!widget->isVisibleTo(root->window()) || !widget->isEnabled() ||
            !(widget->focusPolicy() & Qt::TabFocus) || widget->focusProxy() ||
            qobject_cast<QLabel *>(widget))
            continue;
        const QWidget *parent = widget->parentWidget();
        if (qobject_cast<const QAbstractSpinBox *>(parent) ||
            qobject_cast<const QComboBox *>(parent))
            continue;
        controls.append(widget);
    }
    return controls;
}

// The control in `root` announced as `label`.
template<typename Control> Control *controlLabelled(QWidget *root, const QString &label)
{
    const QList<Control *> controls = root->findChildren<Control *>();
    for (Control *control : controls) {
        if (accessibleLabelOf(control) == label)
            return control;
    }
    return nullptr;
}

} // namespace hearth::test
