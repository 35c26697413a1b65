/** Spanish (Spain). Same keys and placeholders as the English catalogue (a test checks). */
import type { Catalogue } from './en.js';

export const esES = {
  'list.more': '{list} y {count, number} más',
  'list.joinMore': '… y {count, number} más',

  'place.prompt': 'tu prompt',
  'place.negativePrompt': 'tu prompt negativo',
  'place.shot': 'el prompt de la toma {shot, number}',

  'time.minutes': '{minutes} min',
  'time.hours': '{hours} h',
  'time.hoursMinutes': '{hours} h {minutes} min',
  'elapsed.seconds': '{seconds} s',
  'elapsed.minutesSeconds': '{minutes} min {seconds} s',
  'elapsed.hoursMinutes': '{hours} h {minutes} min',

  'admission.channel': 'No se pueden crear vídeos en este canal. Usa {channels}.',
  'admission.role': 'Necesitas el rol {role} para crear vídeos en este servidor. Pregunta a un moderador si crees que deberías tenerlo.',
  'admission.blocked':
    'Tu vídeo no se ha iniciado: {place} contiene «{phrase}», que está bloqueado en este servidor. Reformúlalo y vuelve a intentarlo.',
  'admission.alreadyRetried': 'Este vídeo ya se ha reintentado: tarea {job}.',
  'admission.concurrency':
    'Ya tienes {count, plural, one {# vídeo} other {# vídeos}} en curso; el límite aquí es {limit, number}. Se libera un hueco cuando termina un vídeo.',
  'admission.serverBusy':
    'Este servidor ya tiene {count, plural, one {# vídeo} other {# vídeos}} en curso, su límite, y no tiene cola de espera. Vuelve a intentarlo cuando termine uno.',
  'admission.lineFull':
    'Ya tienes {count, plural, one {# vídeo} other {# vídeos}} esperando en la cola de este servidor, su límite. El siguiente podrá unirse cuando empiece uno de ellos.',
  'admission.resets': 'se reinicia a las 00:00 UTC, dentro de {time}',
  'admission.serverNoBudget': 'Este servidor no tiene presupuesto para vídeos (su presupuesto diario es 0 $). Pregunta a un moderador.',
  'admission.serverBudget':
    'Este vídeo se estima en {estimate}, y este servidor ha gastado hoy {spent} de su presupuesto diario de {budget}. El presupuesto del servidor {resets}.',
  'admission.memberNoBudget':
    'Los miembros no tienen presupuesto para vídeos en este servidor (el presupuesto diario por miembro es 0 $). Pregunta a un moderador.',
  'admission.memberHint': ' Te quedan {left} hoy; un vídeo más corto, o sin sonido, cuesta menos.',
  'admission.memberBudget':
    'Este vídeo se estima en {estimate}, y hoy has gastado {spent} de tu presupuesto diario de {budget} en este servidor.{hint} Tu presupuesto {resets}.',

  'submit.auth':
    'El servicio de vídeo ha rechazado las credenciales del bot. El operador del bot debe corregir su token de RunComfy o su configuración.',
  'submit.balance': 'La cuenta del bot en el servicio de vídeo se ha quedado sin crédito. El operador del bot tiene que recargarla.',
  'submit.inputRejected': 'El servicio de vídeo ha rechazado esta solicitud.',
  'submit.rateLimited': 'El servicio de vídeo está ocupado ahora mismo. Vuelve a intentarlo en un minuto.',
  'submit.unavailable': 'El servicio de vídeo tiene problemas. Vuelve a intentarlo más tarde.',
  'submit.malformed': 'El servicio de vídeo ha enviado una respuesta que el bot no entiende. Vuelve a intentarlo más tarde.',
  'submit.failed': 'El proveedor de vídeo no ha podido aceptar esta tarea. Vuelve a intentarlo en unos minutos.',

  'ending.startFailed': 'El bot ha tenido un error al iniciar este vídeo; no se ha enviado nada al proveedor. Vuelve a intentarlo.',
  'ending.cannotPost': 'El bot no puede enviar mensajes en este canal.',
  'ending.outcomeUnknown':
    'La conexión con el proveedor de vídeo se cortó mientras se enviaba esta tarea, así que no se sabe si el proveedor la aceptó. No se ha vuelto a enviar, para no pagar dos veces. Si no llega ningún vídeo, vuelve a intentarlo.',
  'ending.notAVideo': 'El proveedor ha devuelto algo que no es un vídeo, así que el bot no lo ha publicado.',
  'ending.noVideo': 'El proveedor ha terminado la tarea pero no ha devuelto ningún vídeo.',
  'ending.providerFailedBecause': 'El proveedor no ha podido crear este vídeo: {reason}',
  'ending.providerFailed': 'El proveedor no ha podido crear este vídeo.',
  'ending.notFound': 'El proveedor ya no conoce esta tarea (su registro ha caducado), así que no se puede obtener su resultado.',
  'ending.cancelledBeforeSubmit': 'Tu vídeo se ha cancelado antes de enviarse al proveedor.',
  'ending.cancelledInQueue': 'Tu vídeo se ha cancelado mientras esperaba en la cola; no se ha cobrado.',
  'ending.cancelledAtProvider': 'Tu vídeo se ha cancelado en el proveedor.',
  'ending.queueTimeout':
    'Tu vídeo ha esperado más de {minutes, number} minutos en la cola del proveedor, así que el bot lo ha cancelado; no se ha cobrado.',
  'ending.timedOut': 'El proveedor no ha terminado este vídeo en {minutes, number} minutos, así que el bot ha dejado de esperar.',
  'ending.waitedTooLong':
    'Tu vídeo ha esperado más de {minutes, number} minutos en la cola de este servidor, así que el bot lo ha cancelado; no se ha enviado ni cobrado nada.',

  'state.removed': '🗑️ Retirado por su autor o un moderador',
  'state.sending': '⏳ Enviando al proveedor…',
  'state.queued': '🕒 En la cola',
  'state.queuedNext': '🕒 En la cola, el siguiente',
  'state.queuedAt': '🕒 En la cola, posición {position, number}',
  'state.waiting': '🧍 Esperando en la cola de este servidor',
  'state.waitingAt': '🧍 Esperando: {position, number}.º en la cola de este servidor',
  'state.rendering': '🎬 Renderizando',
  'state.renderingFor': '🎬 Renderizando desde hace {elapsed}',
  'state.cannotCancelNote': ' (ya se está renderizando: ya no se puede cancelar y se cobrará)',
  'state.done': '✅ Listo',
  'state.failed': '❌ Error: {reason}',
  'state.unknownReason': 'motivo desconocido',
  'state.cancelled': 'Cancelado',
  'state.timedOut': 'Tiempo agotado',
  'state.outcomeUnknown': 'Resultado desconocido',

  'final.cancelled': 'Tu vídeo se ha cancelado.',
  'final.timedOut': 'Tu vídeo ha agotado el tiempo.',
  'final.outcomeUnknown': 'no se sabe si el proveedor aceptó esta tarea.',
  'final.failed': 'no se ha podido crear tu vídeo. {reason}',

  'cancel.cancelled': 'Cancelado. Aún esperaba en la cola, así que no se cobrará.',
  'cancel.notCancellable': 'Demasiado tarde para cancelar: el proveedor ya está renderizando este vídeo, así que terminará y se cobrará.',
  'cancel.alreadyFinished': 'Este vídeo ya ha terminado, así que no hay nada que cancelar.',
  'cancel.submitting': 'Este vídeo se está enviando al proveedor ahora mismo; vuelve a intentarlo en un momento.',
  'cancel.notFound': 'Esa tarea ya no existe.',

  'refusal.notInServer': 'Solo funciono en servidores.',
  'refusal.notInServerChannel': 'Los vídeos solo se pueden crear en un canal de servidor.',
  'refusal.unknownSubcommand': 'Subcomando desconocido.',
  'refusal.foreignButton': 'Ese botón no pertenece a ninguna tarea de este servidor.',
  'refusal.foreignForm': 'Ese formulario no es mío.',
  'refusal.cancelNotOwner':
    'Este vídeo no es tuyo, así que no puedes cancelarlo. Solo pueden hacerlo el miembro que lo pidió o un moderador.',
  'refusal.retryNotOwner':
    'Solo el miembro que pidió este vídeo (o un moderador) puede reintentarlo; «Editar y reintentar» crea tu propia versión.',
  'refusal.retryWrongState': 'Solo se puede reintentar un vídeo fallido o cancelado; usa «Remix» para crear una variación.',
  'refusal.remixRemoved': 'Este vídeo lo ha retirado su autor o un moderador, así que no se puede remezclar.',
  'refusal.remixModelUnknown': 'Este vídeo se hizo con un modelo que esta versión del bot no conoce, así que aquí no se puede remezclar.',
  'refusal.remixParentGone': 'El vídeo que estás remezclando ya no existe.',
  'refusal.remixChannelClosed':
    'Este vídeo se creó en un canal que no puedes ver o en el que no puedes escribir, así que su remix no se puede crear allí. Usa `/video create` en un canal donde puedas escribir; no se ha enviado ni cobrado nada.',
  'refusal.shareNotOwner': 'Solo el miembro que creó este vídeo (o un moderador) puede compartirlo.',
  'refusal.deleteNotOwner': 'Solo el miembro que creó este vídeo o un moderador puede eliminarlo.',
  'refusal.deleteChanged': 'Ese vídeo ha cambiado mientras tanto; vuelve a intentarlo.',
  'refusal.manageServerOnly': 'Solo los miembros con el permiso Gestionar servidor pueden cambiar la configuración del bot de vídeo.',
  'refusal.pickChannel': 'Elige un canal para esa acción.',
  'refusal.givePhrase': 'Indica la frase para esa acción.',
  'refusal.unknownSetting': 'Ajuste desconocido.',
  'refusal.cannotPostHere':
    'No puedo enviar mensajes en este canal, así que no he iniciado tu vídeo. Pide a un moderador que me deje escribir aquí, o prueba otro canal.',

  'start.queued': 'Tu vídeo está en la cola (unos {estimate}). Lo publicaré en {place} cuando esté listo.',
  'start.waiting':
    'Este servidor ha llegado a su límite de vídeos en curso, así que el tuyo espera en su cola; se reservan unos {estimate} de tu presupuesto. Empieza cuando quede un hueco libre, y lo publicaré en {place} cuando esté listo. Cancelarlo no cuesta nada mientras espera.',
  'start.waitingAt':
    'Este servidor ha llegado a su límite de vídeos en curso, así que el tuyo espera en su cola ({position, number}.º); se reservan unos {estimate} de tu presupuesto. Empieza cuando quede un hueco libre, y lo publicaré en {place} cuando esté listo. Cancelarlo no cuesta nada mientras espera.',
  'start.thisChannel': 'este canal',
  'start.notStarted': 'No se ha podido iniciar tu vídeo.',

  'share.noShowcase': 'Este servidor no tiene canal de escaparate; un gestor puede fijar uno con `/video-settings showcase`.',
  'share.notFinished': 'Solo se puede compartir un vídeo terminado.',
  'share.inProgress': 'Este vídeo se está compartiendo ahora mismo.',
  'share.deletedMeanwhile': 'Este vídeo se eliminó mientras tanto, así que no se ha compartido.',
  'share.fileGone':
    'El archivo del vídeo ya no está disponible (el enlace del proveedor ha caducado y no está en la caché del bot), así que no se puede compartir.',
  'share.tooLarge': 'El vídeo supera el límite de subida de este servidor, así que no se puede volver a subir al escaparate.',
  'share.tooLargeLimit':
    'Este vídeo supera el límite de subida de este servidor ({limit}), así que no se puede volver a subir al escaparate.',
  'share.cannotPost': 'No puedo publicar en {channel}; pide a un gestor que revise mis permisos allí.',
  'share.shared': 'Compartido en {channel}: {link}',
  'share.already': 'Ya está en el escaparate: {link}',
  'share.postContent': '🎬 Un vídeo de {member}',

  'delete.done': 'Eliminado: el vídeo y su publicación en el escaparate ya no están.',
  'delete.partly':
    'Eliminado del bot, pero Discord no me ha dejado quitar todos los mensajes (puede que el hilo esté bloqueado); un moderador puede borrar lo que queda.',
  'delete.threadName': '🎬 vídeo retirado',

  'failure.somethingWrong': 'Algo ha fallado por mi parte; no se ha perdido nada. Vuelve a intentarlo en un momento.',
  'failure.restarting': 'El bot se está reiniciando; vuelve a intentarlo en unos segundos.',

  'listing.removedPrompt': '(retirado)',
  'listing.recentTitle': '**Tus vídeos recientes**',
  'listing.none': 'Aún no has creado ningún vídeo aquí. Prueba `/video create`.',
  'listing.noSuchJob': 'No hay ninguna tarea {job} en este servidor.',
  'listing.jobTitle': '**Tarea {job}** de {member}',
  'listing.about': 'unos {amount}',
  'listing.thread': 'Hilo: {thread}',
  'listing.message': 'Mensaje: {link}',

  'usage.title': '**Tu uso de hoy** (día UTC)',
  'usage.noLimit': '{spent} (sin límite)',
  'usage.against': '{spent} de {budget} (quedan {left})',
  'usage.you': 'Tú: {value}',
  'usage.server': 'Todo el servidor: {value}',
  'usage.videos': 'Tus vídeos de hoy: {states}',
  'usage.none': 'ninguno',
  'usage.inProgress': 'En curso ahora: {count, number} de {max, number} permitidos a la vez',
  'usage.line': 'Esperando en la cola de este servidor: {count, number} (tuyos: {mine, number})',
  'usage.resets': 'Los presupuestos se reinician a las 00:00 UTC, dentro de {time}.',
  'usage.stateCount': '{count, number} {state}',
  'jobState.waiting': 'esperando en la cola',
  'jobState.created': 'creado',
  'jobState.submitting': 'enviándose',
  'jobState.queued': 'en cola',
  'jobState.running': 'renderizando',
  'jobState.succeeded': 'listo',
  'jobState.failed': 'fallido',
  'jobState.cancelled': 'cancelado',
  'jobState.timed_out': 'tiempo agotado',
  'jobState.outcome_unknown': 'resultado desconocido',

  'help.title': '**Crear vídeos con Kling 3.0 Pro**',
  'help.create':
    '• `/video create prompt:…` describe una escena: sujeto, acción, cámara y ambiente, hasta {maxChars, number} caracteres. Las opciones fijan la duración ({min}–{max} s), el encuadre (16:9, 9:16, 1:1), el sonido y lo que hay que evitar.',
  'help.multishot':
    '• `/video multishot` abre un formulario: una toma por línea como `segundos | prompt`, por ejemplo `5 | un zorro corre por la nieve`. El vídeo dura lo mismo que sus tomas.',
  'help.card':
    '• Publico una tarjeta de estado con un botón Cancelar y abro un hilo para ella; el vídeo llega al hilo. Cancelar funciona mientras el vídeo espera en la cola; en cuanto se renderiza, se cobra.',
  'help.actions':
    '• Los vídeos terminados se pueden compartir en el escaparate, remezclar (un formulario con el prompt ya escrito) o eliminar; los fallidos se pueden reintentar.',
  'help.cost':
    '• Coste: unos {withSound} por segundo con sonido, {withoutSound} sin él. `/video usage` muestra el gasto de hoy, `/video jobs` tus vídeos recientes.',
  'help.preferences':
    '• `/video preferences set` guarda tus propios valores por defecto (duración, encuadre, sonido) y también puede enviar los vídeos terminados a tus mensajes directos.',
  'help.rendering': 'El renderizado suele tardar de 2 a 10 minutos.',
  'help.animateButton': 'Animar una imagen',

  'form.multishotTitle': 'Vídeo de varias tomas',
  'form.remixTitle': 'Remezclar este vídeo',
  'form.promptLabel': 'Prompt (todo el vídeo)',
  'form.promptPlaceholder': 'Una calle de neón lluviosa de noche, cinematográfica',
  'form.shotsLabel': 'Tomas: una por línea, «segundos | prompt»',
  'form.shotsPlaceholder': '5 | plano general de la calle\n5 | primer plano de un gato en una ventana',
  'form.negativeLabel': 'Prompt negativo',
  'form.negativePlaceholder': 'borroso, texto, marca de agua',
  'form.animateTitle': 'Animar con Kling',
  'form.uploadTitle': 'Animar una imagen',
  'form.shotsDescription': 'Las tomas en orden, cada una con su duración; el vídeo dura lo que ellas',
  'form.durationLabel': 'Duración en segundos',
  'form.aspectRatioLabel': 'Formato de imagen',
  'form.soundLabel': 'Sonido',
  'form.cfgScaleLabel': 'Escala CFG',
  'form.cfgScalePlaceholder': 'un número de 0 a 1, como 0,5',
  'form.imageLabel': 'Imagen (el primer fotograma)',
  'form.endImageLabel': 'Imagen final (opcional)',
  'form.notInForm': 'No está en este formulario ({source}): {list}',
  'form.kept': 'se mantiene del original',
  'form.defaults': 'por defecto',
  'form.on': 'activado',
  'form.off': 'desactivado',
  'form.none': 'ninguno',
  'form.imageMissing': 'El formulario no traía ninguna imagen, así que no se envió nada. Vuelve a abrirlo y sube un JPEG o PNG.',

  'settings.saved': 'Guardado.',
  'settings.title': '**Configuración del bot de vídeo**',
  'settings.none': 'ninguno',
  'settings.everywhere': 'en todas partes',
  'settings.noLimit': 'sin límite',
  'settings.on': 'activado',
  'settings.off': 'desactivado',
  'settings.showcase': 'Canal de escaparate: {value}',
  'settings.autoShare': 'Compartir automáticamente los vídeos terminados: {value}',
  'settings.channels': 'Canales permitidos: {value}',
  'settings.role': 'Rol necesario: {value}',
  'settings.blocked': 'Frases bloqueadas: {value}',
  'settings.concurrent': 'Vídeos en curso por miembro: {count, number}',
  'settings.serverConcurrent': 'Vídeos en curso para el servidor: {count, number}',
  'settings.lineOff': 'Cola de espera: desactivada (se rechaza un vídeo por encima de un límite)',
  'settings.line': 'Cola de espera: hasta {count, number} por miembro, cada uno hasta {time}',
  'settings.memberBudget': 'Presupuesto diario por miembro: {value}',
  'settings.serverBudget': 'Presupuesto diario del servidor: {value}',
  'settings.language': 'Idioma de los mensajes públicos: {value}',
  'settings.languageAuto': 'el idioma de Discord del servidor ({language})',

  'card.removedTitle': 'Vídeo retirado',
  'card.requestedBy': 'Pedido por',
  'card.settings': 'Ajustes',
  'card.cost': 'Coste',
  'card.avoid': 'Evitar',
  'card.status': 'Estado',
  'card.titleNew': 'Vídeo',
  'card.titleRemix': 'Remix de vídeo',
  'card.titleRetry': 'Vídeo (reintento)',
  'card.footer': 'Tarea {job}',
  'card.estimated': '{cost} (estimado {estimate})',
  'card.line': '**{label}:** {value}',
  'input.seconds': '{seconds} s',
  'input.soundOn': 'con sonido',
  'input.soundOff': 'sin sonido',
  'input.cfg': 'cfg {value}',
  'input.shots': '{count, plural, one {# toma} other {# tomas}}',

  'fetch.badUrl': 'El enlace del vídeo del servicio de vídeo no es un enlace web que el bot pueda descargar.',
  'fetch.notVideo': 'El servicio de vídeo ha devuelto algo que no es un vídeo.',
  'fetch.tooLarge': 'El vídeo es demasiado grande para subirlo aquí.',
  'fetch.expired': 'El enlace del vídeo ha caducado.',
  'fetch.httpError': 'No se ha podido descargar el vídeo del servicio de vídeo.',
  'fetch.timeout': 'La descarga del vídeo ha tardado demasiado.',
  'fetch.network': 'No se ha podido descargar el vídeo por un problema de red.',

  'delivery.ready': '{member} ¡tu vídeo está listo!',
  'delivery.tooLargeSized':
    '{member} ¡tu vídeo está listo! Es demasiado grande para subirlo aquí ({size}el límite de este servidor es {limit}), así que aquí tienes el enlace del proveedor; caduca, así que guarda el archivo pronto:',
  'delivery.fitted':
    'Comprimido para caber en el límite de subida de este servidor ({from} → {to}). El vídeo en calidad completa está en el enlace del proveedor, que caduca {expiry}:',
  'delivery.expiresUnknown': 'sin aviso, así que guárdalo pronto',
  'delivery.tooLargeSize': '{size}, ',
  'delivery.tooLarge':
    '{member} ¡tu vídeo está listo! Es demasiado grande para subirlo aquí, así que aquí tienes el enlace del proveedor; caduca, así que guarda el archivo pronto:',
  'delivery.noUpload':
    '{member} tu vídeo está listo, pero no puedo subir archivos aquí, así que aquí tienes el enlace del proveedor; caduca, así que guarda el archivo pronto:',
  'delivery.cannotFetch': '{member} tu vídeo se ha creado, pero el bot no ha podido descargarlo: {problem}',
  'delivery.linkTooLong':
    '(El enlace del proveedor tiene {length, number} caracteres, más de lo que cabe en un mensaje de Discord, así que no puedo publicarlo.)',
  'delivery.dm': 'Tu vídeo de {server} está listo: {link}',
  'delivery.dmRefused':
    'No he podido enviarte tu último vídeo por mensaje directo (Discord lo ha rechazado: tus MD están cerrados para este servidor o para mí). Está en su hilo como siempre; abre tus MD o elige `delivery: thread` en `/video preferences set`.',

  'button.cancel': 'Cancelar',
  'button.cannotCancel': 'Renderizando: ya no se puede cancelar',
  'button.share': 'Compartir en el escaparate',
  'button.shared': 'Compartido en el escaparate',
  'button.remix': 'Remezclar',
  'button.delete': 'Eliminar',
  'button.retry': 'Reintentar',
  'button.retried': 'Reintentado',
  'button.editAndRetry': 'Editar y reintentar',

  'preferences.title': '**Tus preferencias en este servidor**',
  'preferences.saved': 'Guardado.',
  'preferences.cleared': 'Tus preferencias en este servidor se han borrado; se aplican los valores por defecto del servidor.',
  'preferences.duration': 'Duración: {value}',
  'preferences.aspectRatio': 'Encuadre: {value}',
  'preferences.sound': 'Sonido: {value}',
  'preferences.delivery': 'Vídeos terminados: {value}',
  'preferences.default': '{value} (por defecto)',
  'preferences.deliveryThread': 'en su hilo',
  'preferences.deliveryDm': 'en su hilo y en tus mensajes directos',
  'preferences.hint': 'Se aplican cuando omites una opción de `/video create`; la tarjeta muestra los valores usados.',
  'fetch.notImage': 'El archivo no es una imagen.',
  'ending.imageUnavailable':
    'No se pudo entregar la imagen de este vídeo al proveedor (su copia ya no existe o no se pudo renovar su enlace); no se envió ni se cobró nada.',
  'input.fromImage': 'formato de la imagen',
  'image.start': 'Tu imagen',
  'image.end': 'Tu imagen final',
  'image.notImage': '{image} no es una imagen. Adjunta un archivo JPEG o PNG.',
  'image.wrongType':
    '{image} es un archivo {type}; este modelo solo acepta {allowed}. Guárdala en uno de esos formatos y vuelve a intentarlo.',
  'image.tooLarge': '{image} ocupa {size}; el límite es {max}. Redúcela y vuelve a intentarlo.',
  'image.tooSmall': '{image} mide {width}×{height} píxeles; ambos lados deben medir al menos {min} píxeles. Usa una imagen más grande.',
  'image.tooNarrow':
    '{image} mide {width}×{height} píxeles: demasiado alta para su anchura. Su formato debe estar entre 1:{ratio} y {ratio}:1; recórtala y vuelve a intentarlo.',
  'image.tooWide':
    '{image} mide {width}×{height} píxeles: demasiado ancha para su altura. Su formato debe estar entre 1:{ratio} y {ratio}:1; recórtala y vuelve a intentarlo.',
  'image.endWithShots': 'Una imagen final no se puede combinar con planos. Quita la imagen final o los planos.',
  'image.unreadable': 'No se pudo leer {image} desde Discord. Súbela de nuevo y vuelve a intentarlo.',
  'image.noImage': 'Ese mensaje no tiene ninguna imagen que animar. Usa «Animate with Kling» en un mensaje con una imagen JPEG o PNG.',
  'image.messageGone': 'El mensaje con la imagen ya no existe o está fuera del alcance del bot, así que no se envió nada.',
  'image.endWithoutStart':
    'Una imagen final necesita una primera imagen: adjunta también `image`, o deja ambas fuera y súbelas en el formulario.',
  'help.animate':
    '**/video animate** convierte una imagen en un vídeo: adjunta un JPEG o PNG (al menos {min} píxeles por lado, como mucho {max}) y describe el movimiento; la imagen final es opcional. O usa **Aplicaciones → Animate with Kling** en cualquier mensaje con una imagen. Sin imagen, el comando (o el botón **Animar una imagen** de abajo) abre un formulario para subirla.',
  'help.animateCost': 'A partir de una imagen: {withSound} por segundo con sonido, {withoutSound} sin él.',
  'listing.model': 'Modelo: {model}',
} as const satisfies Catalogue;
