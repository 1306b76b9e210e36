#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

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
    WatcherEditor(Session &session, const QJsonObject &watcher, QWidget *parent = nullptr);

    // The watcher as the form describes it (the API's JSON).
    QJsonObject toJson() const;
    // Saves (POST or PATCH); accepts the dialog when the runtime agrees,
    // otherwise shows its error and stays open.
    void save();
    void testRun();
    QStringList previewLines() const;
    QString errorText() const;
    QString testOutput() const;

signals:
    void saved(const QJsonObject &watcher);
    void previewUpdated();
    void testRunFinished();

private:
    void buildForm();
    void load(const QJsonObject &watcher);
    QJsonObject scheduleJson() const;
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
    QListWidget *m_preview;
    QStackedWidget *m_body;
    CodeEditor *m_script;
    QLineEdit *m_testEvent;
    QPlainTextEdit *m_testResult;
    CodeEditor *m_prompt;
    QComboBox *m_agentKind;
    QComboBox *m_worker;
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
    QLabel *m_error;
    QTimer m_previewTimer;
    QJsonObject m_original;
};

} // namespace hearth::ui
