<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>hearth::client::format</name>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation>
            <numerusform>jeden Tag</numerusform>
            <numerusform>alle %n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>jede Stunde</numerusform>
            <numerusform>alle %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>jede Minute</numerusform>
            <numerusform>alle %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n second(s)</source>
        <translation>
            <numerusform>jede Sekunde</numerusform>
            <numerusform>alle %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>once at %1</source>
        <translation>einmal am %1</translation>
    </message>
    <message>
        <source>cron %1</source>
        <translation>cron %1</translation>
    </message>
    <message>
        <source>cron %1 (%2)</source>
        <translation>cron %1 (%2)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>hearth::ui::DesktopNotifier</name>
    <message numerus="yes">
        <source>%n more notification(s)</source>
        <translation>
            <numerusform>%n weitere Benachrichtigung</numerusform>
            <numerusform>%n weitere Benachrichtigungen</numerusform>
        </translation>
    </message>
    <message>
        <source>The latest: %1</source>
        <translation>Die neueste: %1</translation>
    </message>
</context>
<context>
    <name>hearth::ui::LogsPage</name>
    <message>
        <source>Minimum level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Paused (%n new line(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1  run %2  [%3] %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hearth::ui::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation>Wächter</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Geheimnisse</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1 — Hearth</source>
        <translation>%1 — Hearth</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Reconnecting… (%1)</source>
        <translation>Verbindung wird wiederhergestellt … (%1)</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Laufzeit</translation>
    </message>
</context>
<context>
    <name>hearth::ui::NotificationsPage</name>
    <message>
        <source>unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished">Benachrichtigungen</translation>
    </message>
    <message>
        <source>Mark &amp;read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load notifications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not mark it read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not mark them read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hearth::ui::RunsPage</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished">Läufe</translation>
    </message>
    <message>
        <source>Watcher filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All watchers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished">Protokolle</translation>
    </message>
    <message>
        <source>Could not load runs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of %2: %3, attempt %4 (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled %1 · started %2 · finished %3 · took %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not cancel run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not retry run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 retried as run %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hearth::ui::RuntimeSupervisor</name>
    <message>
        <source>stopped</source>
        <translation type="unfinished">gestoppt</translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished">startet</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished">aktiv</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished">fehlerhaft</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runtime did not come up within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runtime %1 while starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runtime %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last lines from hearthd:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hearth was updated — restart to finish (this tray is %1, the runtime %2).</source>
        <translation>Hearth wurde aktualisiert – zum Abschließen neu starten (diese Leiste ist %1, die Laufzeit %2).</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SecretsPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation type="unfinished">Geheimnisse</translation>
    </message>
    <message>
        <source>Revealed value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are sealed with the master key from the %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HEARTH_SECRET_KEY environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key file in the data dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load secrets: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved secret &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the secret &quot;%1&quot;? Watchers that read it will fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted secret &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reveal &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied &quot;%1&quot;; the clipboard is cleared in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reveal shows the selected value here for %n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::Session</name>
    <message>
        <source>the runtime closed the event stream</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hearth::ui::SettingsPage</name>
    <message>
        <source>Runtime</source>
        <translation type="unfinished">Laufzeit</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start the runtime when the tray starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Hearth at &amp;login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the runtime running when the tray quits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the master key in a &amp;file in the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: anyone who can read the data folder can then decrypt every secret. Use this only where there is no keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished">Benachrichtigungen</translation>
    </message>
    <message>
        <source>Show &amp;desktop notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute for 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute for 4 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute until tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation type="unfinished">Stummschaltung aufheben</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run agent watchers pinned to this device while the tray is up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;claude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add c&amp;odex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add c&amp;ustom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker &quot;%1&quot; (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline: its pinned runs will fail with no_worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(this device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No device worker is registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muted until %1.</source>
        <translation type="unfinished">Stumm bis %1.</translation>
    </message>
    <message>
        <source>%1 is not installed on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;name&quot;, &quot;program&quot;, &quot;args&quot; (with &quot;{prompt}&quot;, or none to pass the prompt on stdin), &quot;env&quot;, &quot;workdir&quot;, &quot;output_format&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start at login: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved, except %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep finished runs for</source>
        <translation>Beendete Läufe aufbewahren für</translation>
    </message>
    <message>
        <source> runs</source>
        <translation> Läufe</translation>
    </message>
    <message>
        <source>Finished runs kept per watcher</source>
        <translation>Aufbewahrte beendete Läufe je Wächter</translation>
    </message>
    <message>
        <source>Keep finished runs &amp;for:</source>
        <translation>Beendete Läufe aufbewahren &amp;für:</translation>
    </message>
    <message>
        <source>Keep at most, per &amp;watcher:</source>
        <translation>Höchstens, je &amp;Wächter:</translation>
    </message>
    <message>
        <source>This window shows %1. Port, folder, history and key file changes apply at the next start. Older runs and their logs are deleted hourly; dead runs are always kept.</source>
        <translation>Dieses Fenster zeigt %1. Änderungen an Port, Ordner, Verlauf und Schlüsseldatei gelten ab dem nächsten Start. Ältere Läufe und ihre Protokolle werden stündlich gelöscht; tote Läufe bleiben immer erhalten.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SingleInstance</name>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another hearth-tray holds %1 but does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the tray&apos;s lock file in the data folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayController</name>
    <message>
        <source>Hearth is not running</source>
        <translation>Hearth läuft nicht</translation>
    </message>
    <message>
        <source>The Hearth runtime stopped unexpectedly</source>
        <translation>Die Hearth-Laufzeit wurde unerwartet beendet</translation>
    </message>
    <message>
        <source>Restarting it…</source>
        <translation>Sie wird neu gestartet …</translation>
    </message>
    <message>
        <source>It crashed three times in a minute and was not restarted. Click to start it again.</source>
        <translation>Sie ist dreimal in einer Minute abgestürzt und wurde nicht neu gestartet. Zum erneuten Starten klicken.</translation>
    </message>
    <message>
        <source>Hearth runtime log</source>
        <translation>Protokoll der Hearth-Laufzeit</translation>
    </message>
    <message>
        <source>(the runtime printed nothing)</source>
        <translation>(die Laufzeit hat nichts ausgegeben)</translation>
    </message>
    <message>
        <source>There is no system tray (offscreen display), so Hearth shows this window instead. Closing it quits Hearth.</source>
        <translation>Es gibt keinen Infobereich (Offscreen-Anzeige), daher zeigt Hearth stattdessen dieses Fenster. Schließen beendet Hearth.</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so Hearth shows this window instead. Closing it quits Hearth.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich, daher zeigt Hearth stattdessen dieses Fenster. Schließen beendet Hearth.</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Getrennt: %1</translation>
    </message>
    <message>
        <source>Agent worker: off</source>
        <translation>Agent-Worker: aus</translation>
    </message>
    <message>
        <source>Agent worker: %1</source>
        <translation>Agent-Worker: %1</translation>
    </message>
    <message>
        <source>Agent worker: no agent installed (add a profile in Settings)</source>
        <translation>Agent-Worker: kein Agent installiert (ein Profil in den Einstellungen hinzufügen)</translation>
    </message>
    <message>
        <source>Agent worker stopped: %1</source>
        <translation>Agent-Worker angehalten: %1</translation>
    </message>
    <message>
        <source>Hearth is %1</source>
        <translation>Hearth ist %1</translation>
    </message>
    <message numerus="yes">
        <source>Hearth is %1 · %n watcher(s) active</source>
        <translation>
            <numerusform>Hearth ist %1 · %n Wächter aktiv</numerusform>
            <numerusform>Hearth ist %1 · %n Wächter aktiv</numerusform>
        </translation>
    </message>
    <message>
        <source> · next run %1</source>
        <translation> · nächster Lauf %1</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · pausiert</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n ungelesene Benachrichtigung</numerusform>
            <numerusform>%n ungelesene Benachrichtigungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Muted until %1</source>
        <translation>Stumm bis %1</translation>
    </message>
    <message>
        <source>Could not pause or resume the watchers: %1</source>
        <translation>Die Wächter konnten nicht angehalten oder fortgesetzt werden: %1</translation>
    </message>
    <message>
        <source>Hearth was updated</source>
        <translation>Hearth wurde aktualisiert</translation>
    </message>
    <message>
        <source>Restart Hearth to finish the update.</source>
        <translation>Starte Hearth neu, um die Aktualisierung abzuschließen.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayMenu</name>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>Benachrichtigungen stu&amp;mm schalten</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Open Hearth…</source>
        <translation>Hearth ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <source>For 4 hours</source>
        <translation>Für 4 Stunden</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Bis morgen</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Stummschaltung aufheben</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Show the runtime&apos;s &amp;log…</source>
        <translation>&amp;Protokoll der Laufzeit anzeigen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Resume watchers</source>
        <translation>Wächter &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Pause all watchers</source>
        <translation>Alle Wächter &amp;pausieren</translation>
    </message>
    <message>
        <source>Hearth was updated — restart to finish</source>
        <translation>Hearth wurde aktualisiert – zum Abschließen neu starten</translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayState</name>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>error</source>
        <translation>fehlerhaft</translation>
    </message>
</context>
<context>
    <name>hearth::ui::WatcherEditor</name>
    <message>
        <source>New watcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit watcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lua script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cron expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run once at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next 5 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next 5 runs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event JSON for the test run, e.g. {&quot;price&quot;: 12.5}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test run result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result, logs and resource use of a test run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The only worker that runs this agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absolute folder (default: the profile&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Worker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits and policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> million</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip the new run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancel the running one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run each (latest 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when a run fails for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after every run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when the result changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instr&amp;uctions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backoff base:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backoff ma&amp;x:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If still running:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed runs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;otify:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no further runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test event must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took %1, %2 instructions, peak memory %3 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> runs</source>
        <translation> Läufe</translation>
    </message>
    <message>
        <source>as in Settings</source>
        <translation>wie in den Einstellungen</translation>
    </message>
    <message>
        <source>Runs kept</source>
        <translation>Aufbewahrte Läufe</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Days runs are kept</source>
        <translation>Tage, die Läufe aufbewahrt werden</translation>
    </message>
    <message>
        <source>Keep runs:</source>
        <translation>Läufe aufbewahren:</translation>
    </message>
    <message>
        <source>Keep runs for:</source>
        <translation>Läufe aufbewahren für:</translation>
    </message>
</context>
<context>
    <name>hearth::ui::WatchersPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation type="unfinished">Wächter</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load watchers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the watcher: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete watcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; with its runs and logs? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start a run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the watcher: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hearth::ui::autostart</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hearth&apos;s tray app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder (env HEARTH_DATA_DIR; default: the saved one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port of the runtime it starts (env HEARTH_PORT; 0: any free one).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
