#pragma once

#include "Page.h"
#include "client/ApiTypes.h"
#include "models/RecordTableModel.h"

#include <QTimer>
#include <chrono>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace hearth::ui {

// Secret names and dates (never values in the list); add or update with a
// masked field; delete with confirmation; Reveal shows a value for 30 s;
// Copy puts it on the clipboard and clears the clipboard 30 s later (if it
// still holds the value). The master key's source and any warning are shown.
class SecretsPage : public Page
{
    Q_OBJECT
public:
    explicit SecretsPage(QWidget *parent = nullptr);

    void setSession(Session *session) override;
    void reload() override;

    using Model = RecordTableModel<client::SecretInfo>;
    Model *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString selectedName() const;
    void selectSecret(const QString &name);

    // Opens the add/update dialog (for the selected name when `update`).
    void editSecret(bool update);
    void putSecret(const QString &name, const QString &value);
    void deleteSelected();
    void revealSelected();
    void copySelected();
    QString revealedValue() const;
    QString keyStatusText() const;

    // How long a revealed value stays shown and a copied one stays on the
    // clipboard: 30 s. Settable so a test can watch both end without waiting.
    static constexpr std::chrono::milliseconds DefaultExposure { 30000 };
    std::chrono::milliseconds exposure() const { return m_hideTimer.intervalAsDuration(); }
    void setExposure(std::chrono::milliseconds exposure);

signals:
    void loaded();
    void revealed(const QString &name);
    void copied(const QString &name);
    void changed();

private:
    void reveal(const QString &name, std::function<void(const QString &)> then);
    void hideValue();
    void showKeyStatus(const client::KeyStatus &key);
    void updateActions();

    RecordList<client::SecretInfo> m_secrets;
    Model *m_model;
    QTableView *m_view;
    QLabel *m_keyStatus;
    QLineEdit *m_value;
    QPushButton *m_add;
    QPushButton *m_update;
    QPushButton *m_delete;
    QPushButton *m_reveal;
    QPushButton *m_copy;
    QTimer m_hideTimer;
    QTimer m_clipboardTimer;
    QString m_copiedValue;
};

} // namespace hearth::ui
