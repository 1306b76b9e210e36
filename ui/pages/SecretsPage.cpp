#include "SecretsPage.h"

#include "Session.h"
#include "Tables.h"
#include "client/Format.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hearth::ui {

SecretsPage::SecretsPage(QWidget *parent)
    : Page(parent)
    , m_secrets([](const client::SecretInfo &secret) { return secret.name; })
    , m_view(new QTableView(this))
{
    using Row = const client::SecretInfo &;
    const auto text = &Model::displayText;
    m_model = new Model(
        {
            { tr("Name"), text([](Row secret) { return secret.name; }), {} },
            { tr("Created"),
              text([](Row secret) { return client::format::localTime(secret.createdAt); }),
              {} },
            { tr("Updated"),
              text([](Row secret) { return client::format::localTime(secret.updatedAt); }),
              {} },
        },
        this);
    m_model->setList(&m_secrets);
    setUpTable(m_view, m_model, tr("Secrets"));
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this]() {
        hideValue();
        updateActions();
    });

    m_keyStatus = new QLabel(this);
    m_keyStatus->setWordWrap(true);
    m_keyStatus->setObjectName(QStringLiteral("keyStatus"));
    m_value = new QLineEdit(this);
    m_value->setReadOnly(true);
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setAccessibleName(tr("Revealed value"));
    m_add = new QPushButton(tr("&Add…"), this);
    m_update = new QPushButton(tr("&Update…"), this);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_reveal = new QPushButton(tr("&Reveal"), this);
    m_copy = new QPushButton(tr("&Copy"), this);
    connect(m_add, &QPushButton::clicked, this, [this]() { editSecret(false); });
    connect(m_update, &QPushButton::clicked, this, [this]() { editSecret(true); });
    connect(m_delete, &QPushButton::clicked, this, &SecretsPage::deleteSelected);
    connect(m_reveal, &QPushButton::clicked, this, &SecretsPage::revealSelected);
    connect(m_copy, &QPushButton::clicked, this, &SecretsPage::copySelected);
    auto *bar = new QHBoxLayout;
    for (QPushButton *button : { m_add, m_update, m_delete, m_reveal, m_copy })
        bar->addWidget(button);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_keyStatus);
    layout->addLayout(bar);
    layout->addWidget(m_view);
    layout->addWidget(m_value);

    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, &SecretsPage::hideValue);
    m_clipboardTimer.setSingleShot(true);
    setExposure(DefaultExposure);
    connect(&m_clipboardTimer, &QTimer::timeout, this, [this]() {
        // Only our value is cleared: the user may have copied something else since.
        QClipboard *clipboard = QApplication::clipboard();
        if (clipboard->text() == m_copiedValue)
            clipboard->clear();
        m_copiedValue.clear();
    });
    updateActions();
}

void SecretsPage::setSession(Session *session)
{
    followSession(session);
    hideValue();
    m_secrets.setRecords({});
    m_keyStatus->clear();
    if (session)
        reload();
    updateActions();
}

void SecretsPage::reload()
{
    if (!m_session)
        return;
    m_session->send(client::api::status(), this,
                    [this](const client::Answer<client::Status> &answer) {
                        if (answer.ok())
                            showKeyStatus(answer.value->key);
                    });
    const auto ticket = m_secrets.beginReload();
    m_session->send(client::api::secrets({}), this,
                    [this, ticket](const client::Answer<client::Page<client::SecretInfo>> &answer) {
                        if (!answer.ok()) {
                            m_secrets.abandonReload(ticket);
                            emit message(
                                tr("Could not load secrets: %1").arg(answer.reply.errorMessage()));
                            emit loaded();
                            return;
                        }
                        const QString selected = selectedName();
                        if (!m_secrets.finishReload(ticket, answer.value->items))
                            return; // a newer listing is on its way
                        selectSecret(selected);
                        updateActions();
                        emit loaded();
                    });
}

void SecretsPage::showKeyStatus(const client::KeyStatus &key)
{
    using Source = client::KeyStatus::Source;
    QStringList lines;
    if (key.isReady())
        lines << tr("Secrets are sealed with the master key from the %1.")
                     .arg(key.sourceKind() == Source::Keychain ? tr("OS keychain")
                              : key.sourceKind() == Source::Environment
                              ? tr("HEARTH_SECRET_KEY environment variable")
                              : tr("key file in the data dir"));
    else
        lines << tr("Secrets are %1.").arg(key.state);
    for (const QString &text : { key.message, key.warning }) {
        if (!text.isEmpty())
            lines << text;
    }
    m_keyStatus->setText(lines.join(u'\n'));
    m_keyStatus->setStyleSheet(
        !key.warning.isEmpty() || !key.isReady() ? QStringLiteral("color: #b00020") : QString());
}

QString SecretsPage::selectedName() const
{
    return selectedKey(*m_view, *m_model);
}

void SecretsPage::selectSecret(const QString &name)
{
    const int row = m_model->indexOf(name);
    if (row >= 0)
        m_view->selectRow(row);
}

void SecretsPage::updateActions()
{
    const bool selected = m_session && !selectedName().isEmpty();
    m_add->setEnabled(m_session != nullptr);
    for (QPushButton *button : { m_update, m_delete, m_reveal, m_copy })
        button->setEnabled(selected);
}

void SecretsPage::editSecret(bool update)
{
    QDialog dialog(this);
    dialog.setWindowTitle(update ? tr("Update secret") : tr("Add secret"));
    auto *form = new QFormLayout(&dialog);
    auto *name = new QLineEdit(update ? selectedName() : QString(), &dialog);
    name->setReadOnly(update);
    name->setAccessibleName(tr("Secret name"));
    auto *value = new QLineEdit(&dialog);
    value->setEchoMode(QLineEdit::Password);
    value->setAccessibleName(tr("Secret value"));
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Value:"), value);
    form->addRow(buttons);
    if (update)
        value->setFocus();
    if (dialog.exec() == QDialog::Accepted)
        putSecret(name->text().trimmed(), value->text());
}

void SecretsPage::putSecret(const QString &name, const QString &value)
{
    if (!m_session)
        return;
    m_session->send(
        client::api::setSecret(name, value), this,
        [this, name](const client::Answer<client::Written> &answer) {
            if (!answer.ok())
                emit message(
                    tr("Could not save \"%1\": %2").arg(name, answer.reply.errorMessage()));
            else
                emit message(tr("Saved secret \"%1\".").arg(name));
            emit changed();
            reload();
        });
}

void SecretsPage::deleteSelected()
{
    const QString name = selectedName();
    if (!m_session || name.isEmpty())
        return;
    if (QMessageBox::question(
            this, tr("Delete secret"),
            tr("Delete the secret \"%1\"? Watchers that read it will fail.").arg(name)) !=
        QMessageBox::Yes)
        return;
    m_session->send(
        client::api::removeSecret(name), this,
        [this, name](const client::Answer<client::Done> &answer) {
            if (!answer.ok())
                emit message(
                    tr("Could not delete \"%1\": %2").arg(name, answer.reply.errorMessage()));
            else
                emit message(tr("Deleted secret \"%1\".").arg(name));
            emit changed();
            reload();
        });
}

void SecretsPage::reveal(const QString &name, std::function<void(const QString &)> then)
{
    m_session->send(
        client::api::revealSecret(name), this,
        [this, name, then = std::move(then)](const client::Answer<QString> &answer) {
            if (!answer.ok()) {
                emit message(
                    tr("Could not reveal \"%1\": %2").arg(name, answer.reply.errorMessage()));
                return;
            }
            then(*answer.value);
        });
}

void SecretsPage::revealSelected()
{
    const QString name = selectedName();
    if (!m_session || name.isEmpty())
        return;
    reveal(name, [this, name](const QString &value) {
        m_value->setText(value);
        m_value->setEchoMode(QLineEdit::Normal);
        m_hideTimer.start();
        emit revealed(name);
    });
}

void SecretsPage::copySelected()
{
    const QString name = selectedName();
    if (!m_session || name.isEmpty())
        return;
    reveal(name, [this, name](const QString &value) {
        QApplication::clipboard()->setText(value);
        m_copiedValue = value;
        m_clipboardTimer.start();
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(exposure()).count();
        emit message(
            tr("Copied \"%1\"; the clipboard is cleared in %n second(s).", nullptr, int(seconds))
                .arg(name));
        emit copied(name);
    });
}

void SecretsPage::setExposure(std::chrono::milliseconds exposure)
{
    m_hideTimer.setInterval(exposure);
    m_clipboardTimer.setInterval(exposure);
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(exposure).count();
    m_value->setPlaceholderText(
        tr("Reveal shows the selected value here for %n second(s)", nullptr, int(seconds)));
}

void SecretsPage::hideValue()
{
    m_hideTimer.stop();
    m_value->clear();
    m_value->setEchoMode(QLineEdit::Password);
}

QString SecretsPage::revealedValue() const
{
    return m_value->text();
}

QString SecretsPage::keyStatusText() const
{
    return m_keyStatus->text();
}

} // namespace hearth::ui
