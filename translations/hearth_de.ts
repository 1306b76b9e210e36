<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>NewWatcherDialog</name>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>CSS selector</source>
        <translation>CSS-Selektor</translation>
    </message>
    <message>
        <source>XPath</source>
        <translation>XPath</translation>
    </message>
    <message>
        <source>Tell about</source>
        <translation>Melden</translation>
    </message>
    <message>
        <source>Ignore lines with</source>
        <translation>Zeilen ignorieren mit</translation>
    </message>
    <message>
        <source>Only when added text has</source>
        <translation>Nur wenn neuer Text enthält</translation>
    </message>
    <message>
        <source>jq path</source>
        <translation>jq-Pfad</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>Lesen als</translation>
    </message>
    <message>
        <source>Tell when</source>
        <translation>Melden, wenn</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Smallest move (%)</source>
        <translation>Kleinste Änderung (%)</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Stichwort</translation>
    </message>
    <message>
        <source>Expected status</source>
        <translation>Erwarteter Status</translation>
    </message>
    <message>
        <source>Must contain</source>
        <translation>Muss enthalten</translation>
    </message>
    <message>
        <source>Slowest answer (ms)</source>
        <translation>Langsamste Antwort (ms)</translation>
    </message>
    <message>
        <source>Timeout (s)</source>
        <translation>Zeitlimit (s)</translation>
    </message>
    <message>
        <source>what was added</source>
        <translation>was hinzukam</translation>
    </message>
    <message>
        <source>what was removed</source>
        <translation>was entfernt wurde</translation>
    </message>
    <message>
        <source>any change</source>
        <translation>jede Änderung</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>it changes</source>
        <translation>er sich ändert</translation>
    </message>
    <message>
        <source>it is above the threshold</source>
        <translation>er über der Schwelle liegt</translation>
    </message>
    <message>
        <source>it is below the threshold</source>
        <translation>er unter der Schwelle liegt</translation>
    </message>
    <message>
        <source>it moves by a percentage</source>
        <translation>er sich um einen Prozentsatz ändert</translation>
    </message>
</context>
<context>
    <name>WatcherTemplates</name>
    <message>
        <source>The address to watch (http or https)</source>
        <translation>Die zu beobachtende Adresse (http oder https)</translation>
    </message>
    <message>
        <source>Page change</source>
        <translation>Seitenänderung</translation>
    </message>
    <message>
        <source>Tells what was added to (or removed from) a page, or a part of it, since the last check.</source>
        <translation>Meldet, was auf einer Seite (oder einem Teil davon) seit der letzten Prüfung hinzukam oder entfernt wurde.</translation>
    </message>
    <message>
        <source>Only this part of the page (a CSS selector)</source>
        <translation>Nur dieser Teil der Seite (ein CSS-Selektor)</translation>
    </message>
    <message>
        <source>Only this part of the page (an XPath)</source>
        <translation>Nur dieser Teil der Seite (ein XPath)</translation>
    </message>
    <message>
        <source>What to tell about</source>
        <translation>Was gemeldet wird</translation>
    </message>
    <message>
        <source>Lines containing this do not count</source>
        <translation>Zeilen, die dies enthalten, zählen nicht</translation>
    </message>
    <message>
        <source>Tell only when an added line contains this</source>
        <translation>Nur melden, wenn eine neue Zeile dies enthält</translation>
    </message>
    <message>
        <source>Value watch</source>
        <translation>Wertbeobachtung</translation>
    </message>
    <message>
        <source>Follows one value of a page or a JSON API, such as a price, and tells when it changes, crosses a threshold or moves by a percentage.</source>
        <translation>Verfolgt einen Wert einer Seite oder JSON-API, etwa einen Preis, und meldet, wenn er sich ändert, eine Schwelle überschreitet oder sich um einen Prozentsatz bewegt.</translation>
    </message>
    <message>
        <source>Where the value is on the page (CSS)</source>
        <translation>Wo der Wert auf der Seite steht (CSS)</translation>
    </message>
    <message>
        <source>Where the value is in the JSON answer (a jq path)</source>
        <translation>Wo der Wert in der JSON-Antwort steht (ein jq-Pfad)</translation>
    </message>
    <message>
        <source>Read the value as</source>
        <translation>Den Wert lesen als</translation>
    </message>
    <message>
        <source>When to tell</source>
        <translation>Wann melden</translation>
    </message>
    <message>
        <source>For above and below</source>
        <translation>Für über und unter</translation>
    </message>
    <message>
        <source>For change_pct: the smallest move, in %</source>
        <translation>Für change_pct: die kleinste Änderung, in %</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <source>Tells about the new items of an RSS, Atom or JSON feed, once each.</source>
        <translation>Meldet die neuen Einträge eines RSS-, Atom- oder JSON-Feeds, jeden einmal.</translation>
    </message>
    <message>
        <source>Only items whose title or summary contains this</source>
        <translation>Nur Einträge, deren Titel oder Zusammenfassung dies enthält</translation>
    </message>
    <message>
        <source>JSON API change</source>
        <translation>JSON-API-Änderung</translation>
    </message>
    <message>
        <source>Tells when the part of a JSON API&apos;s answer a jq path selects changes.</source>
        <translation>Meldet, wenn sich der per jq-Pfad gewählte Teil der Antwort einer JSON-API ändert.</translation>
    </message>
    <message>
        <source>What to compare (a jq path, . for all)</source>
        <translation>Was verglichen wird (ein jq-Pfad, . für alles)</translation>
    </message>
    <message>
        <source>Site up/down</source>
        <translation>Website erreichbar?</translation>
    </message>
    <message>
        <source>Tells when a site stops answering as it should, and when it is back.</source>
        <translation>Meldet, wenn eine Website nicht mehr wie erwartet antwortet, und wenn sie wieder da ist.</translation>
    </message>
    <message>
        <source>The expected HTTP status</source>
        <translation>Der erwartete HTTP-Status</translation>
    </message>
    <message>
        <source>Text the page must contain</source>
        <translation>Text, den die Seite enthalten muss</translation>
    </message>
    <message>
        <source>Slower answers count as down (milliseconds)</source>
        <translation>Langsamere Antworten gelten als ausgefallen (Millisekunden)</translation>
    </message>
    <message>
        <source>How long to wait for an answer</source>
        <translation>Wie lange auf eine Antwort gewartet wird</translation>
    </message>
</context>
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
    <message>
        <source>after %1 succeeds</source>
        <translation>nach jedem Erfolg von %1</translation>
    </message>
    <message>
        <source>after %1 finds a change</source>
        <translation>wenn %1 eine Änderung findet</translation>
    </message>
    <message>
        <source>after %1 fails</source>
        <translation>wenn %1 fehlschlägt</translation>
    </message>
    <message>
        <source>after %1 notifies</source>
        <translation>wenn %1 benachrichtigt</translation>
    </message>
    <message>
        <source>when files change in %1 or a folder under it</source>
        <translation>wenn sich Dateien in %1 oder einem Ordner darunter ändern</translation>
    </message>
    <message>
        <source>when files change in %1</source>
        <translation>wenn sich Dateien in %1 ändern</translation>
    </message>
    <message>
        <source>%1 (only %2)</source>
        <translation>%1 (nur %2)</translation>
    </message>
    <message>
        <source>when a webhook arrives (signed: Standard Webhooks)</source>
        <translation>wenn ein Webhook eintrifft (signiert: Standard Webhooks)</translation>
    </message>
    <message>
        <source>when a webhook arrives (signed: GitHub)</source>
        <translation>wenn ein Webhook eintrifft (signiert: GitHub)</translation>
    </message>
    <message>
        <source>when a webhook arrives (unsigned)</source>
        <translation>wenn ein Webhook eintrifft (unsigniert)</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ApprovalDialog</name>
    <message>
        <source>Review a change</source>
        <translation>Eine Änderung prüfen</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Genehmigen</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>A&amp;blehnen</translation>
    </message>
    <message>
        <source>What it reaches:</source>
        <translation>Worauf er zugreift:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Could not load the change: %1</source>
        <translation>Die Änderung konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not await approval.</source>
        <translation>„%1“ wartet auf keine Genehmigung.</translation>
    </message>
    <message>
        <source>%1 changed &quot;%2&quot;. The change awaits your approval; until then the watcher does not run.</source>
        <translation>%1 hat „%2“ geändert. Die Änderung wartet auf Ihre Genehmigung; bis dahin läuft der Wächter nicht.</translation>
    </message>
    <message>
        <source>%1 created &quot;%2&quot;. It awaits your approval; until then it does not run.</source>
        <translation>%1 hat „%2“ erstellt. Er wartet auf Ihre Genehmigung; bis dahin läuft er nicht.</translation>
    </message>
    <message>
        <source>Approving enables it.</source>
        <translation>Genehmigen aktiviert ihn.</translation>
    </message>
    <message>
        <source>Approving leaves it disabled.</source>
        <translation>Genehmigen lässt ihn deaktiviert.</translation>
    </message>
    <message>
        <source>Rejecting restores the version approved before.</source>
        <translation>Ablehnen stellt die zuvor genehmigte Fassung wieder her.</translation>
    </message>
    <message>
        <source>Rejecting deletes it.</source>
        <translation>Ablehnen löscht ihn.</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (neu)</translation>
    </message>
    <message>
        <source>Websites: %1</source>
        <translation>Websites: %1</translation>
    </message>
    <message>
        <source>Websites it builds the address of at run time (any website)</source>
        <translation>Websites, deren Adresse er zur Laufzeit bildet (jede Website)</translation>
    </message>
    <message>
        <source>Secrets: %1</source>
        <translation>Geheimnisse: %1</translation>
    </message>
    <message>
        <source>Secrets it names at run time (any secret)</source>
        <translation>Geheimnisse, deren Namen er zur Laufzeit bildet (jedes Geheimnis)</translation>
    </message>
    <message>
        <source>Sends email</source>
        <translation>Sendet E-Mails</translation>
    </message>
    <message>
        <source>the worker&apos;s own folder</source>
        <translation>dem eigenen Ordner des Workers</translation>
    </message>
    <message>
        <source>Runs the %1 agent on device worker %2, in %3</source>
        <translation>Führt den Agenten %1 auf dem Geräte-Worker %2 aus, in %3</translation>
    </message>
    <message>
        <source>Watches the folder %1</source>
        <translation>Beobachtet den Ordner %1</translation>
    </message>
    <message>
        <source>Starts on requests to its webhook URL</source>
        <translation>Startet bei Anfragen an seine Webhook-URL</translation>
    </message>
    <message>
        <source>Starts after &quot;%1&quot;</source>
        <translation>Startet nach „%1“</translation>
    </message>
    <message>
        <source>Notifies on the desktop only</source>
        <translation>Benachrichtigt nur auf dem Desktop</translation>
    </message>
    <message>
        <source>Notifies on the desktop and %1</source>
        <translation>Benachrichtigt auf dem Desktop und über %1</translation>
    </message>
    <message>
        <source>Notifies on the desktop and the default channels</source>
        <translation>Benachrichtigt auf dem Desktop und über die Standardkanäle</translation>
    </message>
    <message>
        <source>Could not approve &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht genehmigt werden: %2</translation>
    </message>
    <message>
        <source>Approved &quot;%1&quot;: it is enabled.</source>
        <translation>„%1“ genehmigt: er ist aktiviert.</translation>
    </message>
    <message>
        <source>Approved &quot;%1&quot;: it stays disabled.</source>
        <translation>„%1“ genehmigt: er bleibt deaktiviert.</translation>
    </message>
    <message>
        <source>Could not reject &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht abgelehnt werden: %2</translation>
    </message>
    <message>
        <source>Rejected the change to &quot;%1&quot;: it is as approved before.</source>
        <translation>Änderung an „%1“ abgelehnt: er ist wieder wie zuvor genehmigt.</translation>
    </message>
    <message>
        <source>Rejected &quot;%1&quot;: it is deleted.</source>
        <translation>„%1“ abgelehnt: er ist gelöscht.</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Was sich ändert</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Skript</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ChannelDialog</name>
    <message>
        <source>Edit channel</source>
        <translation>Kanal bearbeiten</translation>
    </message>
    <message>
        <source>Add channel</source>
        <translation>Kanal hinzufügen</translation>
    </message>
    <message>
        <source>Channel name</source>
        <translation>Kanalname</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>ntfy (phone)</source>
        <translation>ntfy (Telefon)</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP-Server</translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation>SMTP-Port</translation>
    </message>
    <message>
        <source>None (this computer only)</source>
        <translation>Keine (nur dieser Computer)</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password secret</source>
        <translation>Passwort-Geheimnis</translation>
    </message>
    <message>
        <source>The name of the secret (Secrets page) that holds the password.</source>
        <translation>Der Name des Geheimnisses (Seite Geheimnisse), das das Passwort enthält.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>S&amp;icherheit:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password secret:</source>
        <translation>&amp;Passwort-Geheimnis:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;An:</translation>
    </message>
    <message>
        <source>ntfy server</source>
        <translation>ntfy-Server</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation>Token-Geheimnis</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Thema:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <source>Token s&amp;ecret:</source>
        <translation>Token-G&amp;eheimnis:</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>Webhook-URL</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Messages are signed with the secret channel.ID, which Hearth makes.</source>
        <translation>Nachrichten werden mit dem Geheimnis channel.ID signiert, das Hearth anlegt.</translation>
    </message>
    <message>
        <source>Send every watcher&apos;s notifications here unless it names its channels</source>
        <translation>Benachrichtigungen jedes Wächters hierher senden, sofern er keine eigenen Kanäle nennt</translation>
    </message>
    <message>
        <source>&amp;Muted</source>
        <translation>&amp;Stumm</translation>
    </message>
    <message>
        <source>Cooldown</source>
        <translation>Abkühlzeit</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Daily budget</source>
        <translation>Tagesbudget</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Cooldown:</source>
        <translation>Abk&amp;ühlzeit:</translation>
    </message>
    <message>
        <source>&amp;Daily budget:</source>
        <translation>&amp;Tagesbudget:</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ChannelsSection</name>
    <message>
        <source>Notification channels</source>
        <translation>Benachrichtigungskanäle</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Sends to</source>
        <translation>Sendet an</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>&amp;Add channel…</source>
        <translation>Kanal hinzu&amp;fügen…</translation>
    </message>
    <message>
        <source>Ed&amp;it channel…</source>
        <translation>Kanal bearbe&amp;iten…</translation>
    </message>
    <message>
        <source>Remo&amp;ve channel</source>
        <translation>Kanal ent&amp;fernen</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>&amp;Test senden</translation>
    </message>
    <message>
        <source>Notifications always show on this desktop; channels also send them by email, to your phone (ntfy) or to a webhook.</source>
        <translation>Benachrichtigungen erscheinen immer auf diesem Desktop; Kanäle senden sie zusätzlich per E-Mail, an Ihr Telefon (ntfy) oder an einen Webhook.</translation>
    </message>
    <message>
        <source>Could not load channels: %1</source>
        <translation>Kanäle konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>ntfy (phone)</source>
        <translation>ntfy (Telefon)</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>stumm</translation>
    </message>
    <message>
        <source>Could not save the channel: %1</source>
        <translation>Der Kanal konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Saved channel &quot;%1&quot;.</source>
        <translation>Kanal „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Remove channel</source>
        <translation>Kanal entfernen</translation>
    </message>
    <message>
        <source>Remove the channel &quot;%1&quot; and its delivery history?</source>
        <translation>Den Kanal „%1“ und seinen Zustellverlauf entfernen?</translation>
    </message>
    <message>
        <source>Could not remove &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>Removed channel &quot;%1&quot;.</source>
        <translation>Kanal „%1“ entfernt.</translation>
    </message>
    <message>
        <source>Sending a test message through &quot;%1&quot;…</source>
        <translation>Testnachricht über „%1“ wird gesendet…</translation>
    </message>
    <message>
        <source>Could not send a test through &quot;%1&quot;: %2</source>
        <translation>Über „%1“ konnte kein Test gesendet werden: %2</translation>
    </message>
    <message>
        <source>Could not follow the test: %1</source>
        <translation>Der Test konnte nicht verfolgt werden: %1</translation>
    </message>
    <message>
        <source>The test message went through &quot;%1&quot;.</source>
        <translation>Die Testnachricht wurde über „%1“ gesendet.</translation>
    </message>
    <message>
        <source>The test message has not been sent yet.</source>
        <translation>Die Testnachricht wurde noch nicht gesendet.</translation>
    </message>
    <message>
        <source>Not sent yet; it will be tried again: %1</source>
        <translation>Noch nicht gesendet; es wird erneut versucht: %1</translation>
    </message>
    <message>
        <source>The test message could not be sent: %1</source>
        <translation>Die Testnachricht konnte nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Notifications not delivered</source>
        <translation>Nicht zugestellte Benachrichtigungen</translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation>Erneut &amp;senden</translation>
    </message>
    <message>
        <source>Send a&amp;ll again</source>
        <translation>&amp;Alle erneut senden</translation>
    </message>
    <message>
        <source>Not delivered (failed, or out of retries):</source>
        <translation>Nicht zugestellt (abgelehnt oder ohne weitere Versuche):</translation>
    </message>
    <message>
        <source>Could not send it again: %1</source>
        <translation>Konnte nicht erneut gesendet werden: %1</translation>
    </message>
    <message>
        <source>It will be sent again.</source>
        <translation>Sie wird erneut gesendet.</translation>
    </message>
    <message>
        <source>Could not send them again: %1</source>
        <translation>Konnten nicht erneut gesendet werden: %1</translation>
    </message>
    <message>
        <source>They will be sent again.</source>
        <translation>Sie werden erneut gesendet.</translation>
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
    <name>hearth::ui::DiffView</name>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>hearth::ui::HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>Verlauf von %1</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Schnappschüsse</translation>
    </message>
    <message>
        <source>Inline</source>
        <translation>Untereinander</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Show changes</source>
        <translation>Änderungen zeigen</translation>
    </message>
    <message>
        <source>&amp;Changes</source>
        <translation>Ä&amp;nderungen</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Wert</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load the snapshots: %1</source>
        <translation>Die Schnappschüsse konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No snapshots yet: a watcher keeps one each time it runs with snapshot.save or a snapshot in its result.</source>
        <translation>Noch keine Schnappschüsse: ein Wächter speichert bei jedem Lauf einen mit snapshot.save oder einem snapshot in seinem Ergebnis.</translation>
    </message>
    <message>
        <source>The first snapshot kept.</source>
        <translation>Der erste gespeicherte Schnappschuss.</translation>
    </message>
    <message>
        <source>Nothing changed since the snapshot before.</source>
        <translation>Seit dem vorigen Schnappschuss hat sich nichts geändert.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n Zeile hinzugefügt</numerusform>
            <numerusform>%n Zeilen hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n Zeile entfernt</numerusform>
            <numerusform>%n Zeilen entfernt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 since %3.</source>
        <translation>%1, %2 seit %3.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::LogsPage</name>
    <message>
        <source>Minimum level</source>
        <translation>Mindeststufe</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search logs</source>
        <translation>Protokolle durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Live log</source>
        <translation>Live-Protokoll</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Stufe:</translation>
    </message>
    <message numerus="yes">
        <source>Paused (%n new line(s))</source>
        <translation>
            <numerusform>Pausiert (%n neue Zeile)</numerusform>
            <numerusform>Pausiert (%n neue Zeilen)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1  run %2  [%3] %4</source>
        <translation>%1  Lauf %2  [%3] %4</translation>
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
    <message numerus="yes">
        <source>%1, %n awaiting approval</source>
        <translation>
            <numerusform>%1, %n wartet auf Genehmigung</numerusform>
            <numerusform>%1, %n warten auf Genehmigung</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::NewWatcherDialog</name>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Edit as &amp;Lua…</source>
        <translation>Als &amp;Lua bearbeiten…</translation>
    </message>
    <message>
        <source>New watcher</source>
        <translation>Neuer Wächter</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Check every</source>
        <translation>Prüfen alle</translation>
    </message>
    <message>
        <source>What it found</source>
        <translation>Was gefunden wurde</translation>
    </message>
    <message>
        <source>Press Preview to see what it finds now.</source>
        <translation>Vorschau zeigt, was jetzt gefunden wird.</translation>
    </message>
    <message>
        <source>What it would tell you</source>
        <translation>Was gemeldet würde</translation>
    </message>
    <message>
        <source>Open the script this template makes in the Lua editor</source>
        <translation>Das Skript dieser Vorlage im Lua-Editor öffnen</translation>
    </message>
    <message>
        <source>Check &amp;every:</source>
        <translation>Prüfen &amp;alle:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>What it found now:</source>
        <translation>Was jetzt gefunden wurde:</translation>
    </message>
    <message>
        <source>What it would tell you:</source>
        <translation>Was gemeldet würde:</translation>
    </message>
    <message>
        <source>What to watch:</source>
        <translation>Was beobachtet wird:</translation>
    </message>
    <message>
        <source>&amp;Write a Lua script…</source>
        <translation>Ein Lua-Skript &amp;schreiben…</translation>
    </message>
    <message>
        <source>Start from an empty script instead of a template</source>
        <translation>Mit einem leeren Skript statt einer Vorlage beginnen</translation>
    </message>
    <message>
        <source>Could not load the templates: %1</source>
        <translation>Die Vorlagen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation>%1 (optional)</translation>
    </message>
    <message>
        <source>%1 (default %2)</source>
        <translation>%1 (Standard %2)</translation>
    </message>
    <message>
        <source>%1: please fill this in</source>
        <translation>%1: bitte ausfüllen</translation>
    </message>
    <message>
        <source>%1: not a number</source>
        <translation>%1: keine Zahl</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>It did not work: %1</source>
        <translation>Das hat nicht funktioniert: %1</translation>
    </message>
    <message>
        <source>It worked (%1).</source>
        <translation>Das hat funktioniert (%1).</translation>
    </message>
    <message>
        <source>Nothing now: it tells you when something changes.</source>
        <translation>Jetzt nichts: gemeldet wird, wenn sich etwas ändert.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::NotificationsPage</name>
    <message>
        <source>unread</source>
        <translation>ungelesen</translation>
    </message>
    <message>
        <source>read</source>
        <translation>gelesen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Mark &amp;read</source>
        <translation>Als &amp;gelesen markieren</translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation>&amp;Alle als gelesen markieren</translation>
    </message>
    <message>
        <source>Could not load notifications: %1</source>
        <translation>Benachrichtigungen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Could not mark it read: %1</source>
        <translation>Sie konnte nicht als gelesen markiert werden: %1</translation>
    </message>
    <message>
        <source>Could not mark them read: %1</source>
        <translation>Sie konnten nicht als gelesen markiert werden: %1</translation>
    </message>
</context>
<context>
    <name>hearth::ui::Page</name>
    <message>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <source>Tray</source>
        <translation>Tray</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Befehlszeile</translation>
    </message>
    <message>
        <source>MCP client %1</source>
        <translation>MCP-Client %1</translation>
    </message>
    <message>
        <source>API client %1</source>
        <translation>API-Client %1</translation>
    </message>
</context>
<context>
    <name>hearth::ui::RunsPage</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Watcher</source>
        <translation>Wächter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Scheduled for</source>
        <translation>Geplant für</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Watcher filter</source>
        <translation>Wächterfilter</translation>
    </message>
    <message>
        <source>All watchers</source>
        <translation>Alle Wächter</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>Lauf &amp;abbrechen</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Select a run.</source>
        <translation>Wähle einen Lauf aus.</translation>
    </message>
    <message>
        <source>Run result</source>
        <translation>Ergebnis des Laufs</translation>
    </message>
    <message>
        <source>Run logs</source>
        <translation>Protokolle des Laufs</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
    <message>
        <source>Could not load runs: %1</source>
        <translation>Läufe konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>Lauf %1: %2</translation>
    </message>
    <message>
        <source>Run %1 of %2: %3, attempt %4 (%5)</source>
        <translation>Lauf %1 von %2: %3, Versuch %4 (%5)</translation>
    </message>
    <message>
        <source>Scheduled %1 · started %2 · finished %3 · took %4</source>
        <translation>Geplant %1 · gestartet %2 · beendet %3 · Dauer %4</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation>Fehler %1: %2</translation>
    </message>
    <message>
        <source>Agent output:</source>
        <translation>Ausgabe des Agenten:</translation>
    </message>
    <message>
        <source>Could not cancel run %1: %2</source>
        <translation>Lauf %1 konnte nicht abgebrochen werden: %2</translation>
    </message>
    <message>
        <source>Run %1 cancelled.</source>
        <translation>Lauf %1 abgebrochen.</translation>
    </message>
    <message>
        <source>Could not retry run %1: %2</source>
        <translation>Lauf %1 konnte nicht wiederholt werden: %2</translation>
    </message>
    <message>
        <source>Run %1 retried as run %2.</source>
        <translation>Lauf %1 wird als Lauf %2 wiederholt.</translation>
    </message>
    <message>
        <source>Started by the end of run %1 (link %2 of a chain)</source>
        <translation>Gestartet durch das Ende von Lauf %1 (Glied %2 einer Kette)</translation>
    </message>
    <message>
        <source>Started by %1</source>
        <translation>Gestartet von %1</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Gestartet von</translation>
    </message>
    <message>
        <source>Escalated by run %1 to the %2 agent: %3</source>
        <translation>Von Lauf %1 an den Agenten %2 übergeben: %3</translation>
    </message>
    <message>
        <source>(pruned)</source>
        <translation>(bereinigt)</translation>
    </message>
</context>
<context>
    <name>hearth::ui::RuntimeSupervisor</name>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>wird gestoppt</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>unerwartet beendet</translation>
    </message>
    <message>
        <source>error</source>
        <translation>fehlerhaft</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>The runtime did not come up within %1 s.</source>
        <translation>Die Laufzeit ist nicht innerhalb von %1 s hochgefahren.</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>ist abgestürzt</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>wurde mit Code %1 beendet</translation>
    </message>
    <message>
        <source>The runtime %1 while starting.</source>
        <translation>Die Laufzeit %1 (beim Starten).</translation>
    </message>
    <message>
        <source>The runtime %1.</source>
        <translation>Die Laufzeit %1.</translation>
    </message>
    <message>
        <source>Last lines from hearthd:</source>
        <translation>Letzte Zeilen von hearthd:</translation>
    </message>
    <message>
        <source>Hearth was updated — restart to finish (this tray is %1, the runtime %2).</source>
        <translation>Hearth wurde aktualisiert – zum Abschließen neu starten (Infobereich %1, Laufzeit %2).</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SecretsPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Geheimnisse</translation>
    </message>
    <message>
        <source>Revealed value</source>
        <translation>Angezeigter Wert</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Update…</source>
        <translation>&amp;Ändern …</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Secrets are sealed with the master key from the %1.</source>
        <translation>Geheimnisse sind mit dem Hauptschlüssel aus %1 versiegelt.</translation>
    </message>
    <message>
        <source>OS keychain</source>
        <translation>dem Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>HEARTH_SECRET_KEY environment variable</source>
        <translation>der Umgebungsvariable HEARTH_SECRET_KEY</translation>
    </message>
    <message>
        <source>key file in the data dir</source>
        <translation>der Schlüsseldatei im Datenordner</translation>
    </message>
    <message>
        <source>Secrets are %1.</source>
        <translation>Geheimnisse sind %1.</translation>
    </message>
    <message>
        <source>Could not load secrets: %1</source>
        <translation>Geheimnisse konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Update secret</source>
        <translation>Geheimnis ändern</translation>
    </message>
    <message>
        <source>Add secret</source>
        <translation>Geheimnis hinzufügen</translation>
    </message>
    <message>
        <source>Secret name</source>
        <translation>Name des Geheimnisses</translation>
    </message>
    <message>
        <source>Secret value</source>
        <translation>Wert des Geheimnisses</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <source>Could not save &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved secret &quot;%1&quot;.</source>
        <translation>Geheimnis „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Delete secret</source>
        <translation>Geheimnis löschen</translation>
    </message>
    <message>
        <source>Delete the secret &quot;%1&quot;? Watchers that read it will fail.</source>
        <translation>Das Geheimnis „%1“ löschen? Wächter, die es lesen, schlagen dann fehl.</translation>
    </message>
    <message>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted secret &quot;%1&quot;.</source>
        <translation>Geheimnis „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Could not reveal &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht angezeigt werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Copied &quot;%1&quot;; the clipboard is cleared in %n second(s).</source>
        <translation>
            <numerusform>„%1“ kopiert; die Zwischenablage wird in %n Sekunde geleert.</numerusform>
            <numerusform>„%1“ kopiert; die Zwischenablage wird in %n Sekunden geleert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reveal shows the selected value here for %n second(s)</source>
        <translation>
            <numerusform>„Anzeigen“ zeigt den ausgewählten Wert hier %n Sekunde lang</numerusform>
            <numerusform>„Anzeigen“ zeigt den ausgewählten Wert hier %n Sekunden lang</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::Session</name>
    <message>
        <source>the runtime closed the event stream</source>
        <translation>die Laufzeit hat den Ereignisstrom geschlossen</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SettingsPage</name>
    <message>
        <source>Runtime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>ein freier Port</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>&amp;Start the runtime when the tray starts</source>
        <translation>Die Laufzeit &amp;starten, wenn der Infobereich startet</translation>
    </message>
    <message>
        <source>Start Hearth at &amp;login</source>
        <translation>Hearth bei der &amp;Anmeldung starten</translation>
    </message>
    <message>
        <source>&amp;Keep the runtime running when the tray quits</source>
        <translation>Die Laufzeit weiterlaufen &amp;lassen, wenn der Infobereich beendet wird</translation>
    </message>
    <message>
        <source>Keep the master key in a &amp;file in the data folder</source>
        <translation>Den Hauptschlüssel in einer &amp;Datei im Datenordner aufbewahren</translation>
    </message>
    <message>
        <source>Warning: anyone who can read the data folder can then decrypt every secret. Use this only where there is no keychain.</source>
        <translation>Warnung: Wer den Datenordner lesen kann, kann dann jedes Geheimnis entschlüsseln. Nutze dies nur, wo es keinen Schlüsselbund gibt.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Datenordner:</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Show &amp;desktop notifications</source>
        <translation>&amp;Desktop-Benachrichtigungen anzeigen</translation>
    </message>
    <message>
        <source>As it is</source>
        <translation>Wie es ist</translation>
    </message>
    <message>
        <source>Mute for 1 hour</source>
        <translation>1 Stunde stumm</translation>
    </message>
    <message>
        <source>Mute for 4 hours</source>
        <translation>4 Stunden stumm</translation>
    </message>
    <message>
        <source>Mute until tomorrow</source>
        <translation>Bis morgen stumm</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Stummschaltung aufheben</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>&amp;Mute:</source>
        <translation>Stu&amp;mm:</translation>
    </message>
    <message>
        <source>Agents on this device</source>
        <translation>Agenten auf diesem Gerät</translation>
    </message>
    <message>
        <source>&amp;Run agent watchers pinned to this device while the tray is up</source>
        <translation>Agent-Wächter, die an dieses Gerät gebunden sind, &amp;ausführen, solange der Infobereich läuft</translation>
    </message>
    <message>
        <source>Agent profiles</source>
        <translation>Agent-Profile</translation>
    </message>
    <message>
        <source>Add &amp;claude</source>
        <translation>&amp;claude hinzufügen</translation>
    </message>
    <message>
        <source>Add c&amp;odex</source>
        <translation>c&amp;odex hinzufügen</translation>
    </message>
    <message>
        <source>Add c&amp;ustom…</source>
        <translation>&amp;Eigenes hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>Worker &quot;%1&quot; (%2): %3</source>
        <translation>Worker „%1“ (%2): %3</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline: its pinned runs will fail with no_worker</source>
        <translation>offline: seine gebundenen Läufe schlagen mit no_worker fehl</translation>
    </message>
    <message>
        <source>(this device)</source>
        <translation>(dieses Gerät)</translation>
    </message>
    <message>
        <source>No device worker is registered.</source>
        <translation>Es ist kein Geräte-Worker registriert.</translation>
    </message>
    <message>
        <source>Muted until %1.</source>
        <translation>Stumm bis %1.</translation>
    </message>
    <message>
        <source>%1 is not installed on this device</source>
        <translation>%1 ist auf diesem Gerät nicht installiert</translation>
    </message>
    <message>
        <source>Agent profile</source>
        <translation>Agent-Profil</translation>
    </message>
    <message>
        <source>{&quot;name&quot;, &quot;program&quot;, &quot;args&quot; (with &quot;{prompt}&quot;, or none to pass the prompt on stdin), &quot;env&quot;, &quot;workdir&quot;, &quot;output_format&quot;, &quot;schema_args&quot; (with &quot;{schema}&quot; or &quot;{schema_file}&quot;), &quot;mcp_args&quot; (with &quot;{mcp_config}&quot;: the run&apos;s own MCP server)}</source>
        <translation>{&quot;name&quot;, &quot;program&quot;, &quot;args&quot; (mit &quot;{prompt}&quot;, oder keins, um den Prompt über stdin zu übergeben), &quot;env&quot;, &quot;workdir&quot;, &quot;output_format&quot;, &quot;schema_args&quot; (mit &quot;{schema}&quot; oder &quot;{schema_file}&quot;), &quot;mcp_args&quot; (mit &quot;{mcp_config}&quot;: der eigene MCP-Server des Laufs)}</translation>
    </message>
    <message>
        <source>Profile JSON</source>
        <translation>Profil-JSON</translation>
    </message>
    <message>
        <source>Not a JSON object.</source>
        <translation>Kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>start at login: %1</source>
        <translation>Start bei der Anmeldung: %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Settings saved, except %1</source>
        <translation>Einstellungen gespeichert, außer %1</translation>
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
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>Wie das System (%1)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Applies when the tray starts again.</source>
        <translation>Gilt ab dem nächsten Start des Infobereichs.</translation>
    </message>
    <message>
        <source>Receive webhooks on</source>
        <translation>Webhooks empfangen auf</translation>
    </message>
    <message>
        <source>Off, or an address and port such as 127.0.0.1:8788</source>
        <translation>Aus, oder Adresse und Port wie 127.0.0.1:8788</translation>
    </message>
    <message>
        <source>Webhook watchers get their deliveries here, never on the port above. A loopback address (127.0.0.1) is reached from this computer only; another of its addresses lets senders on that network reach it.</source>
        <translation>Webhook-Beobachter erhalten ihre Zustellungen hier, nie auf dem Port oben. Eine Loopback-Adresse (127.0.0.1) ist nur von diesem Computer aus erreichbar; eine andere seiner Adressen lässt Absender in diesem Netz zu.</translation>
    </message>
    <message>
        <source>Receive &amp;webhooks on:</source>
        <translation>&amp;Webhooks empfangen auf:</translation>
    </message>
    <message>
        <source>This window shows %1. Port, folder, history, webhook and key file changes apply at the next start. Older runs and their logs are deleted hourly; dead runs are always kept.</source>
        <translation>Dieses Fenster zeigt %1. Änderungen an Port, Ordner, Verlauf, Webhooks und Schlüsseldatei gelten ab dem nächsten Start. Ältere Läufe und ihre Protokolle werden stündlich gelöscht; tote Läufe werden immer behalten.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SingleInstance</name>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>kann nicht auf %1 lauschen: %2</translation>
    </message>
    <message>
        <source>another hearth-tray holds %1 but does not answer</source>
        <translation>ein anderes hearth-tray hält %1, antwortet aber nicht</translation>
    </message>
    <message>
        <source>cannot create the tray&apos;s lock file in the data folder</source>
        <translation>die Sperrdatei des Infobereichs kann im Datenordner nicht angelegt werden</translation>
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
    <message>
        <source>Hearth: a change awaits your approval</source>
        <translation>Hearth: Eine Änderung wartet auf Ihre Genehmigung</translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) created or changed over MCP await your approval.</source>
        <translation>
            <numerusform>%n über MCP erstellter oder geänderter Wächter wartet auf Ihre Genehmigung.</numerusform>
            <numerusform>%n über MCP erstellte oder geänderte Wächter warten auf Ihre Genehmigung.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) await your approval</source>
        <translation>
            <numerusform>%n Wächter wartet auf Ihre Genehmigung</numerusform>
            <numerusform>%n Wächter warten auf Ihre Genehmigung</numerusform>
        </translation>
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
    <name>hearth::ui::ValueChart</name>
    <message>
        <source>Value over time</source>
        <translation>Wert im Zeitverlauf</translation>
    </message>
    <message>
        <source>Point under the pointer</source>
        <translation>Punkt unter dem Zeiger</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>hearth::ui::WatcherEditor</name>
    <message>
        <source>New watcher</source>
        <translation>Neuer Wächter</translation>
    </message>
    <message>
        <source>Edit watcher</source>
        <translation>Wächter bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Lua script</source>
        <translation>Lua-Skript</translation>
    </message>
    <message>
        <source>Agent prompt</source>
        <translation>Agent-Prompt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiviert</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>A&amp;rt:</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Cron</source>
        <translation>Cron</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Einmal</translation>
    </message>
    <message>
        <source>Schedule kind</source>
        <translation>Art des Zeitplans</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Interval unit</source>
        <translation>Intervall-Einheit</translation>
    </message>
    <message>
        <source>Cron expression</source>
        <translation>Cron-Ausdruck</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Run once at</source>
        <translation>Einmal ausführen am</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Next 5 runs</source>
        <translation>Nächste 5 Läufe</translation>
    </message>
    <message>
        <source>Next 5 runs:</source>
        <translation>Nächste 5 Läufe:</translation>
    </message>
    <message>
        <source>Event JSON for the test run, e.g. {&quot;price&quot;: 12.5}</source>
        <translation>Ereignis-JSON für den Testlauf, z. B. {&quot;price&quot;: 12.5}</translation>
    </message>
    <message>
        <source>Test event</source>
        <translation>Testereignis</translation>
    </message>
    <message>
        <source>&amp;Test run</source>
        <translation>&amp;Testlauf</translation>
    </message>
    <message>
        <source>Test run result</source>
        <translation>Ergebnis des Testlaufs</translation>
    </message>
    <message>
        <source>Result, logs and resource use of a test run</source>
        <translation>Ergebnis, Protokolle und Ressourcenverbrauch eines Testlaufs</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Agent profile</source>
        <translation>Agent-Profil</translation>
    </message>
    <message>
        <source>Device worker</source>
        <translation>Geräte-Worker</translation>
    </message>
    <message>
        <source>The only worker that runs this agent</source>
        <translation>Der einzige Worker, der diesen Agenten ausführt</translation>
    </message>
    <message>
        <source>Absolute folder (default: the profile&apos;s)</source>
        <translation>Absoluter Ordner (Standard: der des Profils)</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Arbeitsordner</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>A&amp;gent:</translation>
    </message>
    <message>
        <source>&amp;Worker:</source>
        <translation>&amp;Worker:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Limits and policies</source>
        <translation>Grenzen und Richtlinien</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> million</source>
        <translation> Millionen</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>skip the new run</source>
        <translation>neuen Lauf überspringen</translation>
    </message>
    <message>
        <source>queue it</source>
        <translation>in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>cancel the running one</source>
        <translation>laufenden abbrechen</translation>
    </message>
    <message>
        <source>run once</source>
        <translation>einmal ausführen</translation>
    </message>
    <message>
        <source>run each (latest 10)</source>
        <translation>jeden ausführen (letzte 10)</translation>
    </message>
    <message>
        <source>skip them</source>
        <translation>überspringen</translation>
    </message>
    <message>
        <source>when a run fails for good</source>
        <translation>wenn ein Lauf endgültig fehlschlägt</translation>
    </message>
    <message>
        <source>after every run</source>
        <translation>nach jedem Lauf</translation>
    </message>
    <message>
        <source>when the result changes</source>
        <translation>wenn sich das Ergebnis ändert</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Instr&amp;uctions:</source>
        <translation>Anwe&amp;isungen:</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Speicher:</translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation>&amp;Versuche:</translation>
    </message>
    <message>
        <source>&amp;Backoff base:</source>
        <translation>&amp;Basis der Wartezeit:</translation>
    </message>
    <message>
        <source>Backoff ma&amp;x:</source>
        <translation>Ma&amp;ximale Wartezeit:</translation>
    </message>
    <message>
        <source>If still running:</source>
        <translation>Falls noch aktiv:</translation>
    </message>
    <message>
        <source>Missed runs:</source>
        <translation>Verpasste Läufe:</translation>
    </message>
    <message>
        <source>N&amp;otify:</source>
        <translation>Be&amp;nachrichtigen:</translation>
    </message>
    <message>
        <source>no further runs</source>
        <translation>keine weiteren Läufe</translation>
    </message>
    <message>
        <source>The test event must be a JSON object.</source>
        <translation>Das Testereignis muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft …</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <source>Took %1, %2 instructions, peak memory %3 KiB</source>
        <translation>Dauer %1, %2 Anweisungen, Spitzenspeicher %3 KiB</translation>
    </message>
    <message>
        <source>Logs:</source>
        <translation>Protokolle:</translation>
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
    <message>
        <source>Would notify: %1 — %2</source>
        <translation>Würde melden: %1 — %2</translation>
    </message>
    <message>
        <source>After another watcher</source>
        <translation>Nach einem anderen Wächter</translation>
    </message>
    <message>
        <source>Watcher it starts after</source>
        <translation>Wächter, nach dem er startet</translation>
    </message>
    <message>
        <source>When that watcher</source>
        <translation>Wenn dieser Wächter</translation>
    </message>
    <message>
        <source>succeeds</source>
        <translation>erfolgreich ist</translation>
    </message>
    <message>
        <source>finds a change</source>
        <translation>eine Änderung findet</translation>
    </message>
    <message>
        <source>fails</source>
        <translation>fehlschlägt</translation>
    </message>
    <message>
        <source>notifies</source>
        <translation>benachrichtigt</translation>
    </message>
    <message>
        <source>There is no other watcher to start after yet.</source>
        <translation>Es gibt noch keinen anderen Wächter, nach dem er starten könnte.</translation>
    </message>
    <message>
        <source>Runs each time %1 %2.</source>
        <translation>Läuft jedes Mal, wenn %1 %2.</translation>
    </message>
    <message>
        <source>When files change in a folder</source>
        <translation>Wenn sich Dateien in einem Ordner ändern</translation>
    </message>
    <message>
        <source>Folder to watch</source>
        <translation>Zu beobachtender Ordner</translation>
    </message>
    <message>
        <source>Folder, such as ~/Downloads</source>
        <translation>Ordner, etwa ~/Downloads</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>and the folders under it</source>
        <translation>und die Ordner darunter</translation>
    </message>
    <message>
        <source>Only files matching</source>
        <translation>Nur passende Dateien</translation>
    </message>
    <message>
        <source>All files, or a pattern such as *.pdf</source>
        <translation>Alle Dateien, oder ein Muster wie *.pdf</translation>
    </message>
    <message>
        <source>Choose the folder to watch.</source>
        <translation>Wählen Sie den zu beobachtenden Ordner.</translation>
    </message>
    <message>
        <source>Runs %1.</source>
        <translation>Läuft %1.</translation>
    </message>
    <message>
        <source>When a webhook arrives</source>
        <translation>Wenn ein Webhook eintrifft</translation>
    </message>
    <message>
        <source>Webhook signature</source>
        <translation>Webhook-Signatur</translation>
    </message>
    <message>
        <source>Signed (Standard Webhooks)</source>
        <translation>Signiert (Standard Webhooks)</translation>
    </message>
    <message>
        <source>Signed (GitHub)</source>
        <translation>Signiert (GitHub)</translation>
    </message>
    <message>
        <source>Unsigned: anyone with the URL</source>
        <translation>Unsigniert: jeder mit der URL</translation>
    </message>
    <message>
        <source>Its URL and signing secret are made when it is saved.</source>
        <translation>URL und Signaturgeheimnis werden beim Speichern erzeugt.</translation>
    </message>
    <message>
        <source>Deliveries go to %1 on the webhook listener (Settings); the signing secret is the secret %2.</source>
        <translation>Zustellungen gehen an %1 auf dem Webhook-Empfänger (Einstellungen); das Signaturgeheimnis ist das Geheimnis %2.</translation>
    </message>
    <message>
        <source>Result schema</source>
        <translation>Ergebnisschema</translation>
    </message>
    <message>
        <source>Optional: a JSON Schema the agent&apos;s result must match, e.g. {&quot;type&quot;: &quot;object&quot;, &quot;required&quot;: [&quot;notify&quot;]}</source>
        <translation>Optional: ein JSON Schema, dem das Ergebnis des Agenten entsprechen muss, z. B. {&quot;type&quot;: &quot;object&quot;, &quot;required&quot;: [&quot;notify&quot;]}</translation>
    </message>
    <message>
        <source>Result sc&amp;hema:</source>
        <translation>Ergebnissc&amp;hema:</translation>
    </message>
    <message>
        <source>Result schema: not a JSON object (%1)</source>
        <translation>Ergebnisschema: kein JSON-Objekt (%1)</translation>
    </message>
    <message>
        <source>another JSON value</source>
        <translation>ein anderer JSON-Wert</translation>
    </message>
    <message>
        <source>Awaiting approval: review the change on the Watchers page to approve or reject it</source>
        <translation>Wartet auf Genehmigung: Prüfen Sie die Änderung auf der Seite „Wächter“, um sie zu genehmigen oder abzulehnen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Notification cooldown</source>
        <translation>Pause zwischen Benachrichtigungen</translation>
    </message>
    <message>
        <source>Notifications per day</source>
        <translation>Benachrichtigungen pro Tag</translation>
    </message>
    <message>
        <source>Escalations per day</source>
        <translation>Übergaben an Agenten pro Tag</translation>
    </message>
    <message>
        <source>How many times a day the script may hand a finding to an agent (agent.escalate)</source>
        <translation>Wie oft am Tag das Skript einen Befund an einen Agenten übergeben darf (agent.escalate)</translation>
    </message>
    <message>
        <source>Notification cooldown:</source>
        <translation>Pause zwischen Benachrichtigungen:</translation>
    </message>
    <message>
        <source>Notifications per day:</source>
        <translation>Benachrichtigungen pro Tag:</translation>
    </message>
    <message>
        <source>Escalations per day:</source>
        <translation>Übergaben an Agenten pro Tag:</translation>
    </message>
</context>
<context>
    <name>hearth::ui::WatchersPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Nächster Lauf</translation>
    </message>
    <message>
        <source>Last status</source>
        <translation>Letzter Status</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation>Wächter</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation>Jetzt &amp;ausführen</translation>
    </message>
    <message>
        <source>Could not load watchers: %1</source>
        <translation>Wächter konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Could not load the watcher: %1</source>
        <translation>Der Wächter konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Delete watcher</source>
        <translation>Wächter löschen</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; with its runs and logs? This cannot be undone.</source>
        <translation>„%1“ mit seinen Läufen und Protokollen löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Could not start a run: %1</source>
        <translation>Ein Lauf konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Run %1 started.</source>
        <translation>Lauf %1 gestartet.</translation>
    </message>
    <message>
        <source>Could not change the watcher: %1</source>
        <translation>Der Wächter konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf…</translation>
    </message>
    <message>
        <source>What the watcher saw: its snapshots, what changed, its values</source>
        <translation>Was der Wächter sah: seine Schnappschüsse, Änderungen und Werte</translation>
    </message>
    <message>
        <source>Welcome to Hearth</source>
        <translation>Willkommen bei Hearth</translation>
    </message>
    <message>
        <source>Hearth watches things for you on this computer: a page, a feed, an API, a price.
It checks them on a schedule and tells you what changed.
Nothing leaves your machine, and every script runs in a sandbox.</source>
        <translation>Hearth beobachtet für Sie auf diesem Computer: eine Seite, einen Feed, eine API, einen Preis.
Es prüft sie nach Zeitplan und meldet, was sich geändert hat.
Nichts verlässt Ihren Rechner, und jedes Skript läuft in einer Sandbox.</translation>
    </message>
    <message>
        <source>Start with one of these:</source>
        <translation>Beginnen Sie mit einem davon:</translation>
    </message>
    <message>
        <source>Write a Lua script…</source>
        <translation>Ein Lua-Skript schreiben…</translation>
    </message>
    <message>
        <source>Start Hearth at &amp;login</source>
        <translation>Hearth bei der &amp;Anmeldung starten</translation>
    </message>
    <message>
        <source>Could not change start at login: %1</source>
        <translation>Start bei der Anmeldung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Geändert von</translation>
    </message>
    <message>
        <source>Created by %1, last changed by %2</source>
        <translation>Erstellt von %1, zuletzt geändert von %2</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Wartet auf Genehmigung</translation>
    </message>
    <message>
        <source>Changed by %1: review the change to approve or reject it</source>
        <translation>Geändert von %1: prüfen Sie die Änderung, um sie zu genehmigen oder abzulehnen</translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation>&amp;Prüfen …</translation>
    </message>
    <message>
        <source>See a change made over MCP, and approve or reject it</source>
        <translation>Eine über MCP vorgenommene Änderung ansehen und genehmigen oder ablehnen</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Prüfen …</translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) created or changed over MCP await your approval: they do not run until you approve.</source>
        <translation>
            <numerusform>%n über MCP erstellter oder geänderter Wächter wartet auf Ihre Genehmigung: Er läuft erst, wenn Sie ihn genehmigen.</numerusform>
            <numerusform>%n über MCP erstellte oder geänderte Wächter warten auf Ihre Genehmigung: Sie laufen erst, wenn Sie sie genehmigen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::autostart</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hearth&apos;s tray app.</source>
        <translation>Hearths Infobereich-App.</translation>
    </message>
    <message>
        <source>Data folder (env HEARTH_DATA_DIR; default: the saved one).</source>
        <translation>Datenordner (Umgebung HEARTH_DATA_DIR; Standard: der gespeicherte).</translation>
    </message>
    <message>
        <source>Port of the runtime it starts (env HEARTH_PORT; 0: any free one).</source>
        <translation>Port der Laufzeit, die es startet (Umgebung HEARTH_PORT; 0: ein beliebiger freier).</translation>
    </message>
</context>
</TS>
