#pragma once

#include "client/HearthApi.h"
#include "model/WatcherSpec.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;

namespace hearth::ui {

class CodeEditor;
class Session;

// Creates or edits one watcher: Lua script (highlighted, line numbers) or
// agent prompt, schedule with a live "next 5 runs" preview from the runtime,
// limits and policies, and a Test run of the script as it stands.
class WatcherEditor : public QDialog
{
    Q_OBJECT
public:
    // `watcher` empty: a new one. Otherwise the full watcher (with script).
    WatcherEditor(Session &session, const std::optional<client::Watcher> &watcher,
                  QWidget *parent = nullptr);

    // The watcher as the form describes it, for the runtime to check.
    client::WatcherChanges changes() const;
    // Saves (POST or PATCH); accepts the dialog when the runtime agrees,
    // otherwise shows its error and stays open.
    void save();
    void testRun();
    QStringList previewLines() const;
    QString errorText() const;
    QString testOutput() const;

signals:
    void saved(const hearth::client::Watcher &watcher);
    void previewUpdated();
    void testRunFinished();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildForm();
    void load(const scheduler::WatcherSpec &watcher);
    bool isAgent() const;
    client::ScheduleForm scheduleForm() const;
    // The folder trigger the form sets (the stored settle time kept).
    scheduler::FolderTrigger folderTrigger() const;
    // The Lua limits the form sets (timeout included).
    lua::Limits scriptLimits() const;
    // The result schema as typed ({} when empty or not a JSON object).
    QJsonObject resultSchemaObject() const;
    void requestPreview();
    void loadWorkers();
    void kindChanged();

    Session &m_session;
    QString m_id;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QCheckBox *m_enabled;
    QComboBox *m_scheduleKind;
    QStackedWidget *m_scheduleFields;
    QSpinBox *m_every;
    QComboBox *m_everyUnit;
    QLineEdit *m_cron;
    QComboBox *m_timeZone;
    QDateTimeEdit *m_at;
    QComboBox *m_after; // the watcher whose runs start this one
    QComboBox *m_afterWhen;
    QLineEdit *m_folder; // the folder whose changes start it
    QCheckBox *m_folderRecursive;
    QLineEdit *m_folderGlob;
    QComboBox *m_webhookVerify; // how a webhook delivery is verified
    QLabel *m_webhookPath; // where it is delivered (once saved)
    QListWidget *m_preview;
    QStackedWidget *m_body;
    CodeEditor *m_script;
    QLineEdit *m_testEvent;
    QPlainTextEdit *m_testResult;
    CodeEditor *m_prompt;
    QComboBox *m_agentKind;
    QComboBox *m_worker;
    CodeEditor *m_resultSchema = nullptr;
    QLineEdit *m_workdir;
    QSpinBox *m_timeout;
    QSpinBox *m_instructions; // millions
    QSpinBox *m_memory; // MiB
    QSpinBox *m_maxAttempts;
    QSpinBox *m_backoffBase;
    QSpinBox *m_backoffMax;
    QComboBox *m_concurrency;
    QComboBox *m_catchUp;
    QComboBox *m_notify;
    QSpinBox *m_notifyInterval; // seconds
    QSpinBox *m_notifyBudget; // per day
    QSpinBox *m_escalationBudget; // per day, scripts only
    QSpinBox *m_keepRuns; // the minimum: as hearthd keeps them
    QSpinBox *m_keepDays;
    QLabel *m_error;
    QTimer m_previewTimer;
    // The stored watcher being edited; none for a new one.
    std::optional<scheduler::WatcherSpec> m_original;
};

} // namespace hearth::ui
