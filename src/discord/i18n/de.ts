/** German. Same keys and placeholders as the English catalogue (a test checks). */
import type { Catalogue } from './en.js';

export const de = {
  'list.more': '{list} und {count, number} weitere',
  'list.joinMore': '… und {count, number} weitere',

  'place.prompt': 'dein Prompt',
  'place.negativePrompt': 'dein negativer Prompt',
  'place.shot': 'der Prompt von Einstellung {shot, number}',

  'time.minutes': '{minutes} Min.',
  'time.hours': '{hours} Std.',
  'time.hoursMinutes': '{hours} Std. {minutes} Min.',
  'elapsed.seconds': '{seconds} s',
  'elapsed.minutesSeconds': '{minutes} min {seconds} s',
  'elapsed.hoursMinutes': '{hours} h {minutes} min',

  'admission.channel': 'In diesem Kanal können keine Videos erstellt werden. Nutze stattdessen {channels}.',
  'admission.role':
    'Du brauchst die Rolle {role}, um auf diesem Server Videos zu erstellen. Frag eine Moderatorin oder einen Moderator, wenn du meinst, dass du sie haben solltest.',
  'admission.blocked':
    'Dein Video wurde nicht gestartet: {place} enthält „{phrase}“, was auf diesem Server gesperrt ist. Formuliere es um und versuche es noch einmal.',
  'admission.alreadyRetried': 'Dieses Video wurde bereits wiederholt: Auftrag {job}.',
  'admission.concurrency':
    'Du hast bereits {count, plural, one {# Video} other {# Videos}} in Arbeit; das Limit hier ist {limit, number}. Ein Platz wird frei, sobald ein Video fertig ist.',
  'admission.serverBusy':
    'Auf diesem Server {count, plural, one {ist bereits # Video} other {sind bereits # Videos}} in Arbeit, sein Limit, und er führt keine Warteschlange. Versuch es wieder, sobald eines fertig ist.',
  'admission.lineFull':
    'Du hast bereits {count, plural, one {# Video} other {# Videos}} in der Warteschlange dieses Servers, ihr Limit. Dein nächstes kann sich anstellen, sobald eines davon startet.',
  'admission.resets': 'wird um 00:00 UTC zurückgesetzt, in {time}',
  'admission.serverNoBudget':
    'Dieser Server hat kein Budget für Videos (sein Tagesbudget ist 0 $). Frag eine Moderatorin oder einen Moderator.',
  'admission.serverBudget':
    'Dieses Video kostet voraussichtlich {estimate}, und dieser Server hat heute {spent} von seinem Tagesbudget von {budget} ausgegeben. Das Budget des Servers {resets}.',
  'admission.memberNoBudget':
    'Mitglieder haben auf diesem Server kein Budget für Videos (das Tagesbudget pro Mitglied ist 0 $). Frag eine Moderatorin oder einen Moderator.',
  'admission.memberHint': ' Du hast heute noch {left}; ein kürzeres Video oder eines ohne Ton kostet weniger.',
  'admission.memberBudget':
    'Dieses Video kostet voraussichtlich {estimate}, und du hast heute {spent} von deinem Tagesbudget von {budget} auf diesem Server ausgegeben.{hint} Dein Budget {resets}.',

  'submit.auth':
    'Der Videodienst hat die Zugangsdaten des Bots abgelehnt. Der Betreiber des Bots muss das RunComfy-Token oder die Einstellungen korrigieren.',
  'submit.balance': 'Das Konto des Bots beim Videodienst hat kein Guthaben mehr. Der Betreiber des Bots muss es aufladen.',
  'submit.inputRejected': 'Der Videodienst hat diese Anfrage abgelehnt.',
  'submit.rateLimited': 'Der Videodienst ist gerade ausgelastet. Versuche es in einer Minute noch einmal.',
  'submit.unavailable': 'Der Videodienst hat Probleme. Versuche es später noch einmal.',
  'submit.malformed': 'Der Videodienst hat eine Antwort geschickt, die der Bot nicht versteht. Versuche es später noch einmal.',
  'submit.failed': 'Der Videoanbieter konnte diesen Auftrag nicht annehmen. Versuche es in ein paar Minuten noch einmal.',

  'ending.startFailed':
    'Beim Starten dieses Videos ist im Bot ein Fehler aufgetreten; nichts wurde an den Anbieter gesendet. Bitte versuche es noch einmal.',
  'ending.cannotPost': 'Der Bot kann in diesem Kanal keine Nachrichten senden.',
  'ending.outcomeUnknown':
    'Die Verbindung zum Videoanbieter ist beim Absenden dieses Auftrags abgebrochen, daher ist unbekannt, ob der Anbieter ihn angenommen hat. Er wurde nicht erneut gesendet, um nicht doppelt zu bezahlen. Wenn kein Video kommt, versuche es noch einmal.',
  'ending.notAVideo': 'Der Anbieter hat etwas geliefert, das kein Video ist, daher hat der Bot es nicht gepostet.',
  'ending.noVideo': 'Der Anbieter hat den Auftrag abgeschlossen, aber kein Video geliefert.',
  'ending.providerFailedBecause': 'Der Anbieter konnte dieses Video nicht erstellen: {reason}',
  'ending.providerFailed': 'Der Anbieter konnte dieses Video nicht erstellen.',
  'ending.notFound':
    'Der Anbieter kennt diesen Auftrag nicht mehr (sein Eintrag ist abgelaufen), daher kann das Ergebnis nicht abgerufen werden.',
  'ending.cancelledBeforeSubmit': 'Dein Video wurde abgebrochen, bevor es an den Anbieter gesendet wurde.',
  'ending.cancelledInQueue': 'Dein Video wurde abgebrochen, während es in der Warteschlange stand; es wurde nicht berechnet.',
  'ending.cancelledAtProvider': 'Dein Video wurde beim Anbieter abgebrochen.',
  'ending.queueTimeout':
    'Dein Video hat mehr als {minutes, number} Minuten in der Warteschlange des Anbieters gewartet, daher hat der Bot es abgebrochen; es wurde nicht berechnet.',
  'ending.timedOut':
    'Der Anbieter hat dieses Video nicht innerhalb von {minutes, number} Minuten fertiggestellt, daher wartet der Bot nicht länger.',
  'ending.waitedTooLong':
    'Dein Video hat mehr als {minutes, number} Minuten in der Warteschlange dieses Servers gewartet, daher hat der Bot es abgebrochen; nichts wurde gesendet oder berechnet.',

  'state.removed': '🗑️ Von der Erstellerin, dem Ersteller oder der Moderation entfernt',
  'state.sending': '⏳ Wird an den Anbieter gesendet…',
  'state.queued': '🕒 In der Warteschlange',
  'state.queuedNext': '🕒 In der Warteschlange, als Nächstes dran',
  'state.queuedAt': '🕒 In der Warteschlange, Position {position, number}',
  'state.waiting': '🧍 Wartet in der Warteschlange dieses Servers',
  'state.waitingAt': '🧍 Wartet: an {position, number}. Stelle in der Warteschlange dieses Servers',
  'state.rendering': '🎬 Wird gerendert',
  'state.renderingFor': '🎬 Wird seit {elapsed} gerendert',
  'state.cannotCancelNote': ' (wird bereits gerendert: kann nicht mehr abgebrochen werden und wird berechnet)',
  'state.done': '✅ Fertig',
  'state.failed': '❌ Fehlgeschlagen: {reason}',
  'state.unknownReason': 'unbekannter Grund',
  'state.cancelled': 'Abgebrochen',
  'state.timedOut': 'Zeitüberschreitung',
  'state.outcomeUnknown': 'Ergebnis unbekannt',

  'final.cancelled': 'Dein Video wurde abgebrochen.',
  'final.timedOut': 'Dein Video hat das Zeitlimit überschritten.',
  'final.outcomeUnknown': 'es ist unbekannt, ob der Anbieter diesen Auftrag angenommen hat.',
  'final.failed': 'dein Video konnte nicht erstellt werden. {reason}',

  'cancel.cancelled': 'Abgebrochen. Es wartete noch in der Warteschlange und wird daher nicht berechnet.',
  'cancel.notCancellable': 'Zu spät zum Abbrechen: Der Anbieter rendert dieses Video bereits, es wird also fertiggestellt und berechnet.',
  'cancel.alreadyFinished': 'Dieses Video ist bereits fertig, es gibt nichts abzubrechen.',
  'cancel.submitting': 'Dieses Video wird gerade an den Anbieter gesendet; versuche es gleich noch einmal.',
  'cancel.notFound': 'Diesen Auftrag gibt es nicht mehr.',

  'refusal.notInServer': 'Ich funktioniere nur auf Servern.',
  'refusal.notInServerChannel': 'Videos können nur in einem Serverkanal erstellt werden.',
  'refusal.unknownSubcommand': 'Unbekannter Unterbefehl.',
  'refusal.foreignButton': 'Diese Schaltfläche gehört zu keinem Auftrag auf diesem Server.',
  'refusal.foreignForm': 'Dieses Formular stammt nicht von mir.',
  'refusal.cancelNotOwner':
    'Das ist nicht dein Video, daher kannst du es nicht abbrechen. Das können nur das Mitglied, das es angefordert hat, oder die Moderation.',
  'refusal.retryNotOwner':
    'Nur das Mitglied, das dieses Video angefordert hat (oder die Moderation), kann es wiederholen; „Bearbeiten & wiederholen“ erstellt deine eigene Version.',
  'refusal.retryWrongState': 'Nur ein fehlgeschlagenes oder abgebrochenes Video kann wiederholt werden; nutze „Remix“ für eine Variante.',
  'refusal.remixRemoved': 'Dieses Video wurde von der erstellenden Person oder der Moderation entfernt und kann nicht geremixt werden.',
  'refusal.remixModelUnknown':
    'Dieses Video wurde mit einem Modell erstellt, das diese Version des Bots nicht kennt, und kann hier nicht geremixt werden.',
  'refusal.remixParentGone': 'Das Video, das du remixen willst, gibt es nicht mehr.',
  'refusal.remixChannelClosed':
    'Dieses Video wurde in einem Kanal erstellt, den du nicht sehen oder in dem du nicht posten kannst, daher kann sein Remix dort nicht erstellt werden. Nutze `/video create` in einem Kanal, in dem du posten kannst; nichts wurde gesendet oder berechnet.',
  'refusal.shareNotOwner': 'Nur das Mitglied, das dieses Video erstellt hat (oder die Moderation), kann es teilen.',
  'refusal.deleteNotOwner': 'Nur das Mitglied, das dieses Video erstellt hat, oder die Moderation kann es löschen.',
  'refusal.deleteChanged': 'Dieses Video hat sich inzwischen geändert; versuche es noch einmal.',
  'refusal.manageServerOnly': 'Nur Mitglieder mit der Berechtigung „Server verwalten“ können die Einstellungen des Video-Bots ändern.',
  'refusal.pickChannel': 'Wähle einen Kanal für diese Aktion.',
  'refusal.givePhrase': 'Gib die Wortgruppe für diese Aktion an.',
  'refusal.unknownSetting': 'Unbekannte Einstellung.',
  'refusal.cannotPostHere':
    'Ich kann in diesem Kanal keine Nachrichten senden, daher habe ich dein Video nicht gestartet. Bitte die Moderation, mir hier das Senden zu erlauben, oder versuche einen anderen Kanal.',

  'start.queued': 'Dein Video ist in der Warteschlange (etwa {estimate}). Ich poste es in {place}, sobald es fertig ist.',
  'start.waiting':
    'Dieser Server hat sein Limit an Videos in Arbeit erreicht, daher wartet deins in seiner Warteschlange; etwa {estimate} sind dafür von deinem Budget zurückgelegt. Es startet, sobald ein Platz frei wird, und ich poste es in {place}, sobald es fertig ist. Abbrechen kostet nichts, solange es wartet.',
  'start.waitingAt':
    'Dieser Server hat sein Limit an Videos in Arbeit erreicht, daher wartet deins in seiner Warteschlange (an {position, number}. Stelle); etwa {estimate} sind dafür von deinem Budget zurückgelegt. Es startet, sobald ein Platz frei wird, und ich poste es in {place}, sobald es fertig ist. Abbrechen kostet nichts, solange es wartet.',
  'start.thisChannel': 'diesem Kanal',
  'start.notStarted': 'Dein Video konnte nicht gestartet werden.',

  'share.noShowcase':
    'Dieser Server hat keinen Showcase-Kanal; eine Person mit Serververwaltung kann einen mit `/video-settings showcase` festlegen.',
  'share.notFinished': 'Nur ein fertiges Video kann geteilt werden.',
  'share.inProgress': 'Dieses Video wird gerade geteilt.',
  'share.deletedMeanwhile': 'Dieses Video wurde inzwischen gelöscht und daher nicht geteilt.',
  'share.fileGone':
    'Die Videodatei ist nicht mehr verfügbar (der Link des Anbieters ist abgelaufen und sie liegt nicht im Cache des Bots), daher kann sie nicht geteilt werden.',
  'share.tooLarge': 'Das Video ist größer als das Upload-Limit dieses Servers und kann nicht erneut in den Showcase hochgeladen werden.',
  'share.tooLargeLimit':
    'Dieses Video ist größer als das Upload-Limit dieses Servers ({limit}) und kann nicht erneut in den Showcase hochgeladen werden.',
  'share.cannotPost': 'Ich kann in {channel} nicht posten; bitte eine Person mit Serververwaltung, meine Berechtigungen dort zu prüfen.',
  'share.shared': 'In {channel} geteilt: {link}',
  'share.already': 'Bereits im Showcase: {link}',
  'share.postContent': '🎬 Ein Video von {member}',

  'delete.done': 'Gelöscht: Das Video und sein Showcase-Beitrag sind weg.',
  'delete.partly':
    'Im Bot gelöscht, aber Discord hat mich nicht jede Nachricht entfernen lassen (der Thread ist vielleicht gesperrt); die Moderation kann den Rest löschen.',
  'delete.threadName': '🎬 entferntes Video',

  'failure.somethingWrong': 'Bei mir ist etwas schiefgegangen; nichts ging verloren. Bitte versuche es gleich noch einmal.',
  'failure.restarting': 'Der Bot startet gerade neu; versuche es in ein paar Sekunden noch einmal.',

  'listing.removedPrompt': '(entfernt)',
  'listing.recentTitle': '**Deine letzten Videos**',
  'listing.none': 'Du hast hier noch keine Videos erstellt. Probiere `/video create`.',
  'listing.noSuchJob': 'Auf diesem Server gibt es keinen Auftrag {job}.',
  'listing.jobTitle': '**Auftrag {job}** von {member}',
  'listing.about': 'etwa {amount}',
  'listing.thread': 'Thread: {thread}',
  'listing.message': 'Nachricht: {link}',

  'usage.title': '**Deine Nutzung heute** (UTC-Tag)',
  'usage.noLimit': '{spent} (kein Limit)',
  'usage.against': '{spent} von {budget} ({left} übrig)',
  'usage.you': 'Du: {value}',
  'usage.server': 'Ganzer Server: {value}',
  'usage.videos': 'Deine Videos heute: {states}',
  'usage.none': 'keine',
  'usage.inProgress': 'Gerade in Arbeit: {count, number} von {max, number} gleichzeitig erlaubten',
  'usage.line': 'In der Warteschlange dieses Servers: {count, number} (davon deine: {mine, number})',
  'usage.resets': 'Budgets werden um 00:00 UTC zurückgesetzt, in {time}.',
  'usage.stateCount': '{count, number} {state}',
  'jobState.waiting': 'wartend',
  'jobState.created': 'angelegt',
  'jobState.submitting': 'wird gesendet',
  'jobState.queued': 'in der Warteschlange',
  'jobState.running': 'wird gerendert',
  'jobState.succeeded': 'fertig',
  'jobState.failed': 'fehlgeschlagen',
  'jobState.cancelled': 'abgebrochen',
  'jobState.timed_out': 'Zeit überschritten',
  'jobState.outcome_unknown': 'Ergebnis unbekannt',

  'help.title': '**Videos mit Kling 3.0 Pro erstellen**',
  'help.create':
    '• `/video create prompt:…` beschreibt eine Szene: Motiv, Handlung, Kamera und Stimmung, bis zu {maxChars, number} Zeichen. Optionen legen die Länge ({min}–{max} s), das Format (16:9, 9:16, 1:1), den Ton und das zu Vermeidende fest.',
  'help.multishot':
    '• `/video multishot` öffnet ein Formular: eine Einstellung pro Zeile als `Sekunden | Prompt`, zum Beispiel `5 | ein Fuchs läuft durch Schnee`. Das Video dauert so lange wie seine Einstellungen.',
  'help.card':
    '• Ich poste eine Statuskarte mit einer Abbrechen-Schaltfläche und eröffne einen Thread dazu; das Video kommt in den Thread. Abbrechen geht, solange das Video in der Warteschlange wartet; sobald es gerendert wird, wird es berechnet.',
  'help.actions':
    '• Fertige Videos können in den Showcase geteilt, geremixt (ein Formular mit dem ausgefüllten Prompt) oder gelöscht werden; fehlgeschlagene können wiederholt werden.',
  'help.cost':
    '• Kosten: etwa {withSound} pro Sekunde mit Ton, {withoutSound} ohne. `/video usage` zeigt die heutigen Ausgaben, `/video jobs` deine letzten Videos.',
  'help.preferences':
    '• `/video preferences set` speichert deine eigenen Standardwerte (Länge, Format, Ton) und kann fertige Videos auch in deine Direktnachrichten schicken.',
  'help.rendering': 'Das Rendern dauert meist 2 bis 10 Minuten.',
  'help.animateButton': 'Ein Bild animieren',

  'form.multishotTitle': 'Video mit mehreren Einstellungen',
  'form.remixTitle': 'Dieses Video remixen',
  'form.promptLabel': 'Prompt (das ganze Video)',
  'form.promptPlaceholder': 'Eine verregnete Neonstraße bei Nacht, filmisch',
  'form.shotsLabel': 'Einstellungen: je Zeile „Sekunden | Prompt“',
  'form.shotsPlaceholder': '5 | Totale der Straße\n5 | Nahaufnahme einer Katze im Fenster',
  'form.negativeLabel': 'Negativ-Prompt',
  'form.negativePlaceholder': 'unscharf, Text, Wasserzeichen',
  'form.animateTitle': 'Mit Kling animieren',
  'form.uploadTitle': 'Ein Bild animieren',
  'form.shotsDescription': 'Einstellungen der Reihe nach, je mit eigener Länge; das Video dauert so lange wie sie',
  'form.durationLabel': 'Länge in Sekunden',
  'form.aspectRatioLabel': 'Bildformat',
  'form.soundLabel': 'Ton',
  'form.cfgScaleLabel': 'CFG-Skala',
  'form.cfgScalePlaceholder': 'eine Zahl von 0 bis 1, etwa 0,5',
  'form.imageLabel': 'Bild (das erste Bild des Videos)',
  'form.endImageLabel': 'Schlussbild (optional)',
  'form.notInForm': 'Nicht in diesem Formular ({source}): {list}',
  'form.kept': 'vom Original übernommen',
  'form.defaults': 'Standard',
  'form.on': 'an',
  'form.off': 'aus',
  'form.none': 'keiner',
  'form.imageMissing':
    'Mit dem Formular kam kein Bild, daher wurde nichts gesendet. Öffne das Formular erneut und lade ein JPEG oder PNG hoch.',

  'settings.saved': 'Gespeichert.',
  'settings.title': '**Einstellungen des Video-Bots**',
  'settings.none': 'keine',
  'settings.everywhere': 'überall',
  'settings.noLimit': 'kein Limit',
  'settings.on': 'an',
  'settings.off': 'aus',
  'settings.showcase': 'Showcase-Kanal: {value}',
  'settings.autoShare': 'Fertige Videos automatisch teilen: {value}',
  'settings.channels': 'Erlaubte Kanäle: {value}',
  'settings.role': 'Benötigte Rolle: {value}',
  'settings.blocked': 'Gesperrte Wörter: {value}',
  'settings.concurrent': 'Videos in Arbeit pro Mitglied: {count, number}',
  'settings.serverConcurrent': 'Videos in Arbeit für den Server: {count, number}',
  'settings.lineOff': 'Warteschlange: aus (ein Video über einem Limit wird abgelehnt)',
  'settings.line': 'Warteschlange: bis zu {count, number} pro Mitglied, jedes bis zu {time}',
  'settings.memberBudget': 'Tagesbudget pro Mitglied: {value}',
  'settings.serverBudget': 'Tagesbudget des Servers: {value}',
  'settings.language': 'Sprache öffentlicher Nachrichten: {value}',
  'settings.languageAuto': 'die Discord-Sprache des Servers ({language})',

  'card.removedTitle': 'Video entfernt',
  'card.requestedBy': 'Angefordert von',
  'card.settings': 'Einstellungen',
  'card.cost': 'Kosten',
  'card.avoid': 'Vermeiden',
  'card.status': 'Status',
  'card.titleNew': 'Video',
  'card.titleRemix': 'Video-Remix',
  'card.titleRetry': 'Video (Wiederholung)',
  'card.footer': 'Auftrag {job}',
  'card.estimated': '{cost} (geschätzt {estimate})',
  'card.line': '**{label}:** {value}',
  'input.seconds': '{seconds} s',
  'input.soundOn': 'mit Ton',
  'input.soundOff': 'ohne Ton',
  'input.cfg': 'cfg {value}',
  'input.shots': '{count, plural, one {# Einstellung} other {# Einstellungen}}',

  'fetch.badUrl': 'Der Videolink des Videodienstes ist kein Weblink, den der Bot abrufen kann.',
  'fetch.notVideo': 'Der Videodienst hat etwas geliefert, das kein Video ist.',
  'fetch.tooLarge': 'Das Video ist zu groß, um es hier hochzuladen.',
  'fetch.expired': 'Der Videolink ist abgelaufen.',
  'fetch.httpError': 'Das Video konnte nicht vom Videodienst abgerufen werden.',
  'fetch.timeout': 'Das Abrufen des Videos hat zu lange gedauert.',
  'fetch.network': 'Das Video konnte wegen eines Netzwerkproblems nicht abgerufen werden.',

  'delivery.ready': '{member} dein Video ist fertig!',
  'delivery.tooLargeSized':
    '{member} dein Video ist fertig! Es ist zu groß, um es hier hochzuladen ({size}das Limit dieses Servers ist {limit}), daher hier der Link des Anbieters; er läuft ab, also speichere die Datei bald:',
  'delivery.tooLargeSize': '{size}, ',
  'delivery.tooLarge':
    '{member} dein Video ist fertig! Es ist zu groß, um es hier hochzuladen, daher hier der Link des Anbieters; er läuft ab, also speichere die Datei bald:',
  'delivery.noUpload':
    '{member} dein Video ist fertig, aber ich darf hier keine Dateien hochladen, daher hier der Link des Anbieters; er läuft ab, also speichere die Datei bald:',
  'delivery.cannotFetch': '{member} dein Video wurde erstellt, aber der Bot konnte es nicht abrufen: {problem}',
  'delivery.linkTooLong':
    '(Der Link des Anbieters ist {length, number} Zeichen lang, mehr als eine Discord-Nachricht fassen kann, daher kann ich ihn nicht posten.)',
  'delivery.dm': 'Dein Video von {server} ist fertig: {link}',
  'delivery.dmRefused':
    'Ich konnte dir dein letztes Video nicht als Direktnachricht schicken (Discord hat abgelehnt: deine DMs sind für diesen Server oder für mich geschlossen). Es liegt wie immer in seinem Thread; öffne deine DMs oder wähle `delivery: thread` in `/video preferences set`.',

  'button.cancel': 'Abbrechen',
  'button.cannotCancel': 'Wird gerendert: Abbrechen nicht mehr möglich',
  'button.share': 'Im Showcase teilen',
  'button.shared': 'Im Showcase geteilt',
  'button.remix': 'Remix',
  'button.delete': 'Löschen',
  'button.retry': 'Wiederholen',
  'button.retried': 'Wiederholt',
  'button.editAndRetry': 'Bearbeiten & wiederholen',

  'preferences.title': '**Deine Einstellungen auf diesem Server**',
  'preferences.saved': 'Gespeichert.',
  'preferences.cleared': 'Deine Einstellungen auf diesem Server wurden gelöscht; es gelten die Standardwerte des Servers.',
  'preferences.duration': 'Länge: {value}',
  'preferences.aspectRatio': 'Format: {value}',
  'preferences.sound': 'Ton: {value}',
  'preferences.delivery': 'Fertige Videos: {value}',
  'preferences.default': '{value} (Standard)',
  'preferences.deliveryThread': 'in ihrem Thread',
  'preferences.deliveryDm': 'in ihrem Thread und in deinen Direktnachrichten',
  'preferences.hint': 'Sie gelten, wenn du bei `/video create` eine Option weglässt; die Karte zeigt die verwendeten Werte.',
  'fetch.notImage': 'Die Datei ist kein Bild.',
  'ending.imageUnavailable':
    'Das Bild für dieses Video konnte dem Anbieter nicht übergeben werden (seine Kopie ist weg oder sein Link ließ sich nicht erneuern); nichts wurde gesendet oder berechnet.',
  'input.fromImage': 'Format des Bildes',
  'image.start': 'Dein Bild',
  'image.end': 'Dein Endbild',
  'image.notImage': '{image} ist kein Bild. Hänge eine JPEG- oder PNG-Datei an.',
  'image.wrongType':
    '{image} ist eine {type}-Datei; dieses Modell nimmt nur {allowed}. Speichere es in einem dieser Formate und versuche es erneut.',
  'image.tooLarge': '{image} ist {size} groß; die Grenze ist {max}. Verkleinere es und versuche es erneut.',
  'image.noPixels':
    '{image} hat keine Pixel: Laut der Datei ist eine Seite 0 Pixel lang, sie ist also beschädigt oder leer. Speichere es erneut als JPEG oder PNG oder nimm ein anderes Bild.',
  'image.tooSmall': '{image} hat {width}×{height} Pixel; beide Seiten müssen mindestens {min} Pixel haben. Nimm ein größeres Bild.',
  'image.tooNarrow':
    '{image} hat {width}×{height} Pixel: zu hoch für seine Breite. Das Format muss zwischen 1:{ratio} und {ratio}:1 liegen; schneide es zu und versuche es erneut.',
  'image.tooWide':
    '{image} hat {width}×{height} Pixel: zu breit für seine Höhe. Das Format muss zwischen 1:{ratio} und {ratio}:1 liegen; schneide es zu und versuche es erneut.',
  'image.endWithShots': 'Ein Endbild lässt sich nicht mit Einstellungen kombinieren. Lass das Endbild oder die Einstellungen weg.',
  'image.unreadable': '{image} konnte nicht von Discord gelesen werden. Lade es erneut hoch und versuche es noch einmal.',
  'image.noImage':
    'Diese Nachricht hat kein Bild zum Animieren. Nutze „Animate with Kling“ auf einer Nachricht mit einem JPEG- oder PNG-Bild.',
  'image.formExpired':
    'Dieses Formular ist abgelaufen (ein Formular gilt 15 Minuten und einmal), daher wurde nichts gesendet. Nutze „Animate with Kling“ erneut auf der Nachricht.',
  'image.formForeign':
    'Dieses Formular hat ein anderes Mitglied oder ein anderer Server geöffnet, daher wurde nichts gesendet. Nutze „Animate with Kling“ selbst auf der Nachricht.',
  'image.endWithoutStart': 'Ein Endbild braucht ein erstes Bild: Hänge auch `image` an, oder lass beide weg und lade sie im Formular hoch.',
  'help.animate':
    '**/video animate** macht aus einem Bild ein Video: Hänge ein JPEG oder PNG an (mindestens {min} Pixel pro Seite, höchstens {max}) und beschreibe die Bewegung; ein Endbild ist optional. Oder nutze **Apps → Animate with Kling** auf einer Nachricht mit Bild. Ohne Bild öffnet der Befehl (oder die Schaltfläche **Ein Bild animieren** unten) ein Formular zum Hochladen.',
  'help.animateCost': 'Aus einem Bild: {withSound} pro Sekunde mit Ton, {withoutSound} ohne.',
  'listing.model': 'Modell: {model}',
  // The web gallery (src/web).
  'web.title': 'Videogalerie',
  'web.signInIntro': 'Melde dich mit deinem Discord-Konto an, um die Videos der Server zu sehen, die du mit dem Bot teilst.',
  'web.signIn': 'Mit Discord anmelden',
  'web.signOut': 'Abmelden',
  'web.servers': 'Deine Server',
  'web.noServers': 'Keiner deiner Server hat den Bot, oder er hat dort noch keine Videos gemacht.',
  'web.searchLabel': 'Wörter des Prompts',
  'web.search': 'Suchen',
  'web.onlyMine': 'Nur meine',
  'web.model': 'Modell',
  'web.anyModel': 'Jedes Modell',
  'web.showcaseOnly': 'Nur das Schaufenster',
  'web.from': 'Von',
  'web.to': 'Bis',
  'web.empty': 'Keine passenden Videos.',
  'web.older': 'Ältere Videos',
  'web.openInDiscord': 'In Discord öffnen',
  'web.share': 'Im Schaufenster teilen',
  'web.delete': 'Löschen',
  'web.remix': 'In seinem Kanal remixen',
  'web.remixPrompt': 'Prompt des Remix',
  'web.prompt': 'Prompt',
  'web.shots': 'Einstellungen',
  'web.shot': 'Einstellung {shot, number} ({seconds, number} s)',
  'web.settings': '{seconds, number} s · {ratio} · {sound}',
  'web.withSound': 'mit Ton',
  'web.withoutSound': 'ohne Ton',
  'web.cost': 'Kosten: {cost}',
  'web.madeBy': 'Erstellt von {name} am {date}',
  'web.onShowcase': 'Im Schaufenster',
  'web.notPlayable': 'Dieses Video kann hier nicht abgespielt werden. Öffne es in Discord.',
  'web.shared': 'Im Schaufenster geteilt.',
  'web.alreadyShared': 'Dieses Video ist schon im Schaufenster.',
  'web.remixed': 'Remix gestartet: Seine Karte steht im Kanal des Videos auf Discord.',
  'web.remixWaiting':
    'Remix in der Warteschlange des Servers: Er startet, sobald ein Platz frei wird; seine Karte im Kanal des Videos zeigt, wo er steht.',
  'web.shareFailed': 'Das Video konnte nicht im Schaufenster geteilt werden. Nutze den Teilen-Knopf in Discord, um den Grund zu sehen.',
  'web.deleted': 'Das Video wurde gelöscht.',
  'web.notAllowed': 'Nur wer dieses Video gemacht hat, oder ein Moderator, kann das tun.',
  'web.changed': 'Das Video hat sich inzwischen geändert, daher wurde nichts getan.',
  'web.serverSettings': 'Servereinstellungen',
  'web.rateLimited': 'Zu viele Anfragen von deiner Adresse. Warte eine Minute und versuche es erneut.',
  'web.badForm': 'Dieses Formular ist abgelaufen. Lade die Seite neu und versuche es erneut.',
  'web.notFound': 'Hier gibt es nichts, oder du kannst es nicht sehen.',
  'web.signInFailed': 'Die Anmeldung mit Discord hat nicht geklappt. Versuche es erneut.',
} as const satisfies Catalogue;
