<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>NewWatcherDialog</name>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>CSS selector</source>
        <translation>Selector CSS</translation>
    </message>
    <message>
        <source>XPath</source>
        <translation>XPath</translation>
    </message>
    <message>
        <source>Tell about</source>
        <translation>Avisar de</translation>
    </message>
    <message>
        <source>Ignore lines with</source>
        <translation>Ignorar líneas con</translation>
    </message>
    <message>
        <source>Only when added text has</source>
        <translation>Solo si el texto añadido contiene</translation>
    </message>
    <message>
        <source>jq path</source>
        <translation>Ruta jq</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>Leer como</translation>
    </message>
    <message>
        <source>Tell when</source>
        <translation>Avisar cuando</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Umbral</translation>
    </message>
    <message>
        <source>Smallest move (%)</source>
        <translation>Variación mínima (%)</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Palabra clave</translation>
    </message>
    <message>
        <source>Expected status</source>
        <translation>Estado esperado</translation>
    </message>
    <message>
        <source>Must contain</source>
        <translation>Debe contener</translation>
    </message>
    <message>
        <source>Slowest answer (ms)</source>
        <translation>Respuesta más lenta (ms)</translation>
    </message>
    <message>
        <source>Timeout (s)</source>
        <translation>Tiempo límite (s)</translation>
    </message>
    <message>
        <source>what was added</source>
        <translation>lo que se añadió</translation>
    </message>
    <message>
        <source>what was removed</source>
        <translation>lo que se quitó</translation>
    </message>
    <message>
        <source>any change</source>
        <translation>cualquier cambio</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un número</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>it changes</source>
        <translation>cambia</translation>
    </message>
    <message>
        <source>it is above the threshold</source>
        <translation>supera el umbral</translation>
    </message>
    <message>
        <source>it is below the threshold</source>
        <translation>queda por debajo del umbral</translation>
    </message>
    <message>
        <source>it moves by a percentage</source>
        <translation>varía en un porcentaje</translation>
    </message>
</context>
<context>
    <name>WatcherTemplates</name>
    <message>
        <source>The address to watch (http or https)</source>
        <translation>La dirección que vigilar (http o https)</translation>
    </message>
    <message>
        <source>Page change</source>
        <translation>Cambio de página</translation>
    </message>
    <message>
        <source>Tells what was added to (or removed from) a page, or a part of it, since the last check.</source>
        <translation>Avisa de lo que se añadió a una página (o se quitó), o a una parte, desde la última comprobación.</translation>
    </message>
    <message>
        <source>Only this part of the page (a CSS selector)</source>
        <translation>Solo esta parte de la página (un selector CSS)</translation>
    </message>
    <message>
        <source>Only this part of the page (an XPath)</source>
        <translation>Solo esta parte de la página (un XPath)</translation>
    </message>
    <message>
        <source>What to tell about</source>
        <translation>De qué avisar</translation>
    </message>
    <message>
        <source>Lines containing this do not count</source>
        <translation>Las líneas que contienen esto no cuentan</translation>
    </message>
    <message>
        <source>Tell only when an added line contains this</source>
        <translation>Avisar solo si una línea añadida contiene esto</translation>
    </message>
    <message>
        <source>Value watch</source>
        <translation>Vigilancia de valor</translation>
    </message>
    <message>
        <source>Follows one value of a page or a JSON API, such as a price, and tells when it changes, crosses a threshold or moves by a percentage.</source>
        <translation>Sigue un valor de una página o de una API JSON, como un precio, y avisa cuando cambia, cruza un umbral o varía en un porcentaje.</translation>
    </message>
    <message>
        <source>Where the value is on the page (CSS)</source>
        <translation>Dónde está el valor en la página (CSS)</translation>
    </message>
    <message>
        <source>Where the value is in the JSON answer (a jq path)</source>
        <translation>Dónde está el valor en la respuesta JSON (una ruta jq)</translation>
    </message>
    <message>
        <source>Read the value as</source>
        <translation>Leer el valor como</translation>
    </message>
    <message>
        <source>When to tell</source>
        <translation>Cuándo avisar</translation>
    </message>
    <message>
        <source>For above and below</source>
        <translation>Para por encima y por debajo</translation>
    </message>
    <message>
        <source>For change_pct: the smallest move, in %</source>
        <translation>Para change_pct: la variación mínima, en %</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Tells about the new items of an RSS, Atom or JSON feed, once each.</source>
        <translation>Avisa de las entradas nuevas de una fuente RSS, Atom o JSON, una vez cada una.</translation>
    </message>
    <message>
        <source>Only items whose title or summary contains this</source>
        <translation>Solo entradas cuyo título o resumen contiene esto</translation>
    </message>
    <message>
        <source>JSON API change</source>
        <translation>Cambio de API JSON</translation>
    </message>
    <message>
        <source>Tells when the part of a JSON API&apos;s answer a jq path selects changes.</source>
        <translation>Avisa cuando cambia la parte de la respuesta de una API JSON que elige una ruta jq.</translation>
    </message>
    <message>
        <source>What to compare (a jq path, . for all)</source>
        <translation>Qué comparar (una ruta jq, . para todo)</translation>
    </message>
    <message>
        <source>Site up/down</source>
        <translation>Sitio activo/caído</translation>
    </message>
    <message>
        <source>Tells when a site stops answering as it should, and when it is back.</source>
        <translation>Avisa cuando un sitio deja de responder como debe, y cuando vuelve.</translation>
    </message>
    <message>
        <source>The expected HTTP status</source>
        <translation>El estado HTTP esperado</translation>
    </message>
    <message>
        <source>Text the page must contain</source>
        <translation>Texto que la página debe contener</translation>
    </message>
    <message>
        <source>Slower answers count as down (milliseconds)</source>
        <translation>Las respuestas más lentas cuentan como caída (milisegundos)</translation>
    </message>
    <message>
        <source>How long to wait for an answer</source>
        <translation>Cuánto esperar una respuesta</translation>
    </message>
</context>
<context>
    <name>hearth::client::format</name>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation>
            <numerusform>cada día</numerusform>
            <numerusform>cada %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>cada hora</numerusform>
            <numerusform>cada %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>cada minuto</numerusform>
            <numerusform>cada %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n second(s)</source>
        <translation>
            <numerusform>cada segundo</numerusform>
            <numerusform>cada %n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>once at %1</source>
        <translation>una vez el %1</translation>
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
        <translation>tras cada éxito de %1</translation>
    </message>
    <message>
        <source>after %1 finds a change</source>
        <translation>cuando %1 encuentra un cambio</translation>
    </message>
    <message>
        <source>after %1 fails</source>
        <translation>cuando %1 falla</translation>
    </message>
    <message>
        <source>after %1 notifies</source>
        <translation>cuando %1 notifica</translation>
    </message>
    <message>
        <source>when files change in %1 or a folder under it</source>
        <translation>cuando cambian archivos en %1 o en una carpeta dentro</translation>
    </message>
    <message>
        <source>when files change in %1</source>
        <translation>cuando cambian archivos en %1</translation>
    </message>
    <message>
        <source>%1 (only %2)</source>
        <translation>%1 (solo %2)</translation>
    </message>
    <message>
        <source>when a webhook arrives (signed: Standard Webhooks)</source>
        <translation>cuando llega un webhook (firmado: Standard Webhooks)</translation>
    </message>
    <message>
        <source>when a webhook arrives (signed: GitHub)</source>
        <translation>cuando llega un webhook (firmado: GitHub)</translation>
    </message>
    <message>
        <source>when a webhook arrives (unsigned)</source>
        <translation>cuando llega un webhook (sin firma)</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ApprovalDialog</name>
    <message>
        <source>Review a change</source>
        <translation>Revisar un cambio</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Aprobar</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>Re&amp;chazar</translation>
    </message>
    <message>
        <source>What it reaches:</source>
        <translation>A qué accede:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Could not load the change: %1</source>
        <translation>No se pudo cargar el cambio: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not await approval.</source>
        <translation>«%1» no espera aprobación.</translation>
    </message>
    <message>
        <source>%1 changed &quot;%2&quot;. The change awaits your approval; until then the watcher does not run.</source>
        <translation>%1 cambió «%2». El cambio espera su aprobación; hasta entonces el vigilante no se ejecuta.</translation>
    </message>
    <message>
        <source>%1 created &quot;%2&quot;. It awaits your approval; until then it does not run.</source>
        <translation>%1 creó «%2». Espera su aprobación; hasta entonces no se ejecuta.</translation>
    </message>
    <message>
        <source>Approving enables it.</source>
        <translation>Aprobarlo lo activa.</translation>
    </message>
    <message>
        <source>Approving leaves it disabled.</source>
        <translation>Aprobarlo lo deja desactivado.</translation>
    </message>
    <message>
        <source>Rejecting restores the version approved before.</source>
        <translation>Rechazarlo restaura la versión aprobada antes.</translation>
    </message>
    <message>
        <source>Rejecting deletes it.</source>
        <translation>Rechazarlo lo elimina.</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (nuevo)</translation>
    </message>
    <message>
        <source>Websites: %1</source>
        <translation>Sitios web: %1</translation>
    </message>
    <message>
        <source>Websites it builds the address of at run time (any website)</source>
        <translation>Sitios web cuya dirección construye al ejecutarse (cualquier sitio)</translation>
    </message>
    <message>
        <source>Secrets: %1</source>
        <translation>Secretos: %1</translation>
    </message>
    <message>
        <source>Secrets it names at run time (any secret)</source>
        <translation>Secretos que nombra al ejecutarse (cualquier secreto)</translation>
    </message>
    <message>
        <source>Sends email</source>
        <translation>Envía correos</translation>
    </message>
    <message>
        <source>the worker&apos;s own folder</source>
        <translation>la carpeta propia del worker</translation>
    </message>
    <message>
        <source>Runs the %1 agent on device worker %2, in %3</source>
        <translation>Ejecuta el agente %1 en el worker de dispositivo %2, en %3</translation>
    </message>
    <message>
        <source>Watches the folder %1</source>
        <translation>Vigila la carpeta %1</translation>
    </message>
    <message>
        <source>Starts on requests to its webhook URL</source>
        <translation>Se inicia con las peticiones a su URL de webhook</translation>
    </message>
    <message>
        <source>Starts after &quot;%1&quot;</source>
        <translation>Se inicia después de «%1»</translation>
    </message>
    <message>
        <source>Notifies on the desktop only</source>
        <translation>Notifica solo en el escritorio</translation>
    </message>
    <message>
        <source>Notifies on the desktop and %1</source>
        <translation>Notifica en el escritorio y por %1</translation>
    </message>
    <message>
        <source>Notifies on the desktop and the default channels</source>
        <translation>Notifica en el escritorio y por los canales predeterminados</translation>
    </message>
    <message>
        <source>Could not approve &quot;%1&quot;: %2</source>
        <translation>No se pudo aprobar «%1»: %2</translation>
    </message>
    <message>
        <source>Approved &quot;%1&quot;: it is enabled.</source>
        <translation>«%1» aprobado: está activado.</translation>
    </message>
    <message>
        <source>Approved &quot;%1&quot;: it stays disabled.</source>
        <translation>«%1» aprobado: sigue desactivado.</translation>
    </message>
    <message>
        <source>Could not reject &quot;%1&quot;: %2</source>
        <translation>No se pudo rechazar «%1»: %2</translation>
    </message>
    <message>
        <source>Rejected the change to &quot;%1&quot;: it is as approved before.</source>
        <translation>Cambio en «%1» rechazado: está como se aprobó antes.</translation>
    </message>
    <message>
        <source>Rejected &quot;%1&quot;: it is deleted.</source>
        <translation>«%1» rechazado: está eliminado.</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Qué cambia</translation>
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
        <translation>Editar canal</translation>
    </message>
    <message>
        <source>Add channel</source>
        <translation>Añadir canal</translation>
    </message>
    <message>
        <source>Channel name</source>
        <translation>Nombre del canal</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>ntfy (phone)</source>
        <translation>ntfy (teléfono)</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>Servidor SMTP</translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation>Puerto SMTP</translation>
    </message>
    <message>
        <source>None (this computer only)</source>
        <translation>Ninguna (solo este equipo)</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password secret</source>
        <translation>Secreto de la contraseña</translation>
    </message>
    <message>
        <source>The name of the secret (Secrets page) that holds the password.</source>
        <translation>El nombre del secreto (página Secretos) que guarda la contraseña.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;uerto:</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>S&amp;eguridad:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de us&amp;uario:</translation>
    </message>
    <message>
        <source>&amp;Password secret:</source>
        <translation>Secreto de la &amp;contraseña:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;De:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Para:</translation>
    </message>
    <message>
        <source>ntfy server</source>
        <translation>Servidor ntfy</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation>Secreto del token</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Prioridad:</translation>
    </message>
    <message>
        <source>Token s&amp;ecret:</source>
        <translation>Secreto del tok&amp;en:</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL del webhook</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Messages are signed with the secret channel.ID, which Hearth makes.</source>
        <translation>Los mensajes se firman con el secreto channel.ID, que Hearth crea.</translation>
    </message>
    <message>
        <source>Send every watcher&apos;s notifications here unless it names its channels</source>
        <translation>Enviar aquí las notificaciones de cada vigilante que no nombre sus canales</translation>
    </message>
    <message>
        <source>&amp;Muted</source>
        <translation>Si&amp;lenciado</translation>
    </message>
    <message>
        <source>Cooldown</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Daily budget</source>
        <translation>Presupuesto diario</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Cooldown:</source>
        <translation>Pa&amp;usa:</translation>
    </message>
    <message>
        <source>&amp;Daily budget:</source>
        <translation>Presupuesto &amp;diario:</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ChannelsSection</name>
    <message>
        <source>Notification channels</source>
        <translation>Canales de notificación</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Sends to</source>
        <translation>Envía a</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>&amp;Add channel…</source>
        <translation>Añadir &amp;canal…</translation>
    </message>
    <message>
        <source>Ed&amp;it channel…</source>
        <translation>Ed&amp;itar canal…</translation>
    </message>
    <message>
        <source>Remo&amp;ve channel</source>
        <translation>Quitar cana&amp;l</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Enviar &amp;prueba</translation>
    </message>
    <message>
        <source>Notifications always show on this desktop; channels also send them by email, to your phone (ntfy) or to a webhook.</source>
        <translation>Las notificaciones siempre se muestran en este escritorio; los canales también las envían por correo, a su teléfono (ntfy) o a un webhook.</translation>
    </message>
    <message>
        <source>Could not load channels: %1</source>
        <translation>No se pudieron cargar los canales: %1</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>ntfy (phone)</source>
        <translation>ntfy (teléfono)</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>default</source>
        <translation>predeterminado</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>silenciado</translation>
    </message>
    <message>
        <source>Could not save the channel: %1</source>
        <translation>No se pudo guardar el canal: %1</translation>
    </message>
    <message>
        <source>Saved channel &quot;%1&quot;.</source>
        <translation>Canal «%1» guardado.</translation>
    </message>
    <message>
        <source>Remove channel</source>
        <translation>Quitar canal</translation>
    </message>
    <message>
        <source>Remove the channel &quot;%1&quot; and its delivery history?</source>
        <translation>¿Quitar el canal «%1» y su historial de entregas?</translation>
    </message>
    <message>
        <source>Could not remove &quot;%1&quot;: %2</source>
        <translation>No se pudo quitar «%1»: %2</translation>
    </message>
    <message>
        <source>Removed channel &quot;%1&quot;.</source>
        <translation>Canal «%1» quitado.</translation>
    </message>
    <message>
        <source>Sending a test message through &quot;%1&quot;…</source>
        <translation>Enviando un mensaje de prueba por «%1»…</translation>
    </message>
    <message>
        <source>Could not send a test through &quot;%1&quot;: %2</source>
        <translation>No se pudo enviar una prueba por «%1»: %2</translation>
    </message>
    <message>
        <source>Could not follow the test: %1</source>
        <translation>No se pudo seguir la prueba: %1</translation>
    </message>
    <message>
        <source>The test message went through &quot;%1&quot;.</source>
        <translation>El mensaje de prueba salió por «%1».</translation>
    </message>
    <message>
        <source>The test message has not been sent yet.</source>
        <translation>El mensaje de prueba aún no se ha enviado.</translation>
    </message>
    <message>
        <source>Not sent yet; it will be tried again: %1</source>
        <translation>Aún no enviado; se volverá a intentar: %1</translation>
    </message>
    <message>
        <source>The test message could not be sent: %1</source>
        <translation>No se pudo enviar el mensaje de prueba: %1</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Notifications not delivered</source>
        <translation>Notificaciones no entregadas</translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation>Enviar de &amp;nuevo</translation>
    </message>
    <message>
        <source>Send a&amp;ll again</source>
        <translation>Enviar &amp;todas de nuevo</translation>
    </message>
    <message>
        <source>Not delivered (failed, or out of retries):</source>
        <translation>No entregadas (rechazadas o sin más reintentos):</translation>
    </message>
    <message>
        <source>Could not send it again: %1</source>
        <translation>No se pudo enviar de nuevo: %1</translation>
    </message>
    <message>
        <source>It will be sent again.</source>
        <translation>Se enviará de nuevo.</translation>
    </message>
    <message>
        <source>Could not send them again: %1</source>
        <translation>No se pudieron enviar de nuevo: %1</translation>
    </message>
    <message>
        <source>They will be sent again.</source>
        <translation>Se enviarán de nuevo.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::DesktopNotifier</name>
    <message numerus="yes">
        <source>%n more notification(s)</source>
        <translation>
            <numerusform>%n notificación más</numerusform>
            <numerusform>%n notificaciones más</numerusform>
        </translation>
    </message>
    <message>
        <source>The latest: %1</source>
        <translation>La más reciente: %1</translation>
    </message>
</context>
<context>
    <name>hearth::ui::DiffView</name>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
</context>
<context>
    <name>hearth::ui::HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>Historial de %1</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Instantáneas</translation>
    </message>
    <message>
        <source>Inline</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Show changes</source>
        <translation>Mostrar cambios</translation>
    </message>
    <message>
        <source>&amp;Changes</source>
        <translation>&amp;Cambios</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Valor</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Could not load the snapshots: %1</source>
        <translation>No se pudieron cargar las instantáneas: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No snapshots yet: a watcher keeps one each time it runs with snapshot.save or a snapshot in its result.</source>
        <translation>Aún no hay instantáneas: un vigilante guarda una en cada ejecución con snapshot.save o un snapshot en su resultado.</translation>
    </message>
    <message>
        <source>The first snapshot kept.</source>
        <translation>La primera instantánea guardada.</translation>
    </message>
    <message>
        <source>Nothing changed since the snapshot before.</source>
        <translation>Nada cambió desde la instantánea anterior.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n línea añadida</numerusform>
            <numerusform>%n líneas añadidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n línea quitada</numerusform>
            <numerusform>%n líneas quitadas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 since %3.</source>
        <translation>%1, %2 desde %3.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::LogsPage</name>
    <message>
        <source>Minimum level</source>
        <translation>Nivel mínimo</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Search logs</source>
        <translation>Buscar en los registros</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausa</translation>
    </message>
    <message>
        <source>Live log</source>
        <translation>Registro en vivo</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Nivel:</translation>
    </message>
    <message numerus="yes">
        <source>Paused (%n new line(s))</source>
        <translation>
            <numerusform>En pausa (%n línea nueva)</numerusform>
            <numerusform>En pausa (%n líneas nuevas)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1  run %2  [%3] %4</source>
        <translation>%1  ejecución %2  [%3] %4</translation>
    </message>
</context>
<context>
    <name>hearth::ui::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation>Vigilantes</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Ejecuciones</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Secretos</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
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
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Conectado a %1</translation>
    </message>
    <message>
        <source>Reconnecting… (%1)</source>
        <translation>Reconectando… (%1)</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Runtime</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n awaiting approval</source>
        <translation>
            <numerusform>%1, %n esperando aprobación</numerusform>
            <numerusform>%1, %n esperando aprobación</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::NewWatcherDialog</name>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vista previa</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Edit as &amp;Lua…</source>
        <translation>Editar como &amp;Lua…</translation>
    </message>
    <message>
        <source>New watcher</source>
        <translation>Nuevo vigilante</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Check every</source>
        <translation>Comprobar cada</translation>
    </message>
    <message>
        <source>What it found</source>
        <translation>Lo que encontró</translation>
    </message>
    <message>
        <source>Press Preview to see what it finds now.</source>
        <translation>Pulse Vista previa para ver lo que encuentra ahora.</translation>
    </message>
    <message>
        <source>What it would tell you</source>
        <translation>Lo que le avisaría</translation>
    </message>
    <message>
        <source>Open the script this template makes in the Lua editor</source>
        <translation>Abrir el script de esta plantilla en el editor Lua</translation>
    </message>
    <message>
        <source>Check &amp;every:</source>
        <translation>Comprobar &amp;cada:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>What it found now:</source>
        <translation>Lo que encontró ahora:</translation>
    </message>
    <message>
        <source>What it would tell you:</source>
        <translation>Lo que le avisaría:</translation>
    </message>
    <message>
        <source>What to watch:</source>
        <translation>Qué vigilar:</translation>
    </message>
    <message>
        <source>&amp;Write a Lua script…</source>
        <translation>&amp;Escribir un script Lua…</translation>
    </message>
    <message>
        <source>Start from an empty script instead of a template</source>
        <translation>Empezar con un script vacío en lugar de una plantilla</translation>
    </message>
    <message>
        <source>Could not load the templates: %1</source>
        <translation>No se pudieron cargar las plantillas: %1</translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation>%1 (opcional)</translation>
    </message>
    <message>
        <source>%1 (default %2)</source>
        <translation>%1 (por defecto %2)</translation>
    </message>
    <message>
        <source>%1: please fill this in</source>
        <translation>%1: rellene este campo</translation>
    </message>
    <message>
        <source>%1: not a number</source>
        <translation>%1: no es un número</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>It did not work: %1</source>
        <translation>No funcionó: %1</translation>
    </message>
    <message>
        <source>It worked (%1).</source>
        <translation>Funcionó (%1).</translation>
    </message>
    <message>
        <source>Nothing now: it tells you when something changes.</source>
        <translation>Nada por ahora: le avisa cuando algo cambie.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::NotificationsPage</name>
    <message>
        <source>read</source>
        <translation>leída</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>sin leer</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Mark &amp;read</source>
        <translation>Marcar como &amp;leída</translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation>Marcar &amp;todas como leídas</translation>
    </message>
    <message>
        <source>Could not load notifications: %1</source>
        <translation>No se pudieron cargar las notificaciones: %1</translation>
    </message>
    <message>
        <source>Could not mark it read: %1</source>
        <translation>No se pudo marcar como leída: %1</translation>
    </message>
    <message>
        <source>Could not mark them read: %1</source>
        <translation>No se pudieron marcar como leídas: %1</translation>
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
        <translation>Bandeja</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Línea de órdenes</translation>
    </message>
    <message>
        <source>MCP client %1</source>
        <translation>Cliente MCP %1</translation>
    </message>
    <message>
        <source>API client %1</source>
        <translation>Cliente de la API %1</translation>
    </message>
</context>
<context>
    <name>hearth::ui::RunsPage</name>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>Watcher</source>
        <translation>Vigilante</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Disparador</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Intento</translation>
    </message>
    <message>
        <source>Scheduled for</source>
        <translation>Programada para</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Ejecuciones</translation>
    </message>
    <message>
        <source>Watcher filter</source>
        <translation>Filtro de vigilante</translation>
    </message>
    <message>
        <source>All watchers</source>
        <translation>Todos los vigilantes</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtro de estado</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>&amp;Cancelar ejecución</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Select a run.</source>
        <translation>Selecciona una ejecución.</translation>
    </message>
    <message>
        <source>Run result</source>
        <translation>Resultado de la ejecución</translation>
    </message>
    <message>
        <source>Run logs</source>
        <translation>Registros de la ejecución</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Could not load runs: %1</source>
        <translation>No se pudieron cargar las ejecuciones: %1</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>Ejecución %1: %2</translation>
    </message>
    <message>
        <source>Run %1 of %2: %3, attempt %4 (%5)</source>
        <translation>Ejecución %1 de %2: %3, intento %4 (%5)</translation>
    </message>
    <message>
        <source>Scheduled %1 · started %2 · finished %3 · took %4</source>
        <translation>Programada %1 · iniciada %2 · terminada %3 · duró %4</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation>Error %1: %2</translation>
    </message>
    <message>
        <source>Agent output:</source>
        <translation>Salida del agente:</translation>
    </message>
    <message>
        <source>Could not cancel run %1: %2</source>
        <translation>No se pudo cancelar la ejecución %1: %2</translation>
    </message>
    <message>
        <source>Run %1 cancelled.</source>
        <translation>Ejecución %1 cancelada.</translation>
    </message>
    <message>
        <source>Could not retry run %1: %2</source>
        <translation>No se pudo reintentar la ejecución %1: %2</translation>
    </message>
    <message>
        <source>Run %1 retried as run %2.</source>
        <translation>Ejecución %1 reintentada como ejecución %2.</translation>
    </message>
    <message>
        <source>Started by the end of run %1 (link %2 of a chain)</source>
        <translation>Iniciada por el final de la ejecución %1 (eslabón %2 de una cadena)</translation>
    </message>
    <message>
        <source>Started by %1</source>
        <translation>Iniciada por %1</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Iniciada por</translation>
    </message>
    <message>
        <source>Escalated by run %1 to the %2 agent: %3</source>
        <translation>Escalada por la ejecución %1 al agente %2: %3</translation>
    </message>
    <message>
        <source>(pruned)</source>
        <translation>(depurada)</translation>
    </message>
</context>
<context>
    <name>hearth::ui::RuntimeSupervisor</name>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>iniciando</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <source>running</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>deteniéndose</translation>
    </message>
    <message>
        <source>stopped unexpectedly</source>
        <translation>detenido inesperadamente</translation>
    </message>
    <message>
        <source>error</source>
        <translation>con error</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>No se pudo iniciar %1: %2</translation>
    </message>
    <message>
        <source>The runtime did not come up within %1 s.</source>
        <translation>El runtime no arrancó en %1 s.</translation>
    </message>
    <message>
        <source>Hearth was updated — restart to finish (this tray is %1, the runtime %2).</source>
        <translation>Hearth se actualizó — reinicia para terminar (esta aplicación es %1, el runtime %2).</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>terminó con el código %1</translation>
    </message>
    <message>
        <source>The runtime %1 while starting.</source>
        <translation>El runtime %1 al iniciarse.</translation>
    </message>
    <message>
        <source>The runtime %1.</source>
        <translation>El runtime %1.</translation>
    </message>
    <message>
        <source>Last lines from hearthd:</source>
        <translation>Últimas líneas de hearthd:</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SecretsPage</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizado</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Secretos</translation>
    </message>
    <message>
        <source>Revealed value</source>
        <translation>Valor mostrado</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Añadir…</translation>
    </message>
    <message>
        <source>&amp;Update…</source>
        <translation>&amp;Actualizar…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Could not load secrets: %1</source>
        <translation>No se pudieron cargar los secretos: %1</translation>
    </message>
    <message>
        <source>Secrets are sealed with the master key from the %1.</source>
        <translation>Los secretos están sellados con la clave maestra %1.</translation>
    </message>
    <message>
        <source>OS keychain</source>
        <translation>del llavero del sistema</translation>
    </message>
    <message>
        <source>HEARTH_SECRET_KEY environment variable</source>
        <translation>de la variable de entorno HEARTH_SECRET_KEY</translation>
    </message>
    <message>
        <source>key file in the data dir</source>
        <translation>del archivo de clave en la carpeta de datos</translation>
    </message>
    <message>
        <source>Secrets are %1.</source>
        <translation>Los secretos están %1.</translation>
    </message>
    <message>
        <source>Update secret</source>
        <translation>Actualizar secreto</translation>
    </message>
    <message>
        <source>Add secret</source>
        <translation>Añadir secreto</translation>
    </message>
    <message>
        <source>Secret name</source>
        <translation>Nombre del secreto</translation>
    </message>
    <message>
        <source>Secret value</source>
        <translation>Valor del secreto</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Valor:</translation>
    </message>
    <message>
        <source>Could not save &quot;%1&quot;: %2</source>
        <translation>No se pudo guardar «%1»: %2</translation>
    </message>
    <message>
        <source>Saved secret &quot;%1&quot;.</source>
        <translation>Secreto «%1» guardado.</translation>
    </message>
    <message>
        <source>Delete secret</source>
        <translation>Eliminar secreto</translation>
    </message>
    <message>
        <source>Delete the secret &quot;%1&quot;? Watchers that read it will fail.</source>
        <translation>¿Eliminar el secreto «%1»? Los vigilantes que lo leen fallarán.</translation>
    </message>
    <message>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation>No se pudo eliminar «%1»: %2</translation>
    </message>
    <message>
        <source>Deleted secret &quot;%1&quot;.</source>
        <translation>Secreto «%1» eliminado.</translation>
    </message>
    <message>
        <source>Could not reveal &quot;%1&quot;: %2</source>
        <translation>No se pudo mostrar «%1»: %2</translation>
    </message>
    <message numerus="yes">
        <source>Copied &quot;%1&quot;; the clipboard is cleared in %n second(s).</source>
        <translation>
            <numerusform>«%1» copiado; el portapapeles se vaciará en %n segundo.</numerusform>
            <numerusform>«%1» copiado; el portapapeles se vaciará en %n segundos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reveal shows the selected value here for %n second(s)</source>
        <translation>
            <numerusform>Mostrar enseña aquí el valor seleccionado durante %n segundo</numerusform>
            <numerusform>Mostrar enseña aquí el valor seleccionado durante %n segundos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::Session</name>
    <message>
        <source>the runtime closed the event stream</source>
        <translation>el runtime cerró el flujo de eventos</translation>
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
        <translation>cualquier puerto libre</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>&amp;Start the runtime when the tray starts</source>
        <translation>&amp;Iniciar el runtime al iniciar la aplicación</translation>
    </message>
    <message>
        <source>Start Hearth at &amp;login</source>
        <translation>Iniciar Hearth al &amp;iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Keep the runtime running when the tray quits</source>
        <translation>&amp;Mantener el runtime activo al salir de la aplicación</translation>
    </message>
    <message>
        <source>Keep the master key in a &amp;file in the data folder</source>
        <translation>Guardar la clave maestra en un &amp;archivo de la carpeta de datos</translation>
    </message>
    <message>
        <source>Warning: anyone who can read the data folder can then decrypt every secret. Use this only where there is no keychain.</source>
        <translation>Atención: cualquiera que pueda leer la carpeta de datos podrá descifrar todos los secretos. Úsalo solo donde no haya llavero.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Keep finished runs for</source>
        <translation>Conservar las ejecuciones terminadas durante</translation>
    </message>
    <message>
        <source> runs</source>
        <translation> ejecuciones</translation>
    </message>
    <message>
        <source>Finished runs kept per watcher</source>
        <translation>Ejecuciones terminadas conservadas por vigilante</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Carpeta de datos:</translation>
    </message>
    <message>
        <source>Keep finished runs &amp;for:</source>
        <translation>Conservar las ejecuciones terminadas &amp;durante:</translation>
    </message>
    <message>
        <source>Keep at most, per &amp;watcher:</source>
        <translation>Como máximo, por &amp;vigilante:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>Como el sistema (%1)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Applies when the tray starts again.</source>
        <translation>Se aplica la próxima vez que se inicie la aplicación.</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Show &amp;desktop notifications</source>
        <translation>Mostrar notificaciones de &amp;escritorio</translation>
    </message>
    <message>
        <source>As it is</source>
        <translation>Como está</translation>
    </message>
    <message>
        <source>Mute for 1 hour</source>
        <translation>Silenciar 1 hora</translation>
    </message>
    <message>
        <source>Mute for 4 hours</source>
        <translation>Silenciar 4 horas</translation>
    </message>
    <message>
        <source>Mute until tomorrow</source>
        <translation>Silenciar hasta mañana</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Quitar el silencio</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <source>&amp;Mute:</source>
        <translation>&amp;Silenciar:</translation>
    </message>
    <message>
        <source>Agents on this device</source>
        <translation>Agentes en este dispositivo</translation>
    </message>
    <message>
        <source>&amp;Run agent watchers pinned to this device while the tray is up</source>
        <translation>&amp;Ejecutar los vigilantes de agente asignados a este dispositivo mientras la aplicación esté abierta</translation>
    </message>
    <message>
        <source>Agent profiles</source>
        <translation>Perfiles de agente</translation>
    </message>
    <message>
        <source>Add &amp;claude</source>
        <translation>Añadir &amp;claude</translation>
    </message>
    <message>
        <source>Add c&amp;odex</source>
        <translation>Añadir c&amp;odex</translation>
    </message>
    <message>
        <source>Add c&amp;ustom…</source>
        <translation>Añadir &amp;personalizado…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Guardar ajustes</translation>
    </message>
    <message>
        <source>Worker &quot;%1&quot; (%2): %3</source>
        <translation>Worker «%1» (%2): %3</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>offline: its pinned runs will fail with no_worker</source>
        <translation>sin conexión: sus ejecuciones asignadas fallarán con no_worker</translation>
    </message>
    <message>
        <source>(this device)</source>
        <translation>(este dispositivo)</translation>
    </message>
    <message>
        <source>No device worker is registered.</source>
        <translation>No hay ningún worker de dispositivo registrado.</translation>
    </message>
    <message>
        <source>Muted until %1.</source>
        <translation>Silenciado hasta %1.</translation>
    </message>
    <message>
        <source>%1 is not installed on this device</source>
        <translation>%1 no está instalado en este dispositivo</translation>
    </message>
    <message>
        <source>Agent profile</source>
        <translation>Perfil de agente</translation>
    </message>
    <message>
        <source>{&quot;name&quot;, &quot;program&quot;, &quot;args&quot; (with &quot;{prompt}&quot;, or none to pass the prompt on stdin), &quot;env&quot;, &quot;workdir&quot;, &quot;output_format&quot;, &quot;schema_args&quot; (with &quot;{schema}&quot; or &quot;{schema_file}&quot;), &quot;mcp_args&quot; (with &quot;{mcp_config}&quot;: the run&apos;s own MCP server)}</source>
        <translation>{&quot;name&quot;, &quot;program&quot;, &quot;args&quot; (con &quot;{prompt}&quot;, o ninguno para pasar el prompt por stdin), &quot;env&quot;, &quot;workdir&quot;, &quot;output_format&quot;, &quot;schema_args&quot; (con &quot;{schema}&quot; o &quot;{schema_file}&quot;), &quot;mcp_args&quot; (con &quot;{mcp_config}&quot;: el servidor MCP propio de la ejecución)}</translation>
    </message>
    <message>
        <source>Profile JSON</source>
        <translation>JSON del perfil</translation>
    </message>
    <message>
        <source>Not a JSON object.</source>
        <translation>No es un objeto JSON.</translation>
    </message>
    <message>
        <source>start at login: %1</source>
        <translation>inicio al iniciar sesión: %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Ajustes guardados.</translation>
    </message>
    <message>
        <source>Settings saved, except %1</source>
        <translation>Ajustes guardados, excepto %1</translation>
    </message>
    <message>
        <source>Receive webhooks on</source>
        <translation>Recibir webhooks en</translation>
    </message>
    <message>
        <source>Off, or an address and port such as 127.0.0.1:8788</source>
        <translation>Desactivado, o una dirección y un puerto como 127.0.0.1:8788</translation>
    </message>
    <message>
        <source>Webhook watchers get their deliveries here, never on the port above. A loopback address (127.0.0.1) is reached from this computer only; another of its addresses lets senders on that network reach it.</source>
        <translation>Los vigilantes por webhook reciben sus entregas aquí, nunca en el puerto de arriba. Una dirección de bucle local (127.0.0.1) solo es accesible desde este equipo; otra de sus direcciones permite que la alcancen los remitentes de esa red.</translation>
    </message>
    <message>
        <source>Receive &amp;webhooks on:</source>
        <translation>Recibir &amp;webhooks en:</translation>
    </message>
    <message>
        <source>This window shows %1. Port, folder, history, webhook and key file changes apply at the next start. Older runs and their logs are deleted hourly; dead runs are always kept.</source>
        <translation>Esta ventana muestra %1. Los cambios de puerto, carpeta, historial, webhooks y archivo de clave se aplican en el próximo inicio. Las ejecuciones más antiguas y sus registros se borran cada hora; las ejecuciones muertas se conservan siempre.</translation>
    </message>
</context>
<context>
    <name>hearth::ui::SingleInstance</name>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>no se puede escuchar en %1: %2</translation>
    </message>
    <message>
        <source>another hearth-tray holds %1 but does not answer</source>
        <translation>otra instancia de hearth-tray tiene %1 pero no responde</translation>
    </message>
    <message>
        <source>cannot create the tray&apos;s lock file in the data folder</source>
        <translation>no se puede crear el archivo de bloqueo de la aplicación en la carpeta de datos</translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayController</name>
    <message>
        <source>Hearth is not running</source>
        <translation>Hearth no está en marcha</translation>
    </message>
    <message>
        <source>The Hearth runtime stopped unexpectedly</source>
        <translation>El runtime de Hearth se detuvo inesperadamente</translation>
    </message>
    <message>
        <source>Restarting it…</source>
        <translation>Reiniciándolo…</translation>
    </message>
    <message>
        <source>It crashed three times in a minute and was not restarted. Click to start it again.</source>
        <translation>Falló tres veces en un minuto y no se reinició. Haz clic para iniciarlo de nuevo.</translation>
    </message>
    <message>
        <source>Hearth runtime log</source>
        <translation>Registro del runtime de Hearth</translation>
    </message>
    <message>
        <source>(the runtime printed nothing)</source>
        <translation>(el runtime no mostró nada)</translation>
    </message>
    <message>
        <source>There is no system tray (offscreen display), so Hearth shows this window instead. Closing it quits Hearth.</source>
        <translation>No hay bandeja del sistema (pantalla virtual), así que Hearth muestra esta ventana. Cerrarla cierra Hearth.</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so Hearth shows this window instead. Closing it quits Hearth.</source>
        <translation>Este escritorio no tiene bandeja del sistema, así que Hearth muestra esta ventana. Cerrarla cierra Hearth.</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Desconectado: %1</translation>
    </message>
    <message>
        <source>Agent worker: off</source>
        <translation>Worker de agentes: apagado</translation>
    </message>
    <message>
        <source>Agent worker: %1</source>
        <translation>Worker de agentes: %1</translation>
    </message>
    <message>
        <source>Agent worker: no agent installed (add a profile in Settings)</source>
        <translation>Worker de agentes: ningún agente instalado (añade un perfil en Ajustes)</translation>
    </message>
    <message>
        <source>Agent worker stopped: %1</source>
        <translation>Worker de agentes detenido: %1</translation>
    </message>
    <message>
        <source>Hearth is %1</source>
        <translation>Hearth está %1</translation>
    </message>
    <message numerus="yes">
        <source>Hearth is %1 · %n watcher(s) active</source>
        <translation>
            <numerusform>Hearth está %1 · %n vigilante activo</numerusform>
            <numerusform>Hearth está %1 · %n vigilantes activos</numerusform>
        </translation>
    </message>
    <message>
        <source> · next run %1</source>
        <translation> · próxima ejecución %1</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · en pausa</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n notificación sin leer</numerusform>
            <numerusform>%n notificaciones sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>Muted until %1</source>
        <translation>Silenciado hasta %1</translation>
    </message>
    <message>
        <source>Could not pause or resume the watchers: %1</source>
        <translation>No se pudieron pausar ni reanudar los vigilantes: %1</translation>
    </message>
    <message>
        <source>Hearth was updated</source>
        <translation>Hearth se actualizó</translation>
    </message>
    <message>
        <source>Restart Hearth to finish the update.</source>
        <translation>Reinicia Hearth para terminar la actualización.</translation>
    </message>
    <message>
        <source>Hearth: a change awaits your approval</source>
        <translation>Hearth: un cambio espera su aprobación</translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) created or changed over MCP await your approval.</source>
        <translation>
            <numerusform>%n vigilante creado o cambiado por MCP espera su aprobación.</numerusform>
            <numerusform>%n vigilantes creados o cambiados por MCP esperan su aprobación.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) await your approval</source>
        <translation>
            <numerusform>%n vigilante espera su aprobación</numerusform>
            <numerusform>%n vigilantes esperan su aprobación</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayMenu</name>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>&amp;Silenciar notificaciones</translation>
    </message>
    <message>
        <source>Hearth was updated — restart to finish</source>
        <translation>Hearth se actualizó — reinicia para terminar</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Conectar</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>De&amp;tener</translation>
    </message>
    <message>
        <source>&amp;Open Hearth…</source>
        <translation>&amp;Abrir Hearth…</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Durante 1 hora</translation>
    </message>
    <message>
        <source>For 4 hours</source>
        <translation>Durante 4 horas</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Hasta mañana</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Quitar el silencio</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Show the runtime&apos;s &amp;log…</source>
        <translation>Mostrar el &amp;registro del runtime…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Resume watchers</source>
        <translation>&amp;Reanudar vigilantes</translation>
    </message>
    <message>
        <source>&amp;Pause all watchers</source>
        <translation>&amp;Pausar todos los vigilantes</translation>
    </message>
</context>
<context>
    <name>hearth::ui::TrayState</name>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>iniciando</translation>
    </message>
    <message>
        <source>running</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>requiere atención</translation>
    </message>
    <message>
        <source>error</source>
        <translation>con error</translation>
    </message>
</context>
<context>
    <name>hearth::ui::ValueChart</name>
    <message>
        <source>Value over time</source>
        <translation>Valor en el tiempo</translation>
    </message>
    <message>
        <source>Point under the pointer</source>
        <translation>Punto bajo el puntero</translation>
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
        <translation>Nuevo vigilante</translation>
    </message>
    <message>
        <source>Edit watcher</source>
        <translation>Editar vigilante</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Lua script</source>
        <translation>Script Lua</translation>
    </message>
    <message>
        <source>Agent prompt</source>
        <translation>Prompt de agente</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Activado</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programación</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervalo</translation>
    </message>
    <message>
        <source>Cron</source>
        <translation>Cron</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Una vez</translation>
    </message>
    <message>
        <source>Schedule kind</source>
        <translation>Tipo de programación</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutos</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>horas</translation>
    </message>
    <message>
        <source>days</source>
        <translation>días</translation>
    </message>
    <message>
        <source>Interval unit</source>
        <translation>Unidad del intervalo</translation>
    </message>
    <message>
        <source>Cron expression</source>
        <translation>Expresión cron</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Run once at</source>
        <translation>Ejecutar una vez el</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>Next 5 runs</source>
        <translation>Próximas 5 ejecuciones</translation>
    </message>
    <message>
        <source>Next 5 runs:</source>
        <translation>Próximas 5 ejecuciones:</translation>
    </message>
    <message>
        <source>Event JSON for the test run, e.g. {&quot;price&quot;: 12.5}</source>
        <translation>JSON del evento para la prueba, p. ej. {&quot;price&quot;: 12.5}</translation>
    </message>
    <message>
        <source>Test event</source>
        <translation>Evento de prueba</translation>
    </message>
    <message>
        <source>&amp;Test run</source>
        <translation>&amp;Probar</translation>
    </message>
    <message>
        <source>Test run result</source>
        <translation>Resultado de la prueba</translation>
    </message>
    <message>
        <source>Result, logs and resource use of a test run</source>
        <translation>Resultado, registros y recursos usados por una prueba</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Agent profile</source>
        <translation>Perfil de agente</translation>
    </message>
    <message>
        <source>Device worker</source>
        <translation>Worker del dispositivo</translation>
    </message>
    <message>
        <source>The only worker that runs this agent</source>
        <translation>El único worker que ejecuta este agente</translation>
    </message>
    <message>
        <source>Absolute folder (default: the profile&apos;s)</source>
        <translation>Carpeta absoluta (por defecto: la del perfil)</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Carpeta de trabajo</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>A&amp;gente:</translation>
    </message>
    <message>
        <source>&amp;Worker:</source>
        <translation>&amp;Worker:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Carpeta:</translation>
    </message>
    <message>
        <source>Limits and policies</source>
        <translation>Límites y reglas</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> million</source>
        <translation> millones</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>skip the new run</source>
        <translation>omitir la nueva ejecución</translation>
    </message>
    <message>
        <source>queue it</source>
        <translation>ponerla en cola</translation>
    </message>
    <message>
        <source>cancel the running one</source>
        <translation>cancelar la que está en curso</translation>
    </message>
    <message>
        <source>run once</source>
        <translation>ejecutar una vez</translation>
    </message>
    <message>
        <source>run each (latest 10)</source>
        <translation>ejecutar cada una (las 10 últimas)</translation>
    </message>
    <message>
        <source>skip them</source>
        <translation>omitirlas</translation>
    </message>
    <message>
        <source>when a run fails for good</source>
        <translation>cuando una ejecución falla definitivamente</translation>
    </message>
    <message>
        <source>after every run</source>
        <translation>después de cada ejecución</translation>
    </message>
    <message>
        <source>when the result changes</source>
        <translation>cuando cambia el resultado</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>&amp;Tiempo límite:</translation>
    </message>
    <message>
        <source>Instr&amp;uctions:</source>
        <translation>Instr&amp;ucciones:</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Memoria:</translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation>&amp;Intentos:</translation>
    </message>
    <message>
        <source>&amp;Backoff base:</source>
        <translation>&amp;Base de espera:</translation>
    </message>
    <message>
        <source>Backoff ma&amp;x:</source>
        <translation>Espera má&amp;xima:</translation>
    </message>
    <message>
        <source>If still running:</source>
        <translation>Si sigue en curso:</translation>
    </message>
    <message>
        <source>Missed runs:</source>
        <translation>Ejecuciones perdidas:</translation>
    </message>
    <message>
        <source>N&amp;otify:</source>
        <translation>N&amp;otificar:</translation>
    </message>
    <message>
        <source> runs</source>
        <translation> ejecuciones</translation>
    </message>
    <message>
        <source>as in Settings</source>
        <translation>como en Ajustes</translation>
    </message>
    <message>
        <source>Runs kept</source>
        <translation>Ejecuciones conservadas</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Days runs are kept</source>
        <translation>Días que se conservan las ejecuciones</translation>
    </message>
    <message>
        <source>Keep runs:</source>
        <translation>Conservar ejecuciones:</translation>
    </message>
    <message>
        <source>Keep runs for:</source>
        <translation>Conservar ejecuciones durante:</translation>
    </message>
    <message>
        <source>no further runs</source>
        <translation>ninguna ejecución más</translation>
    </message>
    <message>
        <source>The test event must be a JSON object.</source>
        <translation>El evento de prueba debe ser un objeto JSON.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Ejecutando…</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Resultado: %1</translation>
    </message>
    <message>
        <source>Took %1, %2 instructions, peak memory %3 KiB</source>
        <translation>Duró %1, %2 instrucciones, memoria máxima %3 KiB</translation>
    </message>
    <message>
        <source>Logs:</source>
        <translation>Registros:</translation>
    </message>
    <message>
        <source>Would notify: %1 — %2</source>
        <translation>Avisaría: %1 — %2</translation>
    </message>
    <message>
        <source>After another watcher</source>
        <translation>Después de otro vigilante</translation>
    </message>
    <message>
        <source>Watcher it starts after</source>
        <translation>Vigilante tras el que empieza</translation>
    </message>
    <message>
        <source>When that watcher</source>
        <translation>Cuando ese vigilante</translation>
    </message>
    <message>
        <source>succeeds</source>
        <translation>tiene éxito</translation>
    </message>
    <message>
        <source>finds a change</source>
        <translation>encuentra un cambio</translation>
    </message>
    <message>
        <source>fails</source>
        <translation>falla</translation>
    </message>
    <message>
        <source>notifies</source>
        <translation>notifica</translation>
    </message>
    <message>
        <source>There is no other watcher to start after yet.</source>
        <translation>Aún no hay otro vigilante tras el que empezar.</translation>
    </message>
    <message>
        <source>Runs each time %1 %2.</source>
        <translation>Se ejecuta cada vez que %1 %2.</translation>
    </message>
    <message>
        <source>When files change in a folder</source>
        <translation>Cuando cambian archivos en una carpeta</translation>
    </message>
    <message>
        <source>Folder to watch</source>
        <translation>Carpeta que vigilar</translation>
    </message>
    <message>
        <source>Folder, such as ~/Downloads</source>
        <translation>Carpeta, por ejemplo ~/Downloads</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>and the folders under it</source>
        <translation>y las carpetas que contiene</translation>
    </message>
    <message>
        <source>Only files matching</source>
        <translation>Solo los archivos que coincidan con</translation>
    </message>
    <message>
        <source>All files, or a pattern such as *.pdf</source>
        <translation>Todos los archivos, o un patrón como *.pdf</translation>
    </message>
    <message>
        <source>Choose the folder to watch.</source>
        <translation>Elija la carpeta que vigilar.</translation>
    </message>
    <message>
        <source>Runs %1.</source>
        <translation>Se ejecuta %1.</translation>
    </message>
    <message>
        <source>When a webhook arrives</source>
        <translation>Cuando llega un webhook</translation>
    </message>
    <message>
        <source>Webhook signature</source>
        <translation>Firma del webhook</translation>
    </message>
    <message>
        <source>Signed (Standard Webhooks)</source>
        <translation>Firmado (Standard Webhooks)</translation>
    </message>
    <message>
        <source>Signed (GitHub)</source>
        <translation>Firmado (GitHub)</translation>
    </message>
    <message>
        <source>Unsigned: anyone with the URL</source>
        <translation>Sin firma: cualquiera con la URL</translation>
    </message>
    <message>
        <source>Its URL and signing secret are made when it is saved.</source>
        <translation>Su URL y su secreto de firma se crean al guardarlo.</translation>
    </message>
    <message>
        <source>Deliveries go to %1 on the webhook listener (Settings); the signing secret is the secret %2.</source>
        <translation>Las entregas van a %1 en el receptor de webhooks (Ajustes); el secreto de firma es el secreto %2.</translation>
    </message>
    <message>
        <source>Result schema</source>
        <translation>Esquema del resultado</translation>
    </message>
    <message>
        <source>Optional: a JSON Schema the agent&apos;s result must match, e.g. {&quot;type&quot;: &quot;object&quot;, &quot;required&quot;: [&quot;notify&quot;]}</source>
        <translation>Opcional: un JSON Schema que el resultado del agente debe cumplir, p. ej. {&quot;type&quot;: &quot;object&quot;, &quot;required&quot;: [&quot;notify&quot;]}</translation>
    </message>
    <message>
        <source>Result sc&amp;hema:</source>
        <translation>Esquema del resulta&amp;do:</translation>
    </message>
    <message>
        <source>Result schema: not a JSON object (%1)</source>
        <translation>Esquema del resultado: no es un objeto JSON (%1)</translation>
    </message>
    <message>
        <source>another JSON value</source>
        <translation>otro valor JSON</translation>
    </message>
    <message>
        <source>Awaiting approval: review the change on the Watchers page to approve or reject it</source>
        <translation>Esperando aprobación: revise el cambio en la página Vigilantes para aprobarlo o rechazarlo</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Notification cooldown</source>
        <translation>Pausa entre notificaciones</translation>
    </message>
    <message>
        <source>Notifications per day</source>
        <translation>Notificaciones por día</translation>
    </message>
    <message>
        <source>Escalations per day</source>
        <translation>Escaladas por día</translation>
    </message>
    <message>
        <source>How many times a day the script may hand a finding to an agent (agent.escalate)</source>
        <translation>Cuántas veces al día el script puede escalar un hallazgo a un agente (agent.escalate)</translation>
    </message>
    <message>
        <source>Notification cooldown:</source>
        <translation>Pausa entre notificaciones:</translation>
    </message>
    <message>
        <source>Notifications per day:</source>
        <translation>Notificaciones por día:</translation>
    </message>
    <message>
        <source>Escalations per day:</source>
        <translation>Escaladas por día:</translation>
    </message>
</context>
<context>
    <name>hearth::ui::WatchersPage</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programación</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Próxima ejecución</translation>
    </message>
    <message>
        <source>Last status</source>
        <translation>Último estado</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activado</translation>
    </message>
    <message>
        <source>Watchers</source>
        <translation>Vigilantes</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nuevo…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation>&amp;Ejecutar ahora</translation>
    </message>
    <message>
        <source>Could not load watchers: %1</source>
        <translation>No se pudieron cargar los vigilantes: %1</translation>
    </message>
    <message>
        <source>Could not load the watcher: %1</source>
        <translation>No se pudo cargar el vigilante: %1</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation>«%1» guardado.</translation>
    </message>
    <message>
        <source>Delete watcher</source>
        <translation>Eliminar vigilante</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; with its runs and logs? This cannot be undone.</source>
        <translation>¿Eliminar «%1» con sus ejecuciones y registros? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation>No se pudo eliminar «%1»: %2</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation>«%1» eliminado.</translation>
    </message>
    <message>
        <source>Could not start a run: %1</source>
        <translation>No se pudo iniciar una ejecución: %1</translation>
    </message>
    <message>
        <source>Run %1 started.</source>
        <translation>Ejecución %1 iniciada.</translation>
    </message>
    <message>
        <source>Could not change the watcher: %1</source>
        <translation>No se pudo cambiar el vigilante: %1</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historial…</translation>
    </message>
    <message>
        <source>What the watcher saw: its snapshots, what changed, its values</source>
        <translation>Lo que vio el vigilante: sus instantáneas, lo que cambió, sus valores</translation>
    </message>
    <message>
        <source>Welcome to Hearth</source>
        <translation>Bienvenido a Hearth</translation>
    </message>
    <message>
        <source>Hearth watches things for you on this computer: a page, a feed, an API, a price.
It checks them on a schedule and tells you what changed.
Nothing leaves your machine, and every script runs in a sandbox.</source>
        <translation>Hearth vigila por usted en este ordenador: una página, una fuente, una API, un precio.
Los comprueba según un horario y le dice qué cambió.
Nada sale de su equipo, y cada script se ejecuta en un entorno aislado.</translation>
    </message>
    <message>
        <source>Start with one of these:</source>
        <translation>Empiece con uno de estos:</translation>
    </message>
    <message>
        <source>Write a Lua script…</source>
        <translation>Escribir un script Lua…</translation>
    </message>
    <message>
        <source>Start Hearth at &amp;login</source>
        <translation>Iniciar Hearth al iniciar &amp;sesión</translation>
    </message>
    <message>
        <source>Could not change start at login: %1</source>
        <translation>No se pudo cambiar el inicio al iniciar sesión: %1</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Cambiado por</translation>
    </message>
    <message>
        <source>Created by %1, last changed by %2</source>
        <translation>Creado por %1, cambiado por última vez por %2</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Esperando aprobación</translation>
    </message>
    <message>
        <source>Changed by %1: review the change to approve or reject it</source>
        <translation>Cambiado por %1: revise el cambio para aprobarlo o rechazarlo</translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation>&amp;Revisar…</translation>
    </message>
    <message>
        <source>See a change made over MCP, and approve or reject it</source>
        <translation>Ver un cambio hecho por MCP y aprobarlo o rechazarlo</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Revisar…</translation>
    </message>
    <message numerus="yes">
        <source>%n watcher(s) created or changed over MCP await your approval: they do not run until you approve.</source>
        <translation>
            <numerusform>%n vigilante creado o cambiado por MCP espera su aprobación: no se ejecuta hasta que lo apruebe.</numerusform>
            <numerusform>%n vigilantes creados o cambiados por MCP esperan su aprobación: no se ejecutan hasta que los apruebe.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ui::autostart</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>no se puede eliminar %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>no se puede escribir %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hearth&apos;s tray app.</source>
        <translation>La aplicación de bandeja de Hearth.</translation>
    </message>
    <message>
        <source>Data folder (env HEARTH_DATA_DIR; default: the saved one).</source>
        <translation>Carpeta de datos (entorno HEARTH_DATA_DIR; por defecto: la guardada).</translation>
    </message>
    <message>
        <source>Port of the runtime it starts (env HEARTH_PORT; 0: any free one).</source>
        <translation>Puerto del runtime que inicia (entorno HEARTH_PORT; 0: cualquier puerto libre).</translation>
    </message>
</context>
</TS>
