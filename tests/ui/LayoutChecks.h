#pragma once

// What every window and dialog of the tray must be in every shipped
// language (issue 19): no label showing a literal "&" (a label with a
// mnemonic needs a buddy), and small enough for a 1280×800 screen less a
// panel and a title bar. Used offscreen (tst_pages) and on a real 1280×800 X
// screen (tst_desktop).
#include <QDialogButtonBox>
#include <QLabel>
#include <QRegularExpression>
#include <QScreen>
#include <QTest>
#include <QWidget>

namespace hearth::test {

inline const QSize LaptopScreen(1280, 800 - 64);

inline void checkMnemonicLabels(const QWidget *top)
{
    static const QRegularExpression mnemonic(QStringLiteral("&[^&]"));
    for (const QLabel *label : top->findChildren<QLabel *>()) {
        if (label->textFormat() != Qt::RichText && label->text().contains(mnemonic))
            QVERIFY2(label->buddy(), qPrintable(label->text() + u" has no buddy"));
    }
}

inline void checkFitsALaptop(const QWidget *top)
{
    const QSize least = top->minimumSizeHint();
    QVERIFY2(least.width() <= LaptopScreen.width() && least.height() <= LaptopScreen.height(),
             qPrintable(QStringLiteral("%1 needs %2×%3")
                            .arg(QString::fromLatin1(top->metaObject()->className()))
                            .arg(least.width())
                            .arg(least.height())));
}

// A shown dialog lies on its screen, its buttons wholly visible.
inline void checkOnItsScreen(const QWidget *dialog)
{
    const QRect available = dialog->screen()->availableGeometry();
    QVERIFY2(available.contains(dialog->frameGeometry()),
             qPrintable(QStringLiteral("%1×%2 at %3,%4 on %5×%6")
                            .arg(dialog->frameGeometry().width())
                            .arg(dialog->frameGeometry().height())
                            .arg(dialog->frameGeometry().x())
                            .arg(dialog->frameGeometry().y())
                            .arg(available.width())
                            .arg(available.height())));
    const auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons && buttons->isVisible());
    QCOMPARE(buttons->visibleRegion().boundingRect().size(), buttons->size());
}

} // namespace hearth::test
