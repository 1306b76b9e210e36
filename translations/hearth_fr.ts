<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>NewWatcherDialog</name>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>CSS selector</source>
        <translation>Sélecteur CSS</translation>
    </message>
    <message>
        <source>XPath</source>
        <translation>XPath</translation>
    </message>
    <message>
        <source>Tell about</source>
        <translation>Signaler</translation>
    </message>
    <message>
        <source>Ignore lines with</source>
        <translation>Ignorer les lignes avec</translation>
    </message>
    <message>
        <source>Only when added text has</source>
        <translation>Seulement si le texte ajouté contient</translation>
    </message>
    <message>
        <source>jq path</source>
        <translation>Chemin jq</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>Lire comme</translation>
    </message>
    <message>
        <source>Tell when</source>
        <translation>Signaler quand</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <source>Smallest move (%)</source>
        <translation>Plus petite variation (%)</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Mot-clé</translation>
    </message>
    <message>
        <source>Expected status</source>
        <translation>Statut attendu</translation>
    </message>
    <message>
        <source>Must contain</source>
        <translation>Doit contenir</translation>
    </message>
    <message>
        <source>Slowest answer (ms)</source>
        <translation>Réponse la plus lente (ms)</translation>
    </message>
    <message>
        <source>Timeout (s)</source>
        <translation>Délai (s)</translation>
    </message>
    <message>
        <source>what was added</source>
        <translation>ce qui a été ajouté</translation>
    </message>
    <message>
        <source>what was removed</source>
        <translation>ce qui a été retiré</translation>
    </message>
    <message>
        <source>any change</source>
        <translation>tout changement</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>it changes</source>
        <translation>elle change</translation>
    </message>
    <message>
        <source>it is above the threshold</source>
        <translation>elle dépasse le seuil</translation>
    </message>
    <message>
        <source>it is below the threshold</source>
        <translation>elle passe sous le seuil</translation>
    </message>
    <message>
        <source>it moves by a percentage</source>
        <translation>elle varie d’un pourcentage</translation>
    </message>
</context>
<context>
    <name>WatcherTemplates</name>
    <message>
        <source>The address to watch (http or https)</source>
        <translation>L’adresse à surveiller (http ou https)</translation>
    </message>
    <message>
        <source>Page change</source>
        <translation>Changement de page</translation>
    </message>
    <message>
        <source>Tells what was added to (or removed from) a page, or a part of it, since the last check.</source>
        <translation>Signale ce qui a été ajouté à une page (ou retiré), ou à une partie, depuis la dernière vérification.</translation>
    </message>
    <message>
        <source>Only this part of the page (a CSS selector)</source>
        <translation>Seulement cette partie de la page (un sélecteur CSS)</translation>
    </message>
    <message>
        <source>Only this part of the page (an XPath)</source>
        <translation>Seulement cette partie de la page (un XPath)</translation>
    </message>
    <message>
        <source>What to tell about</source>
        <translation>Ce qu’il faut signaler</translation>
    </message>
    <message>
        <source>Lines containing this do not count</source>
        <translation>Les lignes qui contiennent ceci ne comptent pas</translation>
    </message>
    <message>
        <source>Tell only when an added line contains this</source>
        <translation>Signaler seulement si une ligne ajoutée contient ceci</translation>
    </message>
    <message>
        <source>Value watch</source>
        <translation>Suivi de valeur</translation>
    </message>
    <message>
        <source>Follows one value of a page or a JSON API, such as a price, and tells when it changes, crosses a threshold or moves by a percentage.</source>
        <translation>Suit une valeur d’une page ou d’une API JSON, comme un prix, et signale quand elle change, franchit un seuil ou varie d’un pourcentage.</translation>
    </message>
    <message>
        <source>Where the value is on the page (CSS)</source>
        <translation>Où se trouve la valeur sur la page (CSS)</translation>
    </message>
    <message>
        <source>Where the value is in the JSON answer (a jq path)</source>
        <translation>Où se trouve la valeur dans la réponse JSON (un chemin jq)</translation>
    </message>
    <message>
        <source>Read the value as</source>
        <translation>Lire la valeur comme</translation>
    </message>
    <message>
        <source>When to tell</source>
        <translation>Quand signaler</translation>
    </message>
    <message>
        <source>For above and below</source>
        <translation>Pour au-dessus et en dessous</translation>
    </message>
    <message>
        <source>For change_pct: the smallest move, in %</source>
        <translation>Pour change_pct : la plus petite variation, en %</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Tells about the new items of an RSS, Atom or JSON feed, once each.</source>
        <translation>Signale les nouveaux éléments d’un flux RSS, Atom ou JSON, une fois chacun.</translation>
    </message>
    <message>
        <source>Only items whose title or summary contains this</source>
        <translation>Seulement les éléments dont le titre ou le résumé contient ceci</translation>
    </message>
    <message>
        <source>JSON API change</source>
        <translation>Changement d’API JSON</translation>
    </message>
    <message>
        <source>Tells when the part of a JSON API&apos;s answer a jq path selects changes.</source>
        <translation>Signale quand la partie de la réponse d’une API JSON choisie par un chemin jq change.</translation>
    </message>
    <message>
        <source>What to compare (a jq path, . for all)</source>
        <translation>Ce qu’il faut comparer (un chemin jq, . pour tout)</translation>
    </message>
    <message>
        <source>Site up/down</source>
        <translation>Site en ligne ou non</translation>
    </message>
    <message>
        <source>Tells when a site stops answering as it should, and when it is back.</source>
        <translation>Signale quand un site cesse de répondre comme il le devrait, et quand il revient.</translation>
    </message>
    <message>
        <source>The expected HTTP status</source>
        <translation>Le statut HTTP attendu</translation>
    </message>
    <message>
        <source>Text the page must contain</source>
        <translation>Texte que la page doit contenir</translation>
    </message>
    <message>
        <source>Slower answers count as down (milliseconds)</source>
        <translation>Les réponses plus lentes comptent comme une panne (millisecondes)</translation>
    </message>
    <message>
        <source>How long to wait for an answer</source>
        <translation>Combien de temps attendre une réponse</translation>
    </message>
</context>
<context>
    <name>hearth::client::format</name>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation>
            <numerusform>chaque jour</numerusform>
            <numerusform>tous les %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>chaque heure</numerusform>
            <numerusform>toutes les %n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>chaque minute</numerusform>
            <numerusform>toutes les %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n second(s)</source>
        <translation>
            <numerusform>chaque seconde</numerusform>
            <numerusform>toutes les %n secondes</numerusform>
        </translation>
    </message>
    <message>
        <source>once at %1</source>
        <translation>une fois le %1</translation>
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
        <translation>après chaque succès de %1</translation>
    </message>
    <message>
        <source>after %1 finds a change</source>
        <translation>quand %1 trouve un changement</translation>
    </message>
    <message>
        <source>after %1 fails</source>
        <translation>quand %1 échoue</translation>
    </message>
    <message>
        <source>after %1 notifies</source>
        <translation>quand %1 envoie une notification</translation>
    </message>
    <message>
        <source>when files change in %1 or a folder under it</source>
        <translation>quand des fichiers changent dans %1 ou un dossier en dessous</translation>
    </message>
    <message>
        <source>when files change in %1</source>
        <translation>quand des fichiers changent dans %1</translation>
    </message>
    <message>
        <source>%1 (only %2)</source>
        <translation>%1 (seulement %2)</translation>
    </message>
    <message>
        <source>when a webhook arrives (signed: Standard Webhooks)</source>
        <translation>quand un webhook arrive (signé : Standard Webhooks)</translation>
    </message>
    <message>
        <source>when a webhook arrives (signed: GitHub)</source>
        <translation>quand un webhook arrive (signé : GitHub)</translation>
    </message>
    <message>
        <source>when a webhook arrives (unsigned)</source>
        <translation>quand un webhook arrive (non signé)</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ApprovalDialog</name>
    <message>
        <source>Review a change</source>
        <translation>Examiner une modification</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approuver</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>Re&amp;jeter</translation>
    </message>
    <message>
        <source>What it reaches:</source>
        <translation>Ce qu’elle atteint :</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Could not load the change: %1</source>
        <translation>Impossible de charger la modification : %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not await approval.</source>
        <translation>« %1 » n’attend pas d’approbation.</translation>
    </message>
    <message>
        <source>%1 changed &quot;%2&quot;. The change awaits your approval; until then the watcher does not run.</source>
        <translation>%1 a modifié « %2 ». La modification attend votre approbation ; d’ici là, la surveillance ne s’exécute pas.</translation>
    </message>
    <message>
        <source>%1 created &quot;%2&quot;. It awaits your approval; until then it does not run.</source>
        <translation>%1 a créé « %2 ». Elle attend votre approbation ; d’ici là, elle ne s’exécute pas.</translation>
    </message>
    <message>
        <source>Approving enables it.</source>
        <translation>L’approuver l’active.</translation>
    </message>
    <message>
        <source>Approving leaves it disabled.</source>
        <translation>L’approuver la laisse désactivée.</translation>
    </message>
    <message>
        <source>Rejecting restores the version approved before.</source>
        <translation>La rejeter rétablit la version approuvée auparavant.</translation>
    </message>
    <message>
        <source>Rejecting deletes it.</source>
        <translation>La rejeter la supprime.</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (nouveau)</translation>
    </message>
    <message>
        <source>Websites: %1</source>
        <translation>Sites web : %1</translation>
    </message>
    <message>
        <source>Websites it builds the address of at run time (any website)</source>
        <translation>Des sites web dont elle construit l’adresse à l’exécution (n’importe lequel)</translation>
    </message>
    <message>
        <source>Secrets: %1</source>
        <translation>Secrets : %1</translation>
    </message>
    <message>
        <source>Secrets it names at run time (any secret)</source>
        <translation>Des secrets qu’elle nomme à l’exécution (n’importe lequel)</translation>
    </message>
    <message>
        <source>Sends email</source>
        <translation>Envoie des e-mails</translation>
    </message>
    <message>
        <source>the worker&apos;s own folder</source>
        <translation>le dossier propre au worker</translation>
    </message>
    <message>
        <source>Runs the %1 agent on device worker %2, in %3</source>
        <translation>Exécute l’agent %1 sur le worker d’appareil %2, dans %3</translation>
    </message>
    <message>
        <source>Watches the folder %1</source>
        <translation>Surveille le dossier %1</translation>
    </message>
    <message>
        <source>Starts on requests to its webhook URL</source>
        <translation>Démarre sur les requêtes vers son URL de webhook</translation>
    </message>
    <message>
        <source>Starts after &quot;%1&quot;</source>
        <translation>Démarre après « %1 »</translation>
    </message>
    <message>
        <source>Notifies on the desktop only</source>
        <translation>Notifie sur le bureau seulement</translation>
    </message>
    <message>
        <source>Notifies on the desktop and %1</source>
        <translation>Notifie sur le bureau et via %1</translation>
    </message>
    <message>
        <source>Notifies on the desktop and the default channels</source>
        <translation>Notifie sur le bureau et via les canaux par défaut</translation>
    </message>
    <message>
        <source>Could not approve &quot;%1&quot;: %2</source>
        <translation>Impossible d’approuver « %1 » : %2</translation>
    </message>
    <message>
        <source>Approved &quot;%1&quot;: it is enabled.</source>
        <translation>« %1 » approuvée : elle est activée.</translation>
    </message>
    <message>
        <source>Approved &quot;%1&quot;: it stays disabled.</source>
        <translation>« %1 » approuvée : elle reste désactivée.</translation>
    </message>
    <message>
        <source>Could not reject &quot;%1&quot;: %2</source>
        <translation>Impossible de rejeter « %1 » : %2</translation>
    </message>
    <message>
        <source>Rejected the change to &quot;%1&quot;: it is as approved before.</source>
        <translation>Modification de « %1 » rejetée : elle est comme approuvée auparavant.</translation>
    </message>
    <message>
        <source>Rejected &quot;%1&quot;: it is deleted.</source>
        <translation>« %1 » rejetée : elle est supprimée.</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Ce qui change</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Script</translation>
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
        <translation>Modifier le canal</translation>
    </message>
    <message>
        <source>Add channel</source>
        <translation>Ajouter un canal</translation>
    </message>
    <message>
        <source>Channel name</source>
        <translation>Nom du canal</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>ntfy (phone)</source>
        <translation>ntfy (téléphone)</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>Serveur SMTP</translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation>Port SMTP</translation>
    </message>
    <message>
        <source>None (this computer only)</source>
        <translation>Aucune (cet ordinateur seulement)</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Password secret</source>
        <translation>Secret du mot de passe</translation>
    </message>
    <message>
        <source>The name of the secret (Secrets page) that holds the password.</source>
        <translation>Le nom du secret (page Secrets) qui contient le mot de passe.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort :</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>S&amp;écurité :</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom d&apos;&amp;utilisateur :</translation>
    </message>
    <message>
        <source>&amp;Password secret:</source>
        <translation>Secret du mot de &amp;passe :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;De :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;À :</translation>
    </message>
    <message>
        <source>ntfy server</source>
        <translation>Serveur ntfy</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation>Secret du jeton</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>S&amp;ujet :</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorité :</translation>
    </message>
    <message>
        <source>Token s&amp;ecret:</source>
        <translation>S&amp;ecret du jeton :</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL du webhook</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL :</translation>
    </message>
    <message>
        <source>Messages are signed with the secret channel.ID, which Hearth makes.</source>
        <translation>Les messages sont signés avec le secret channel.ID, que Hearth crée.</translation>
    </message>
    <message>
        <source>Send every watcher&apos;s notifications here unless it names its channels</source>
        <translation>Envoyer ici les notifications de chaque surveillance qui ne nomme pas ses canaux</translation>
    </message>
    <message>
        <source>&amp;Muted</source>
        <translation>&amp;Muet</translation>
    </message>
    <message>
        <source>Cooldown</source>
        <translation>Délai de répit</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Daily budget</source>
        <translation>Budget quotidien</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Cooldown:</source>
        <translation>Délai de &amp;répit :</translation>
    </message>
    <message>
        <source>&amp;Daily budget:</source>
        <translation>&amp;Budget quotidien :</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ChannelsSection</name>
    <message>
        <source>Notification channels</source>
        <translation>Canaux de notification</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Sends to</source>
        <translation>Envoie à</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Add channel…</source>
        <translation>Ajouter un &amp;canal…</translation>
    </message>
    <message>
        <source>Ed&amp;it channel…</source>
        <translation>Mod&amp;ifier le canal…</translation>
    </message>
    <message>
        <source>Remo&amp;ve channel</source>
        <translation>Supprimer le canal (&amp;v)</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Envoyer un &amp;test</translation>
    </message>
    <message>
        <source>Notifications always show on this desktop; channels also send them by email, to your phone (ntfy) or to a webhook.</source>
        <translation>Les notifications s’affichent toujours sur ce bureau ; les canaux les envoient aussi par e-mail, sur votre téléphone (ntfy) ou à un webhook.</translation>
    </message>
    <message>
        <source>Could not load channels: %1</source>
        <translation>Impossible de charger les canaux : %1</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>ntfy (phone)</source>
        <translation>ntfy (téléphone)</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>muet</translation>
    </message>
    <message>
        <source>Could not save the channel: %1</source>
        <translation>Impossible d’enregistrer le canal : %1</translation>
    </message>
    <message>
        <source>Saved channel &quot;%1&quot;.</source>
        <translation>Canal « %1 » enregistré.</translation>
    </message>
    <message>
        <source>Remove channel</source>
        <translation>Supprimer le canal</translation>
    </message>
    <message>
        <source>Remove the channel &quot;%1&quot; and its delivery history?</source>
        <translation>Supprimer le canal « %1 » et son historique d’envoi ?</translation>
    </message>
    <message>
        <source>Could not remove &quot;%1&quot;: %2</source>
        <translation>Impossible de supprimer « %1 » : %2</translation>
    </message>
    <message>
        <source>Removed channel &quot;%1&quot;.</source>
        <translation>Canal « %1 » supprimé.</translation>
    </message>
    <message>
        <source>Sending a test message through &quot;%1&quot;…</source>
        <translation>Envoi d’un message de test par « %1 »…</translation>
    </message>
    <message>
        <source>Could not send a test through &quot;%1&quot;: %2</source>
        <translation>Impossible d’envoyer un test par « %1 » : %2</translation>
    </message>
    <message>
        <source>Could not follow the test: %1</source>
        <translation>Impossible de suivre le test : %1</translation>
    </message>
    <message>
        <source>The test message went through &quot;%1&quot;.</source>
        <translation>Le message de test est passé par « %1 ».</translation>
    </message>
    <message>
        <source>The test message has not been sent yet.</source>
        <translation>Le message de test n’a pas encore été envoyé.</translation>
    </message>
    <message>
        <source>Not sent yet; it will be tried again: %1</source>
        <translation>Pas encore envoyé ; il sera réessayé : %1</translation>
    </message>
    <message>
        <source>The test message could not be sent: %1</source>
        <translation>Le message de test n’a pas pu être envoyé : %1</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Notifications not delivered</source>
        <translation>Notifications non remises</translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation>Renvoy&amp;er</translation>
    </message>
    <message>
        <source>Send a&amp;ll again</source>
        <translation>Tout renv&amp;oyer</translation>
    </message>
    <message>
        <source>Not delivered (failed, or out of retries):</source>
        <translation>Non remises (refusées, ou sans nouvel essai) :</translation>
    </message>
    <message>
        <source>Could not send it again: %1</source>
        <translation>Impossible de la renvoyer : %1</translation>
    </message>
    <message>
        <source>It will be sent again.</source>
        <translation>Elle sera renvoyée.</translation>
    </message>
    <message>
        <source>Could not send them again: %1</source>
        <translation>Impossible de les renvoyer : %1</translation>
    </message>
    <message>
        <source>They will be sent again.</source>
        <translation>Elles seront renvoyées.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::DesktopNotifier</name>
    <message numerus="yes">
        <source>%n more notification(s)</source>
        <translation>
            <numerusform>%n autre notification</numerusform>
            <numerusform>%n autres notifications</numerusform>
        </translation>
    </message>
    <message>
        <source>The latest: %1</source>
        <translation>La plus récente : %1</translation>
    </message>
</context>
<context>
    <name>hearth::ui::DiffView</name>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
</context>
<context>
    <name>hearth::ui::HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>Historique de %1</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Instantanés</translation>
    </message>
    <message>
        <source>Inline</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Show changes</source>
        <translation>Afficher les modifications</translation>
    </message>
    <message>
        <source>&amp;Changes</source>
        <translation>&amp;Modifications</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Valeur</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Could not load the snapshots: %1</source>
        <translation>Impossible de charger les instantanés : %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No snapshots yet: a watcher keeps one each time it runs with snapshot.save or a snapshot in its result.</source>
        <translation>Pas encore d’instantané : une surveillance en garde un à chaque exécution avec snapshot.save ou un snapshot dans son résultat.</translation>
    </message>
    <message>
        <source>The first snapshot kept.</source>
        <translation>Le premier instantané gardé.</translation>
    </message>
    <message>
        <source>Nothing changed since the snapshot before.</source>
        <translation>Rien n’a changé depuis l’instantané précédent.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n ligne ajoutée</numerusform>
            <numerusform>%n lignes ajoutées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n ligne retirée</numerusform>
            <numerusform>%n lignes retirées</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 since %3.</source>
        <translation>%1, %2 depuis %3.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::LogsPage</name>
    <message>
        <source>Minimum level</source>
        <translation>Niveau minimum</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Search logs</source>
        <translation>Rechercher dans les journaux</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Live log</source>
        <translation>Journal en direct</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Niveau :</translation>
    </message>
    <message numerus="yes">
        <source>Paused (%n new line(s))</source>
        <translation>
            <numerusform>En pause (%n nouvelle ligne)</numerusform>
            <numerusform>En pause (%n nouvelles lignes)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1  run %2  [%3] %4</source>
        <translation>%1  exécution %2  [%3] %4</translation>
    </message>
</context>
<context>
    <name>hearth::ui::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation>Surveillances</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Secrets</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
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
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>Reconnecting… (%1)</source>
        <translation>Reconnexion… (%1)</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Runtime</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n awaiting approval</source>
        <translation>
            <numerusform>%1, %n en attente d’approbation</numerusform>
            <numerusform>%1, %n en attente d’approbation</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::NewWatcherDialog</name>
    <message>
        <source>&amp;Preview</source>
        <translation>A&amp;perçu</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Edit as &amp;Lua…</source>
        <translation>Modifier en &amp;Lua…</translation>
    </message>
    <message>
        <source>New watcher</source>
        <translation>Nouvelle surveillance</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Check every</source>
        <translation>Vérifier toutes les</translation>
    </message>
    <message>
        <source>What it found</source>
        <translation>Ce qui a été trouvé</translation>
    </message>
    <message>
        <source>Press Preview to see what it finds now.</source>
        <translation>Appuyez sur Aperçu pour voir ce qui est trouvé maintenant.</translation>
    </message>
    <message>
        <source>What it would tell you</source>
        <translation>Ce qui vous serait signalé</translation>
    </message>
    <message>
        <source>Open the script this template makes in the Lua editor</source>
        <translation>Ouvrir le script de ce modèle dans l’éditeur Lua</translation>
    </message>
    <message>
        <source>Check &amp;every:</source>
        <translation>Vérifier &amp;toutes les :</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>What it found now:</source>
        <translation>Ce qui a été trouvé maintenant :</translation>
    </message>
    <message>
        <source>What it would tell you:</source>
        <translation>Ce qui vous serait signalé :</translation>
    </message>
    <message>
        <source>What to watch:</source>
        <translation>Ce qu’il faut surveiller :</translation>
    </message>
    <message>
        <source>&amp;Write a Lua script…</source>
        <translation>É&amp;crire un script Lua…</translation>
    </message>
    <message>
        <source>Start from an empty script instead of a template</source>
        <translation>Partir d’un script vide plutôt que d’un modèle</translation>
    </message>
    <message>
        <source>Could not load the templates: %1</source>
        <translation>Impossible de charger les modèles : %1</translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation>%1 (facultatif)</translation>
    </message>
    <message>
        <source>%1 (default %2)</source>
        <translation>%1 (par défaut %2)</translation>
    </message>
    <message>
        <source>%1: please fill this in</source>
        <translation>%1 : à remplir</translation>
    </message>
    <message>
        <source>%1: not a number</source>
        <translation>%1 : pas un nombre</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>It did not work: %1</source>
        <translation>Cela n’a pas fonctionné : %1</translation>
    </message>
    <message>
        <source>It worked (%1).</source>
        <translation>Cela a fonctionné (%1).</translation>
    </message>
    <message>
        <source>Nothing now: it tells you when something changes.</source>
        <translation>Rien pour l’instant : il vous prévient quand quelque chose change.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::NotificationsPage</name>
    <message>
        <source>read</source>
        <translation>lue</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>non lue</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Mark &amp;read</source>
        <translation>Marquer comme &amp;lue</translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation>Marquer &amp;tout comme lu</translation>
    </message>
    <message>
        <source>Could not load notifications: %1</source>
        <translation>Impossible de charger les notifications : %1</translation>
    </message>
    <message>
        <source>Could not mark it read: %1</source>
        <translation>Impossible de la marquer comme lue : %1</translation>
    </message>
    <message>
        <source>Could not mark them read: %1</source>
        <translation>Impossible de les marquer comme lues : %1</translation>
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
        <translation>Zone de notification</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Ligne de commande</translation>
    </message>
    <message>
        <source>MCP client %1</source>
        <translation>Client MCP %1</translation>
    </message>
    <message>
        <source>API client %1</source>
        <translation>Client API %1</translation>
    </message>
</context>
<context>
    <name>hearth::ui::RunsPage</name>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>Watcher</source>
        <translation>Surveillance</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Déclencheur</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Tentative</translation>
    </message>
    <message>
        <source>Scheduled for</source>
        <translation>Prévue pour</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>Watcher filter</source>
        <translation>Filtre de surveillance</translation>
    </message>
    <message>
        <source>All watchers</source>
        <translation>Toutes les surveillances</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtre d’état</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tout état</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>&amp;Annuler l’exécution</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Select a run.</source>
        <translation>Sélectionnez une exécution.</translation>
    </message>
    <message>
        <source>Run result</source>
        <translation>Résultat de l’exécution</translation>
    </message>
    <message>
        <source>Run logs</source>
        <translation>Journaux de l’exécution</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>Could not load runs: %1</source>
        <translation>Impossible de charger les exécutions : %1</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>Exécution %1 : %2</translation>
    </message>
    <message>
        <source>Run %1 of %2: %3, attempt %4 (%5)</source>
        <translation>Exécution %1 de %2 : %3, tentative %4 (%5)</translation>
    </message>
    <message>
        <source>Scheduled %1 · started %2 · finished %3 · took %4</source>
        <translation>Prévue %1 · démarrée %2 · terminée %3 · durée %4</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation>Erreur %1 : %2</translation>
    </message>
    <message>
        <source>Agent output:</source>
        <translation>Sortie de l’agent :</translation>
    </message>
    <message>
        <source>Could not cancel run %1: %2</source>
        <translation>Impossible d’annuler l’exécution %1 : %2</translation>
    </message>
    <message>
        <source>Run %1 cancelled.</source>
        <translation>Exécution %1 annulée.</translation>
    </message>
    <message>
        <source>Could not retry run %1: %2</source>
        <translation>Impossible de relancer l’exécution %1 : %2</translation>
    </message>
    <message>
        <source>Run %1 retried as run %2.</source>
        <translation>Exécution %1 relancée comme exécution %2.</translation>
    </message>
    <message>
        <source>Started by the end of run %1 (link %2 of a chain)</source>
        <translation>Démarrée par la fin de l’exécution %1 (maillon %2 d’une chaîne)</translation>
    </message>
    <message>
        <source>Started by %1</source>
        <translation>Lancée par %1</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Lancée par</translation>
    </message>
    <message>
        <source>Escalated by run %1 to the %2 agent: %3</source>
        <translation>Transmise par l’exécution %1 à l’agent %2 : %3</translation>
    </message>
    <message>
        <source>(pruned)</source>
        <translation>(purgée)</translation>
    </message>
</context>
<context>
    <name>hearth::ui::RuntimeSupervisor</name>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>running</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>arrêt en cours</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>arrêté de façon inattendue</translation>
    </message>
    <message>
        <source>error</source>
        <translation>en erreur</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>Impossible de démarrer %1 : %2</translation>
    </message>
    <message>
        <source>The runtime did not come up within %1 s.</source>
        <translation>Le runtime n’a pas démarré en %1 s.</translation>
    </message>
    <message>
        <source>Hearth was updated — restart to finish (this tray is %1, the runtime %2).</source>
        <translation>Hearth a été mis à jour — redémarrez pour terminer (cette application est %1, le runtime %2).</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>a planté</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>s’est terminé avec le code %1</translation>
    </message>
    <message>
        <source>The runtime %1 while starting.</source>
        <translation>Le runtime %1 au démarrage.</translation>
    </message>
    <message>
        <source>The runtime %1.</source>
        <translation>Le runtime %1.</translation>
    </message>
    <message>
        <source>Last lines from hearthd:</source>
        <translation>Dernières lignes de hearthd :</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SecretsPage</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Secrets</translation>
    </message>
    <message>
        <source>Revealed value</source>
        <translation>Valeur affichée</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Update…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Afficher</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Could not load secrets: %1</source>
        <translation>Impossible de charger les secrets : %1</translation>
    </message>
    <message>
        <source>Secrets are sealed with the master key from the %1.</source>
        <translation>Les secrets sont scellés avec la clé maîtresse %1.</translation>
    </message>
    <message>
        <source>OS keychain</source>
        <translation>du trousseau du système</translation>
    </message>
    <message>
        <source>HEARTH_SECRET_KEY environment variable</source>
        <translation>de la variable d’environnement HEARTH_SECRET_KEY</translation>
    </message>
    <message>
        <source>key file in the data dir</source>
        <translation>du fichier de clé dans le dossier de données</translation>
    </message>
    <message>
        <source>Secrets are %1.</source>
        <translation>Les secrets sont %1.</translation>
    </message>
    <message>
        <source>Update secret</source>
        <translation>Modifier le secret</translation>
    </message>
    <message>
        <source>Add secret</source>
        <translation>Ajouter un secret</translation>
    </message>
    <message>
        <source>Secret name</source>
        <translation>Nom du secret</translation>
    </message>
    <message>
        <source>Secret value</source>
        <translation>Valeur du secret</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Valeur :</translation>
    </message>
    <message>
        <source>Could not save &quot;%1&quot;: %2</source>
        <translation>Impossible d’enregistrer « %1 » : %2</translation>
    </message>
    <message>
        <source>Saved secret &quot;%1&quot;.</source>
        <translation>Secret « %1 » enregistré.</translation>
    </message>
    <message>
        <source>Delete secret</source>
        <translation>Supprimer le secret</translation>
    </message>
    <message>
        <source>Delete the secret &quot;%1&quot;? Watchers that read it will fail.</source>
        <translation>Supprimer le secret « %1 » ? Les surveillances qui le lisent échoueront.</translation>
    </message>
    <message>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation>Impossible de supprimer « %1 » : %2</translation>
    </message>
    <message>
        <source>Deleted secret &quot;%1&quot;.</source>
        <translation>Secret « %1 » supprimé.</translation>
    </message>
    <message>
        <source>Could not reveal &quot;%1&quot;: %2</source>
        <translation>Impossible d’afficher « %1 » : %2</translation>
    </message>
    <message numerus="yes">
        <source>Copied &quot;%1&quot;; the clipboard is cleared in %n second(s).</source>
        <translation>
            <numerusform>« %1 » copié ; le presse-papiers sera vidé dans %n seconde.</numerusform>
            <numerusform>« %1 » copié ; le presse-papiers sera vidé dans %n secondes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reveal shows the selected value here for %n second(s)</source>
        <translation>
            <numerusform>Afficher montre ici la valeur sélectionnée pendant %n seconde</numerusform>
            <numerusform>Afficher montre ici la valeur sélectionnée pendant %n secondes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::Session</name>
    <message>
        <source>the runtime closed the event stream</source>
        <translation>le runtime a fermé le flux d’événements</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SettingsPage</name>
    <message>
        <source>Runtime</source>
        <translation>Runtime</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>n’importe quel port libre</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier de données</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;Start the runtime when the tray starts</source>
        <translation>&amp;Démarrer le runtime au lancement de l’application</translation>
    </message>
    <message>
        <source>Start Hearth at &amp;login</source>
        <translation>Démarrer Hearth à l’&amp;ouverture de session</translation>
    </message>
    <message>
        <source>&amp;Keep the runtime running when the tray quits</source>
        <translation>&amp;Laisser le runtime actif quand l’application se ferme</translation>
    </message>
    <message>
        <source>Keep the master key in a &amp;file in the data folder</source>
        <translation>Garder la clé maîtresse dans un &amp;fichier du dossier de données</translation>
    </message>
    <message>
        <source>Warning: anyone who can read the data folder can then decrypt every secret. Use this only where there is no keychain.</source>
        <translation>Attention : quiconque peut lire le dossier de données peut alors déchiffrer tous les secrets. À utiliser seulement là où il n’y a pas de trousseau.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Keep finished runs for</source>
        <translation>Garder les exécutions terminées pendant</translation>
    </message>
    <message>
        <source> runs</source>
        <translation> exécutions</translation>
    </message>
    <message>
        <source>Finished runs kept per watcher</source>
        <translation>Exécutions terminées gardées par surveillance</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port :</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Dossier de données :</translation>
    </message>
    <message>
        <source>Keep finished runs &amp;for:</source>
        <translation>Garder les exécutions terminées &amp;pendant :</translation>
    </message>
    <message>
        <source>Keep at most, per &amp;watcher:</source>
        <translation>Au plus, par &amp;surveillance :</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>Comme le système (%1)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>Applies when the tray starts again.</source>
        <translation>S’applique au prochain démarrage de l’application.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Show &amp;desktop notifications</source>
        <translation>Afficher les notifications de &amp;bureau</translation>
    </message>
    <message>
        <source>As it is</source>
        <translation>Tel quel</translation>
    </message>
    <message>
        <source>Mute for 1 hour</source>
        <translation>Muet pendant 1 heure</translation>
    </message>
    <message>
        <source>Mute for 4 hours</source>
        <translation>Muet pendant 4 heures</translation>
    </message>
    <message>
        <source>Mute until tomorrow</source>
        <translation>Muet jusqu’à demain</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Réactiver le son</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Muet</translation>
    </message>
    <message>
        <source>&amp;Mute:</source>
        <translation>&amp;Muet :</translation>
    </message>
    <message>
        <source>Agents on this device</source>
        <translation>Agents sur cet appareil</translation>
    </message>
    <message>
        <source>&amp;Run agent watchers pinned to this device while the tray is up</source>
        <translation>&amp;Exécuter les surveillances d’agent liées à cet appareil tant que l’application tourne</translation>
    </message>
    <message>
        <source>Agent profiles</source>
        <translation>Profils d’agent</translation>
    </message>
    <message>
        <source>Add &amp;claude</source>
        <translation>Ajouter &amp;claude</translation>
    </message>
    <message>
        <source>Add c&amp;odex</source>
        <translation>Ajouter c&amp;odex</translation>
    </message>
    <message>
        <source>Add c&amp;ustom…</source>
        <translation>Ajouter un profil &amp;personnalisé…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Enregistrer les paramètres</translation>
    </message>
    <message>
        <source>Worker &quot;%1&quot; (%2): %3</source>
        <translation>Worker « %1 » (%2) : %3</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>offline: its pinned runs will fail with no_worker</source>
        <translation>hors ligne : ses exécutions liées échoueront avec no_worker</translation>
    </message>
    <message>
        <source>(this device)</source>
        <translation>(cet appareil)</translation>
    </message>
    <message>
        <source>No device worker is registered.</source>
        <translation>Aucun worker d’appareil n’est enregistré.</translation>
    </message>
    <message>
        <source>Muted until %1.</source>
        <translation>Muet jusqu’à %1.</translation>
    </message>
    <message>
        <source>%1 is not installed on this device</source>
        <translation>%1 n’est pas installé sur cet appareil</translation>
    </message>
    <message>
        <source>Agent profile</source>
        <translation>Profil d’agent</translation>
    </message>
    <message>
        <source>{&quot;name&quot;, &quot;program&quot;, &quot;args&quot; (with &quot;{prompt}&quot;, or none to pass the prompt on stdin), &quot;env&quot;, &quot;workdir&quot;, &quot;output_format&quot;, &quot;schema_args&quot; (with &quot;{schema}&quot; or &quot;{schema_file}&quot;), &quot;mcp_args&quot; (with &quot;{mcp_config}&quot;: the run&apos;s own MCP server)}</source>
        <translation>{&quot;name&quot;, &quot;program&quot;, &quot;args&quot; (avec &quot;{prompt}&quot;, ou aucun pour passer le prompt sur stdin), &quot;env&quot;, &quot;workdir&quot;, &quot;output_format&quot;, &quot;schema_args&quot; (avec &quot;{schema}&quot; ou &quot;{schema_file}&quot;), &quot;mcp_args&quot; (avec &quot;{mcp_config}&quot; : le serveur MCP propre à l’exécution)}</translation>
    </message>
    <message>
        <source>Profile JSON</source>
        <translation>JSON du profil</translation>
    </message>
    <message>
        <source>Not a JSON object.</source>
        <translation>Pas un objet JSON.</translation>
    </message>
    <message>
        <source>start at login: %1</source>
        <translation>démarrage à l’ouverture de session : %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Paramètres enregistrés.</translation>
    </message>
    <message>
        <source>Settings saved, except %1</source>
        <translation>Paramètres enregistrés, sauf %1</translation>
    </message>
    <message>
        <source>Receive webhooks on</source>
        <translation>Recevoir les webhooks sur</translation>
    </message>
    <message>
        <source>Off, or an address and port such as 127.0.0.1:8788</source>
        <translation>Désactivé, ou une adresse et un port comme 127.0.0.1:8788</translation>
    </message>
    <message>
        <source>Webhook watchers get their deliveries here, never on the port above. A loopback address (127.0.0.1) is reached from this computer only; another of its addresses lets senders on that network reach it.</source>
        <translation>Les surveillances par webhook reçoivent leurs livraisons ici, jamais sur le port ci-dessus. Une adresse de bouclage (127.0.0.1) n’est joignable que depuis cet ordinateur ; une autre de ses adresses permet aux expéditeurs de ce réseau de la joindre.</translation>
    </message>
    <message>
        <source>Receive &amp;webhooks on:</source>
        <translation>Recevoir les &amp;webhooks sur :</translation>
    </message>
    <message>
        <source>This window shows %1. Port, folder, history, webhook and key file changes apply at the next start. Older runs and their logs are deleted hourly; dead runs are always kept.</source>
        <translation>Cette fenêtre montre %1. Les changements de port, de dossier, d’historique, de webhooks et de fichier de clé s’appliquent au prochain démarrage. Les exécutions plus anciennes et leurs journaux sont supprimés toutes les heures ; les exécutions mortes sont toujours conservées.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SingleInstance</name>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>impossible d’écouter sur %1 : %2</translation>
    </message>
    <message>
        <source>another hearth-tray holds %1 but does not answer</source>
        <translation>une autre instance de hearth-tray détient %1 mais ne répond pas</translation>
    </message>
    <message>
        <source>cannot create the tray&apos;s lock file in the data folder</source>
        <translation>impossible de créer le fichier de verrou de l’application dans le dossier de données</translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayController</name>
    <message>
        <source>Hearth is not running</source>
        <translation>Hearth ne tourne pas</translation>
    </message>
    <message>
        <source>The Hearth runtime stopped unexpectedly</source>
        <translation>Le runtime de Hearth s’est arrêté de façon inattendue</translation>
    </message>
    <message>
        <source>Restarting it…</source>
        <translation>Redémarrage…</translation>
    </message>
    <message>
        <source>It crashed three times in a minute and was not restarted. Click to start it again.</source>
        <translation>Il a planté trois fois en une minute et n’a pas été redémarré. Cliquez pour le redémarrer.</translation>
    </message>
    <message>
        <source>Hearth runtime log</source>
        <translation>Journal du runtime de Hearth</translation>
    </message>
    <message>
        <source>(the runtime printed nothing)</source>
        <translation>(le runtime n’a rien affiché)</translation>
    </message>
    <message>
        <source>There is no system tray (offscreen display), so Hearth shows this window instead. Closing it quits Hearth.</source>
        <translation>Il n’y a pas de zone de notification (affichage hors écran) : Hearth affiche donc cette fenêtre. La fermer quitte Hearth.</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so Hearth shows this window instead. Closing it quits Hearth.</source>
        <translation>Ce bureau n’a pas de zone de notification : Hearth affiche donc cette fenêtre. La fermer quitte Hearth.</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Déconnecté : %1</translation>
    </message>
    <message>
        <source>Agent worker: off</source>
        <translation>Worker d’agents : désactivé</translation>
    </message>
    <message>
        <source>Agent worker: %1</source>
        <translation>Worker d’agents : %1</translation>
    </message>
    <message>
        <source>Agent worker: no agent installed (add a profile in Settings)</source>
        <translation>Worker d’agents : aucun agent installé (ajoutez un profil dans les Paramètres)</translation>
    </message>
    <message>
        <source>Agent worker stopped: %1</source>
        <translation>Worker d’agents arrêté : %1</translation>
    </message>
    <message>
        <source>Hearth is %1</source>
        <translation>Hearth est %1</translation>
    </message>
    <message numerus="yes">
        <source>Hearth is %1 · %n watcher(s) active</source>
        <translation>
            <numerusform>Hearth est %1 · %n surveillance active</numerusform>
            <numerusform>Hearth est %1 · %n surveillances actives</numerusform>
        </translation>
    </message>
    <message>
        <source> · next run %1</source>
        <translation> · prochaine exécution %1</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · en pause</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n notification non lue</numerusform>
            <numerusform>%n notifications non lues</numerusform>
        </translation>
    </message>
    <message>
        <source>Muted until %1</source>
        <translation>Muet jusqu’à %1</translation>
    </message>
    <message>
        <source>Could not pause or resume the watchers: %1</source>
        <translation>Impossible de suspendre ou de reprendre les surveillances : %1</translation>
    </message>
    <message>
        <source>Hearth was updated</source>
        <translation>Hearth a été mis à jour</translation>
    </message>
    <message>
        <source>Restart Hearth to finish the update.</source>
        <translation>Redémarrez Hearth pour terminer la mise à jour.</translation>
    </message>
    <message>
        <source>Hearth: a change awaits your approval</source>
        <translation>Hearth : une modification attend votre approbation</translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) created or changed over MCP await your approval.</source>
        <translation>
            <numerusform>%n surveillance créée ou modifiée via MCP attend votre approbation.</numerusform>
            <numerusform>%n surveillances créées ou modifiées via MCP attendent votre approbation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) await your approval</source>
        <translation>
            <numerusform>%n surveillance attend votre approbation</numerusform>
            <numerusform>%n surveillances attendent votre approbation</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayMenu</name>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>&amp;Couper les notifications</translation>
    </message>
    <message>
        <source>Hearth was updated — restart to finish</source>
        <translation>Hearth a été mis à jour — redémarrez pour terminer</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>&amp;Open Hearth…</source>
        <translation>&amp;Ouvrir Hearth…</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Pendant 1 heure</translation>
    </message>
    <message>
        <source>For 4 hours</source>
        <translation>Pendant 4 heures</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Jusqu’à demain</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Réactiver le son</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Show the runtime&apos;s &amp;log…</source>
        <translation>Afficher le &amp;journal du runtime…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Resume watchers</source>
        <translation>&amp;Reprendre les surveillances</translation>
    </message>
    <message>
        <source>&amp;Pause all watchers</source>
        <translation>&amp;Suspendre toutes les surveillances</translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayState</name>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <source>running</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>demande votre attention</translation>
    </message>
    <message>
        <source>error</source>
        <translation>en erreur</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ValueChart</name>
    <message>
        <source>Value over time</source>
        <translation>Valeur dans le temps</translation>
    </message>
    <message>
        <source>Point under the pointer</source>
        <translation>Point sous le pointeur</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>hearth::ui::WatcherEditor</name>
    <message>
        <source>New watcher</source>
        <translation>Nouvelle surveillance</translation>
    </message>
    <message>
        <source>Edit watcher</source>
        <translation>Modifier la surveillance</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Lua script</source>
        <translation>Script Lua</translation>
    </message>
    <message>
        <source>Agent prompt</source>
        <translation>Prompt d’agent</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Activée</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervalle</translation>
    </message>
    <message>
        <source>Cron</source>
        <translation>Cron</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Une fois</translation>
    </message>
    <message>
        <source>Schedule kind</source>
        <translation>Type de planification</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>heures</translation>
    </message>
    <message>
        <source>days</source>
        <translation>jours</translation>
    </message>
    <message>
        <source>Interval unit</source>
        <translation>Unité d’intervalle</translation>
    </message>
    <message>
        <source>Cron expression</source>
        <translation>Expression cron</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Run once at</source>
        <translation>Exécuter une fois le</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Répéter :</translation>
    </message>
    <message>
        <source>Next 5 runs</source>
        <translation>5 prochaines exécutions</translation>
    </message>
    <message>
        <source>Next 5 runs:</source>
        <translation>5 prochaines exécutions :</translation>
    </message>
    <message>
        <source>Event JSON for the test run, e.g. {&quot;price&quot;: 12.5}</source>
        <translation>JSON de l’événement pour l’essai, p. ex. {&quot;price&quot;: 12.5}</translation>
    </message>
    <message>
        <source>Test event</source>
        <translation>Événement d’essai</translation>
    </message>
    <message>
        <source>&amp;Test run</source>
        <translation>&amp;Essai</translation>
    </message>
    <message>
        <source>Test run result</source>
        <translation>Résultat de l’essai</translation>
    </message>
    <message>
        <source>Result, logs and resource use of a test run</source>
        <translation>Résultat, journaux et ressources utilisées par un essai</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Agent profile</source>
        <translation>Profil d’agent</translation>
    </message>
    <message>
        <source>Device worker</source>
        <translation>Worker d’appareil</translation>
    </message>
    <message>
        <source>The only worker that runs this agent</source>
        <translation>Le seul worker qui exécute cet agent</translation>
    </message>
    <message>
        <source>Absolute folder (default: the profile&apos;s)</source>
        <translation>Dossier absolu (par défaut : celui du profil)</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Dossier de travail</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt :</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>A&amp;gent :</translation>
    </message>
    <message>
        <source>&amp;Worker:</source>
        <translation>&amp;Worker :</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Dossier :</translation>
    </message>
    <message>
        <source>Limits and policies</source>
        <translation>Limites et règles</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> million</source>
        <translation> million</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>skip the new run</source>
        <translation>ignorer la nouvelle exécution</translation>
    </message>
    <message>
        <source>queue it</source>
        <translation>la mettre en file</translation>
    </message>
    <message>
        <source>cancel the running one</source>
        <translation>annuler celle en cours</translation>
    </message>
    <message>
        <source>run once</source>
        <translation>exécuter une fois</translation>
    </message>
    <message>
        <source>run each (latest 10)</source>
        <translation>exécuter chacune (10 dernières)</translation>
    </message>
    <message>
        <source>skip them</source>
        <translation>les ignorer</translation>
    </message>
    <message>
        <source>when a run fails for good</source>
        <translation>quand une exécution échoue définitivement</translation>
    </message>
    <message>
        <source>after every run</source>
        <translation>après chaque exécution</translation>
    </message>
    <message>
        <source>when the result changes</source>
        <translation>quand le résultat change</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>&amp;Délai :</translation>
    </message>
    <message>
        <source>Instr&amp;uctions:</source>
        <translation>Instr&amp;uctions :</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Mémoire :</translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation>&amp;Tentatives :</translation>
    </message>
    <message>
        <source>&amp;Backoff base:</source>
        <translation>&amp;Base d’attente :</translation>
    </message>
    <message>
        <source>Backoff ma&amp;x:</source>
        <translation>Attente ma&amp;x :</translation>
    </message>
    <message>
        <source>If still running:</source>
        <translation>Si encore en cours :</translation>
    </message>
    <message>
        <source>Missed runs:</source>
        <translation>Exécutions manquées :</translation>
    </message>
    <message>
        <source>N&amp;otify:</source>
        <translation>N&amp;otifier :</translation>
    </message>
    <message>
        <source> runs</source>
        <translation> exécutions</translation>
    </message>
    <message>
        <source>as in Settings</source>
        <translation>comme dans les Paramètres</translation>
    </message>
    <message>
        <source>Runs kept</source>
        <translation>Exécutions gardées</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Days runs are kept</source>
        <translation>Jours de conservation des exécutions</translation>
    </message>
    <message>
        <source>Keep runs:</source>
        <translation>Garder les exécutions :</translation>
    </message>
    <message>
        <source>Keep runs for:</source>
        <translation>Garder les exécutions pendant :</translation>
    </message>
    <message>
        <source>no further runs</source>
        <translation>aucune autre exécution</translation>
    </message>
    <message>
        <source>The test event must be a JSON object.</source>
        <translation>L’événement d’essai doit être un objet JSON.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Exécution…</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>État : %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Résultat : %1</translation>
    </message>
    <message>
        <source>Took %1, %2 instructions, peak memory %3 KiB</source>
        <translation>Durée %1, %2 instructions, mémoire maximale %3 Kio</translation>
    </message>
    <message>
        <source>Logs:</source>
        <translation>Journaux :</translation>
    </message>
    <message>
        <source>Would notify: %1 — %2</source>
        <translation>Signalerait : %1 — %2</translation>
    </message>
    <message>
        <source>After another watcher</source>
        <translation>Après une autre surveillance</translation>
    </message>
    <message>
        <source>Watcher it starts after</source>
        <translation>Surveillance après laquelle elle démarre</translation>
    </message>
    <message>
        <source>When that watcher</source>
        <translation>Quand cette surveillance</translation>
    </message>
    <message>
        <source>succeeds</source>
        <translation>réussit</translation>
    </message>
    <message>
        <source>finds a change</source>
        <translation>trouve un changement</translation>
    </message>
    <message>
        <source>fails</source>
        <translation>échoue</translation>
    </message>
    <message>
        <source>notifies</source>
        <translation>envoie une notification</translation>
    </message>
    <message>
        <source>There is no other watcher to start after yet.</source>
        <translation>Il n’y a pas encore d’autre surveillance après laquelle démarrer.</translation>
    </message>
    <message>
        <source>Runs each time %1 %2.</source>
        <translation>S’exécute chaque fois que %1 %2.</translation>
    </message>
    <message>
        <source>When files change in a folder</source>
        <translation>Quand des fichiers changent dans un dossier</translation>
    </message>
    <message>
        <source>Folder to watch</source>
        <translation>Dossier à surveiller</translation>
    </message>
    <message>
        <source>Folder, such as ~/Downloads</source>
        <translation>Dossier, par exemple ~/Downloads</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>and the folders under it</source>
        <translation>et les dossiers en dessous</translation>
    </message>
    <message>
        <source>Only files matching</source>
        <translation>Seulement les fichiers correspondant à</translation>
    </message>
    <message>
        <source>All files, or a pattern such as *.pdf</source>
        <translation>Tous les fichiers, ou un motif comme *.pdf</translation>
    </message>
    <message>
        <source>Choose the folder to watch.</source>
        <translation>Choisissez le dossier à surveiller.</translation>
    </message>
    <message>
        <source>Runs %1.</source>
        <translation>S’exécute %1.</translation>
    </message>
    <message>
        <source>When a webhook arrives</source>
        <translation>Quand un webhook arrive</translation>
    </message>
    <message>
        <source>Webhook signature</source>
        <translation>Signature du webhook</translation>
    </message>
    <message>
        <source>Signed (Standard Webhooks)</source>
        <translation>Signé (Standard Webhooks)</translation>
    </message>
    <message>
        <source>Signed (GitHub)</source>
        <translation>Signé (GitHub)</translation>
    </message>
    <message>
        <source>Unsigned: anyone with the URL</source>
        <translation>Non signé : quiconque a l’URL</translation>
    </message>
    <message>
        <source>Its URL and signing secret are made when it is saved.</source>
        <translation>Son URL et son secret de signature sont créés à l’enregistrement.</translation>
    </message>
    <message>
        <source>Deliveries go to %1 on the webhook listener (Settings); the signing secret is the secret %2.</source>
        <translation>Les livraisons vont à %1 sur l’écouteur de webhooks (Réglages) ; le secret de signature est le secret %2.</translation>
    </message>
    <message>
        <source>Result schema</source>
        <translation>Schéma du résultat</translation>
    </message>
    <message>
        <source>Optional: a JSON Schema the agent&apos;s result must match, e.g. {&quot;type&quot;: &quot;object&quot;, &quot;required&quot;: [&quot;notify&quot;]}</source>
        <translation>Facultatif : un JSON Schema auquel le résultat de l&apos;agent doit se conformer, p. ex. {&quot;type&quot;: &quot;object&quot;, &quot;required&quot;: [&quot;notify&quot;]}</translation>
    </message>
    <message>
        <source>Result sc&amp;hema:</source>
        <translation>Sc&amp;héma du résultat :</translation>
    </message>
    <message>
        <source>Result schema: not a JSON object (%1)</source>
        <translation>Schéma du résultat : pas un objet JSON (%1)</translation>
    </message>
    <message>
        <source>another JSON value</source>
        <translation>une autre valeur JSON</translation>
    </message>
    <message>
        <source>Awaiting approval: review the change on the Watchers page to approve or reject it</source>
        <translation>En attente d’approbation : examinez la modification sur la page Surveillances pour l’approuver ou la rejeter</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Notification cooldown</source>
        <translation>Délai entre notifications</translation>
    </message>
    <message>
        <source>Notifications per day</source>
        <translation>Notifications par jour</translation>
    </message>
    <message>
        <source>Escalations per day</source>
        <translation>Transmissions à un agent par jour</translation>
    </message>
    <message>
        <source>How many times a day the script may hand a finding to an agent (agent.escalate)</source>
        <translation>Combien de fois par jour le script peut transmettre une constatation à un agent (agent.escalate)</translation>
    </message>
    <message>
        <source>Notification cooldown:</source>
        <translation>Délai entre notifications :</translation>
    </message>
    <message>
        <source>Notifications per day:</source>
        <translation>Notifications par jour :</translation>
    </message>
    <message>
        <source>Escalations per day:</source>
        <translation>Transmissions à un agent par jour :</translation>
    </message>
</context>
<context>
    <name>hearth::ui::WatchersPage</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Prochaine exécution</translation>
    </message>
    <message>
        <source>Last status</source>
        <translation>Dernier état</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activée</translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation>Surveillances</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouvelle…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation>&amp;Exécuter maintenant</translation>
    </message>
    <message>
        <source>Could not load watchers: %1</source>
        <translation>Impossible de charger les surveillances : %1</translation>
    </message>
    <message>
        <source>Could not load the watcher: %1</source>
        <translation>Impossible de charger la surveillance : %1</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation>« %1 » enregistrée.</translation>
    </message>
    <message>
        <source>Delete watcher</source>
        <translation>Supprimer la surveillance</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; with its runs and logs? This cannot be undone.</source>
        <translation>Supprimer « %1 » avec ses exécutions et ses journaux ? C’est irréversible.</translation>
    </message>
    <message>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation>Impossible de supprimer « %1 » : %2</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation>« %1 » supprimée.</translation>
    </message>
    <message>
        <source>Could not start a run: %1</source>
        <translation>Impossible de démarrer une exécution : %1</translation>
    </message>
    <message>
        <source>Run %1 started.</source>
        <translation>Exécution %1 démarrée.</translation>
    </message>
    <message>
        <source>Could not change the watcher: %1</source>
        <translation>Impossible de modifier la surveillance : %1</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historique…</translation>
    </message>
    <message>
        <source>What the watcher saw: its snapshots, what changed, its values</source>
        <translation>Ce que la surveillance a vu : ses instantanés, ce qui a changé, ses valeurs</translation>
    </message>
    <message>
        <source>Welcome to Hearth</source>
        <translation>Bienvenue dans Hearth</translation>
    </message>
    <message>
        <source>Hearth watches things for you on this computer: a page, a feed, an API, a price.
It checks them on a schedule and tells you what changed.
Nothing leaves your machine, and every script runs in a sandbox.</source>
        <translation>Hearth surveille pour vous sur cet ordinateur : une page, un flux, une API, un prix.
Il les vérifie selon un planning et vous dit ce qui a changé.
Rien ne quitte votre machine, et chaque script s’exécute dans un bac à sable.</translation>
    </message>
    <message>
        <source>Start with one of these:</source>
        <translation>Commencez par l’un de ceux-ci :</translation>
    </message>
    <message>
        <source>Write a Lua script…</source>
        <translation>Écrire un script Lua…</translation>
    </message>
    <message>
        <source>Start Hearth at &amp;login</source>
        <translation>Démarrer Hearth à l’&amp;ouverture de session</translation>
    </message>
    <message>
        <source>Could not change start at login: %1</source>
        <translation>Impossible de modifier le démarrage à l’ouverture de session : %1</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Modifié par</translation>
    </message>
    <message>
        <source>Created by %1, last changed by %2</source>
        <translation>Créé par %1, modifié en dernier par %2</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>En attente d’approbation</translation>
    </message>
    <message>
        <source>Changed by %1: review the change to approve or reject it</source>
        <translation>Modifiée par %1 : examinez la modification pour l’approuver ou la rejeter</translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation>E&amp;xaminer…</translation>
    </message>
    <message>
        <source>See a change made over MCP, and approve or reject it</source>
        <translation>Voir une modification faite via MCP, et l’approuver ou la rejeter</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Examiner…</translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) created or changed over MCP await your approval: they do not run until you approve.</source>
        <translation>
            <numerusform>%n surveillance créée ou modifiée via MCP attend votre approbation : elle ne s’exécute pas avant.</numerusform>
            <numerusform>%n surveillances créées ou modifiées via MCP attendent votre approbation : elles ne s’exécutent pas avant.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::autostart</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>impossible de supprimer %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>impossible d’écrire %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hearth&apos;s tray app.</source>
        <translation>L’application de Hearth dans la zone de notification.</translation>
    </message>
    <message>
        <source>Data folder (env HEARTH_DATA_DIR; default: the saved one).</source>
        <translation>Dossier de données (env. HEARTH_DATA_DIR ; par défaut : celui enregistré).</translation>
    </message>
    <message>
        <source>Port of the runtime it starts (env HEARTH_PORT; 0: any free one).</source>
        <translation>Port du runtime qu’elle démarre (env. HEARTH_PORT ; 0 : n’importe quel port libre).</translation>
    </message>
</context>
</TS>
