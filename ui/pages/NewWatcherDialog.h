#pragma once

#include "client/HearthApi.h"

#include <QDialog>
#include <QHash>
#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QWidget;

namespace hearth::ui {

class Session;

// New watcher, the way most people start: pick a template (page change,
// value watch, feed…), fill a short form built from the template's schema,
// press Preview to see what it finds now and what it would say, then save.
// Writing a Lua script, or opening the template's script in the editor, is
// one click away.
class NewWatcherDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewWatcherDialog(Session &session, QWidget *parent = nullptr);

    // Selects a template by name once they are loaded (the welcome page's
    // buttons).
    void chooseTemplate(const QString &name);
    QString chosenTemplate() const;
    // The form's values as the template's parameters (empty optional fields
    // left out); an error names the first field that is wrong.
    QJsonObject params(QString *error = nullptr) const;
    // Sets one field (tests, and the welcome page's URL).
    void setField(const QString &param, const QString &text);
    QWidget *field(const QString &param) const { return m_fields.value(param); }
    // The template's parameters, top to bottom.
    QStringList fieldNames() const;

    void preview();
    void save();
    QString previewFound() const;
    QString previewMessages() const;
    QString errorText() const;
    QListWidget *templateList() const { return m_templates; }

signals:
    void templatesLoaded();
    void previewFinished();
    void saved(const hearth::client::Watcher &watcher);
    // The user wants a Lua script instead: `script` empty for a blank one,
    // or the template's (a new watcher with it, name and schedule).
    void writeScriptRequested(const std::optional<hearth::client::Watcher> &draft);

private:
    void loadTemplates();
    void showTemplate(int row);
    // Whether a field must be filled in now (always, or for the choice made).
    bool isNeeded(const client::TemplateParamInfo &param) const;
    void updateDependentFields();
    void showError(const QString &text);
    const client::WatcherTemplateInfo *current() const;
    void openInEditor();
    void showPreview(const client::TemplatePreview &preview);

    Session &m_session;
    QList<client::WatcherTemplateInfo> m_infos;
    QString m_pendingChoice;
    QListWidget *m_templates;
    QLabel *m_description;
    QWidget *m_formHost;
    QFormLayout *m_form;
    QHash<QString, QWidget *> m_fields;
    QSpinBox *m_every; // minutes
    QPushButton *m_preview;
    QPushButton *m_save;
    QPushButton *m_editScript;
    QLabel *m_status;
    QPlainTextEdit *m_found;
    QPlainTextEdit *m_messages;
    QLabel *m_error;
    // The last preview's watcher (its script), for "Edit as Lua".
    std::optional<client::TemplatePreview> m_lastPreview;
};

// A template's parameter or choice value in the user's language (the
// runtime's English when no translation is known).
QString templateText(const QString &runtimeText);
QString choiceLabel(const QString &value);

} // namespace hearth::ui
