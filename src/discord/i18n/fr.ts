/** French. Same keys and placeholders as the English catalogue (a test checks). */
import type { Catalogue } from './en.js';

export const fr = {
  'list.more': '{list} et {count, number} autres',
  'list.joinMore': '… et {count, number} autres',

  'place.prompt': 'votre prompt',
  'place.negativePrompt': 'votre prompt négatif',
  'place.shot': 'le prompt du plan {shot, number}',

  'time.minutes': '{minutes} min',
  'time.hours': '{hours} h',
  'time.hoursMinutes': '{hours} h {minutes} min',
  'elapsed.seconds': '{seconds} s',
  'elapsed.minutesSeconds': '{minutes} min {seconds} s',
  'elapsed.hoursMinutes': '{hours} h {minutes} min',

  'admission.channel': 'Impossible de créer des vidéos dans ce salon. Utilisez plutôt {channels}.',
  'admission.role':
    'Il vous faut le rôle {role} pour créer des vidéos sur ce serveur. Demandez à un modérateur si vous pensez devoir l’avoir.',
  'admission.blocked':
    'Votre vidéo n’a pas été lancée : {place} contient « {phrase} », qui est bloqué sur ce serveur. Reformulez et réessayez.',
  'admission.alreadyRetried': 'Cette vidéo a déjà été relancée : tâche {job}.',
  'admission.concurrency':
    'Vous avez déjà {count, plural, one {# vidéo} other {# vidéos}} en cours ; la limite ici est de {limit, number}. Une place se libère quand une vidéo se termine.',
  'admission.serverBusy':
    'Ce serveur a déjà {count, plural, one {# vidéo} other {# vidéos}} en cours, sa limite, et n’a pas de file d’attente. Réessayez quand l’une d’elles sera terminée.',
  'admission.lineFull':
    'Vous avez déjà {count, plural, one {# vidéo} other {# vidéos}} dans la file d’attente de ce serveur, sa limite. La suivante pourra la rejoindre quand l’une d’elles démarrera.',
  'admission.resets': 'se réinitialise à 00:00 UTC, dans {time}',
  'admission.serverNoBudget': 'Ce serveur n’a pas de budget pour les vidéos (son budget quotidien est de 0 $). Demandez à un modérateur.',
  'admission.serverBudget':
    'Cette vidéo est estimée à {estimate}, et ce serveur a dépensé {spent} aujourd’hui sur son budget quotidien de {budget}. Le budget du serveur {resets}.',
  'admission.memberNoBudget':
    'Les membres n’ont pas de budget pour les vidéos sur ce serveur (le budget quotidien par membre est de 0 $). Demandez à un modérateur.',
  'admission.memberHint': ' Il vous reste {left} aujourd’hui ; une vidéo plus courte, ou sans son, coûte moins cher.',
  'admission.memberBudget':
    'Cette vidéo est estimée à {estimate}, et vous avez dépensé {spent} aujourd’hui sur votre budget quotidien de {budget} sur ce serveur.{hint} Votre budget {resets}.',

  'submit.auth': 'Le service vidéo a refusé les identifiants du bot. L’opérateur du bot doit corriger son jeton RunComfy ou ses réglages.',
  'submit.balance': 'Le compte du bot auprès du service vidéo n’a plus de crédit. L’opérateur du bot doit le recharger.',
  'submit.inputRejected': 'Le service vidéo a refusé cette demande.',
  'submit.rateLimited': 'Le service vidéo est occupé. Réessayez dans une minute.',
  'submit.unavailable': 'Le service vidéo rencontre des difficultés. Réessayez plus tard.',
  'submit.malformed': 'Le service vidéo a envoyé une réponse que le bot ne comprend pas. Réessayez plus tard.',
  'submit.failed': 'Le fournisseur vidéo n’a pas pu prendre cette tâche. Réessayez dans quelques minutes.',

  'ending.startFailed': 'Le bot a rencontré une erreur au lancement de cette vidéo ; rien n’a été envoyé au fournisseur. Réessayez.',
  'ending.cannotPost': 'Le bot ne peut pas envoyer de messages dans ce salon.',
  'ending.outcomeUnknown':
    'La connexion au fournisseur vidéo a été coupée pendant l’envoi de cette tâche, on ne sait donc pas s’il l’a acceptée. Elle n’a pas été renvoyée, pour éviter de payer deux fois. Si aucune vidéo n’arrive, réessayez.',
  'ending.notAVideo': 'Le fournisseur a renvoyé autre chose qu’une vidéo, le bot ne l’a donc pas publiée.',
  'ending.noVideo': 'Le fournisseur a terminé la tâche mais n’a renvoyé aucune vidéo.',
  'ending.providerFailedBecause': 'Le fournisseur n’a pas pu créer cette vidéo : {reason}',
  'ending.providerFailed': 'Le fournisseur n’a pas pu créer cette vidéo.',
  'ending.notFound':
    'Le fournisseur ne connaît plus cette tâche (son enregistrement a expiré), son résultat ne peut donc pas être récupéré.',
  'ending.cancelledBeforeSubmit': 'Votre vidéo a été annulée avant d’être envoyée au fournisseur.',
  'ending.cancelledInQueue': 'Votre vidéo a été annulée pendant qu’elle attendait dans la file ; elle n’a pas été facturée.',
  'ending.cancelledAtProvider': 'Votre vidéo a été annulée chez le fournisseur.',
  'ending.queueTimeout':
    'Votre vidéo a attendu plus de {minutes, number} minutes dans la file du fournisseur, le bot l’a donc annulée ; elle n’a pas été facturée.',
  'ending.timedOut': 'Le fournisseur n’a pas terminé cette vidéo en {minutes, number} minutes, le bot a donc cessé d’attendre.',
  'ending.waitedTooLong':
    'Votre vidéo a attendu plus de {minutes, number} minutes dans la file d’attente de ce serveur, le bot l’a donc annulée ; rien n’a été envoyé ni facturé.',

  'state.removed': '🗑️ Retirée par son auteur ou un modérateur',
  'state.sending': '⏳ Envoi au fournisseur…',
  'state.queued': '🕒 Dans la file',
  'state.queuedNext': '🕒 Dans la file, la prochaine',
  'state.queuedAt': '🕒 Dans la file, position {position, number}',
  'state.waiting': '🧍 En attente dans la file de ce serveur',
  'state.waitingAt': '🧍 En attente : {position, selectordinal, one {#re} other {#e}} dans la file de ce serveur',
  'state.rendering': '🎬 Rendu en cours',
  'state.renderingFor': '🎬 Rendu en cours depuis {elapsed}',
  'state.cannotCancelNote': ' (rendu déjà commencé : elle ne peut plus être annulée et sera facturée)',
  'state.done': '✅ Terminée',
  'state.failed': '❌ Échec : {reason}',
  'state.unknownReason': 'raison inconnue',
  'state.cancelled': 'Annulée',
  'state.timedOut': 'Délai dépassé',
  'state.outcomeUnknown': 'Résultat inconnu',

  'final.cancelled': 'Votre vidéo a été annulée.',
  'final.timedOut': 'Votre vidéo a dépassé le délai.',
  'final.outcomeUnknown': 'on ne sait pas si le fournisseur a accepté cette tâche.',
  'final.failed': 'votre vidéo n’a pas pu être créée. {reason}',

  'cancel.cancelled': 'Annulée. Elle attendait encore dans la file, elle ne sera donc pas facturée.',
  'cancel.notCancellable': 'Trop tard pour annuler : le fournisseur fait déjà le rendu de cette vidéo, elle sera terminée et facturée.',
  'cancel.alreadyFinished': 'Cette vidéo est déjà terminée, il n’y a rien à annuler.',
  'cancel.submitting': 'Cette vidéo est en cours d’envoi au fournisseur ; réessayez dans un instant.',
  'cancel.notFound': 'Cette tâche n’existe plus.',

  'refusal.notInServer': 'Je ne fonctionne que sur des serveurs.',
  'refusal.notInServerChannel': 'Les vidéos ne peuvent être créées que dans un salon de serveur.',
  'refusal.unknownSubcommand': 'Sous-commande inconnue.',
  'refusal.foreignButton': 'Ce bouton n’appartient à aucune tâche de ce serveur.',
  'refusal.foreignForm': 'Ce formulaire ne vient pas de moi.',
  'refusal.cancelNotOwner':
    'Ce n’est pas votre vidéo, vous ne pouvez donc pas l’annuler. Seul le membre qui l’a demandée ou un modérateur le peut.',
  'refusal.retryNotOwner':
    'Seul le membre qui a demandé cette vidéo (ou un modérateur) peut la relancer ; « Modifier et relancer » crée votre propre version.',
  'refusal.retryWrongState': 'Seule une vidéo échouée ou annulée peut être relancée ; utilisez « Remix » pour une variante.',
  'refusal.remixRemoved': 'Cette vidéo a été retirée par son auteur ou un modérateur, elle ne peut donc pas être remixée.',
  'refusal.remixModelUnknown':
    'Cette vidéo a été faite avec un modèle que cette version du bot ne connaît pas, elle ne peut donc pas être remixée ici.',
  'refusal.remixParentGone': 'La vidéo que vous remixez n’existe plus.',
  'refusal.remixChannelClosed':
    'Cette vidéo a été créée dans un salon que vous ne pouvez pas voir ou où vous ne pouvez pas écrire, son remix ne peut donc pas y être créé. Utilisez `/video create` dans un salon où vous pouvez écrire ; rien n’a été envoyé ni facturé.',
  'refusal.shareNotOwner': 'Seul le membre qui a créé cette vidéo (ou un modérateur) peut la partager.',
  'refusal.deleteNotOwner': 'Seul le membre qui a créé cette vidéo ou un modérateur peut la supprimer.',
  'refusal.deleteChanged': 'Cette vidéo a changé entre-temps ; réessayez.',
  'refusal.manageServerOnly': 'Seuls les membres ayant la permission Gérer le serveur peuvent modifier les réglages du bot vidéo.',
  'refusal.pickChannel': 'Choisissez un salon pour cette action.',
  'refusal.givePhrase': 'Indiquez l’expression pour cette action.',
  'refusal.unknownSetting': 'Réglage inconnu.',
  'refusal.cannotPostHere':
    'Je ne peux pas envoyer de messages dans ce salon, je n’ai donc pas lancé votre vidéo. Demandez à un modérateur de m’y autoriser, ou essayez un autre salon.',

  'start.queued': 'Votre vidéo est dans la file (environ {estimate}). Je la publierai dans {place} quand elle sera prête.',
  'start.waiting':
    'Ce serveur a atteint sa limite de vidéos en cours, la vôtre attend donc dans sa file ; environ {estimate} sont réservés sur votre budget. Elle démarre dès qu’une place se libère, et je la publierai dans {place} quand elle sera prête. L’annuler ne coûte rien tant qu’elle attend.',
  'start.waitingAt':
    'Ce serveur a atteint sa limite de vidéos en cours, la vôtre attend donc dans sa file ({position, selectordinal, one {#re} other {#e}}) ; environ {estimate} sont réservés sur votre budget. Elle démarre dès qu’une place se libère, et je la publierai dans {place} quand elle sera prête. L’annuler ne coûte rien tant qu’elle attend.',
  'start.thisChannel': 'ce salon',
  'start.notStarted': 'Votre vidéo n’a pas pu être lancée.',

  'share.noShowcase': 'Ce serveur n’a pas de salon vitrine ; un gestionnaire peut en définir un avec `/video-settings showcase`.',
  'share.notFinished': 'Seule une vidéo terminée peut être partagée.',
  'share.inProgress': 'Cette vidéo est en cours de partage.',
  'share.deletedMeanwhile': 'Cette vidéo a été supprimée entre-temps, elle n’a donc pas été partagée.',
  'share.fileGone':
    'Le fichier vidéo n’est plus disponible (le lien du fournisseur a expiré et il n’est pas dans le cache du bot), il ne peut donc pas être partagé.',
  'share.tooLarge': 'La vidéo dépasse la limite d’envoi de ce serveur, elle ne peut donc pas être renvoyée dans la vitrine.',
  'share.tooLargeLimit':
    'Cette vidéo dépasse la limite d’envoi de ce serveur ({limit}), elle ne peut donc pas être renvoyée dans la vitrine.',
  'share.cannotPost': 'Je ne peux pas publier dans {channel} ; demandez à un gestionnaire de vérifier mes permissions là-bas.',
  'share.shared': 'Partagée dans {channel} : {link}',
  'gif.caption': 'Un GIF de cette vidéo, pour {member}.',
  'gif.posted': 'Le GIF est publié : {link}',
  'gif.notOwner': 'Seul le membre qui a créé cette vidéo (ou un modérateur) peut en faire un GIF.',
  'gif.notFinished': 'Seule une vidéo terminée peut devenir un GIF.',
  'gif.fileGone': 'Le fichier de la vidéo n’est plus disponible (le lien du fournisseur a expiré) : impossible d’en faire un GIF.',
  'gif.tooLarge':
    'Même un petit GIF de cette vidéo dépasse la limite d’envoi de ce serveur ({limit}) : elle est trop longue pour un GIF ici.',
  'gif.failed': 'Le GIF n’a pas pu être créé à partir de cette vidéo. Réessayez plus tard.',
  'gif.cannotPost': 'Je ne peux pas publier de fichiers dans le fil ou le salon de cette vidéo, le GIF n’a donc pas été publié.',
  'share.already': 'Déjà dans la vitrine : {link}',
  'share.postContent': '🎬 Une vidéo de {member}',

  'delete.done': 'Supprimée : la vidéo et sa publication dans la vitrine ont disparu.',
  'delete.partly':
    'Supprimée du bot, mais Discord ne m’a pas laissé retirer tous les messages (le fil est peut-être verrouillé) ; un modérateur peut supprimer le reste.',
  'delete.threadName': '🎬 vidéo retirée',

  'failure.somethingWrong': 'Un problème est survenu de mon côté ; rien n’a été perdu. Réessayez dans un instant.',
  'failure.restarting': 'Le bot redémarre ; réessayez dans quelques secondes.',

  'listing.removedPrompt': '(retiré)',
  'listing.recentTitle': '**Vos vidéos récentes**',
  'listing.none': 'Vous n’avez pas encore créé de vidéo ici. Essayez `/video create`.',
  'listing.noSuchJob': 'Il n’y a pas de tâche {job} sur ce serveur.',
  'listing.jobTitle': '**Tâche {job}** de {member}',
  'listing.about': 'environ {amount}',
  'listing.thread': 'Fil : {thread}',
  'listing.message': 'Message : {link}',

  'usage.title': '**Votre utilisation aujourd’hui** (jour UTC)',
  'usage.noLimit': '{spent} (sans limite)',
  'usage.against': '{spent} sur {budget} ({left} restants)',
  'usage.you': 'Vous : {value}',
  'usage.server': 'Tout le serveur : {value}',
  'usage.videos': 'Vos vidéos aujourd’hui : {states}',
  'usage.none': 'aucune',
  'usage.inProgress': 'En cours : {count, number} sur {max, number} autorisées à la fois',
  'usage.line': 'En attente dans la file de ce serveur : {count, number} (dont les vôtres : {mine, number})',
  'usage.resets': 'Les budgets se réinitialisent à 00:00 UTC, dans {time}.',
  'usage.stateCount': '{count, number} {state}',
  'jobState.waiting': 'en attente dans la file',
  'jobState.created': 'créée',
  'jobState.submitting': 'en envoi',
  'jobState.queued': 'en file',
  'jobState.running': 'en rendu',
  'jobState.succeeded': 'terminée',
  'jobState.failed': 'échouée',
  'jobState.cancelled': 'annulée',
  'jobState.timed_out': 'délai dépassé',
  'jobState.outcome_unknown': 'résultat inconnu',

  'help.title': '**Créer des vidéos avec Kling 3.0 Pro**',
  'help.create':
    '• `/video create prompt:…` décrit une scène : sujet, action, caméra et ambiance, jusqu’à {maxChars, number} caractères. Les options règlent la durée ({min}–{max} s), le cadre (16:9, 9:16, 1:1), le son et ce qu’il faut éviter.',
  'help.multishot':
    '• `/video multishot` ouvre un formulaire : un plan par ligne sous la forme `secondes | prompt`, par exemple `5 | un renard court dans la neige`. La vidéo dure autant que ses plans.',
  'help.card':
    '• Je publie une carte de statut avec un bouton Annuler et j’ouvre un fil pour elle ; la vidéo arrive dans le fil. L’annulation fonctionne tant que la vidéo attend dans la file ; une fois le rendu commencé, elle est facturée.',
  'help.actions':
    '• Les vidéos terminées peuvent être partagées dans la vitrine, remixées (un formulaire avec le prompt prérempli) ou supprimées ; les vidéos échouées peuvent être relancées.',
  'help.cost':
    '• Coût : environ {withSound} par seconde avec son, {withoutSound} sans. `/video usage` montre les dépenses du jour, `/video jobs` vos vidéos récentes.',
  'help.preferences':
    '• `/video preferences set` garde vos propres valeurs par défaut (durée, cadre, son) et peut aussi envoyer les vidéos terminées dans vos messages privés.',
  'help.rendering': 'Le rendu prend généralement de 2 à 10 minutes.',
  'help.animateButton': 'Animer une image',

  'form.multishotTitle': 'Vidéo en plusieurs plans',
  'form.remixTitle': 'Remixer cette vidéo',
  'form.promptLabel': 'Prompt (toute la vidéo)',
  'form.promptPlaceholder': 'Une rue néon sous la pluie, la nuit, cinématique',
  'form.shotsLabel': 'Plans : un par ligne, « secondes | prompt »',
  'form.shotsPlaceholder': '5 | plan large de la rue\n5 | gros plan sur un chat à une fenêtre',
  'form.negativeLabel': 'Prompt négatif',
  'form.negativePlaceholder': 'flou, texte, filigrane',
  'form.animateTitle': 'Animer avec Kling',
  'form.uploadTitle': 'Animer une image',
  'form.shotsDescription': 'Les plans dans l’ordre, chacun avec sa durée ; la vidéo dure autant qu’eux',
  'form.durationLabel': 'Durée en secondes',
  'form.aspectRatioLabel': 'Format d’image',
  'form.soundLabel': 'Son',
  'form.cfgScaleLabel': 'Échelle CFG',
  'form.cfgScalePlaceholder': 'un nombre de 0 à 1, par exemple 0,5',
  'form.imageLabel': 'Image (la première image)',
  'form.endImageLabel': 'Image de fin (facultatif)',
  'form.notInForm': 'Absent de ce formulaire ({source}) : {list}',
  'form.kept': 'repris de l’original',
  'form.defaults': 'par défaut',
  'form.on': 'activé',
  'form.off': 'désactivé',
  'form.none': 'aucun',
  'form.imageMissing':
    'Aucune image n’accompagnait le formulaire, rien n’a été envoyé. Rouvrez le formulaire et ajoutez un JPEG ou un PNG.',

  'settings.saved': 'Enregistré.',
  'settings.title': '**Réglages du bot vidéo**',
  'settings.none': 'aucun',
  'settings.everywhere': 'partout',
  'settings.noLimit': 'sans limite',
  'settings.on': 'activé',
  'settings.off': 'désactivé',
  'settings.showcase': 'Salon vitrine : {value}',
  'settings.autoShare': 'Partage automatique des vidéos terminées : {value}',
  'settings.channels': 'Salons autorisés : {value}',
  'settings.role': 'Rôle requis : {value}',
  'settings.blocked': 'Expressions bloquées : {value}',
  'settings.concurrent': 'Vidéos en cours par membre : {count, number}',
  'settings.serverConcurrent': 'Vidéos en cours pour le serveur : {count, number}',
  'settings.lineOff': 'File d’attente : désactivée (une vidéo au-delà d’une limite est refusée)',
  'settings.line': 'File d’attente : jusqu’à {count, number} par membre, chacune pendant {time} au plus',
  'settings.memberBudget': 'Budget quotidien par membre : {value}',
  'settings.serverBudget': 'Budget quotidien du serveur : {value}',
  'settings.language': 'Langue des messages publics : {value}',
  'settings.languageAuto': 'la langue Discord du serveur ({language})',

  'card.removedTitle': 'Vidéo retirée',
  'card.requestedBy': 'Demandée par',
  'card.settings': 'Réglages',
  'card.cost': 'Coût',
  'card.avoid': 'À éviter',
  'card.status': 'Statut',
  'card.titleNew': 'Vidéo',
  'card.titleRemix': 'Remix vidéo',
  'card.titleRetry': 'Vidéo (nouvel essai)',
  'card.footer': 'Tâche {job}',
  'card.estimated': '{cost} (estimé {estimate})',
  'card.line': '**{label} :** {value}',
  'input.seconds': '{seconds} s',
  'input.soundOn': 'avec son',
  'input.soundOff': 'sans son',
  'input.cfg': 'cfg {value}',
  'input.shots': '{count, plural, one {# plan} other {# plans}}',

  'fetch.badUrl': 'Le lien vidéo du service vidéo n’est pas un lien web que le bot peut récupérer.',
  'fetch.notVideo': 'Le service vidéo a renvoyé autre chose qu’une vidéo.',
  'fetch.tooLarge': 'La vidéo est trop volumineuse pour être envoyée ici.',
  'fetch.expired': 'Le lien vidéo a expiré.',
  'fetch.httpError': 'La vidéo n’a pas pu être récupérée auprès du service vidéo.',
  'fetch.timeout': 'La récupération de la vidéo a pris trop de temps.',
  'fetch.network': 'La vidéo n’a pas pu être récupérée à cause d’un problème réseau.',

  'delivery.ready': '{member} votre vidéo est prête !',
  'delivery.tooLargeSized':
    '{member} votre vidéo est prête ! Elle est trop volumineuse pour être envoyée ici ({size}la limite de ce serveur est {limit}), voici donc le lien du fournisseur ; il expire, enregistrez le fichier rapidement :',
  'delivery.fitted':
    'Compressée pour tenir dans la limite d’envoi de ce serveur ({from} → {to}). La vidéo en pleine qualité est au lien du fournisseur, qui expire {expiry} :',
  'delivery.expiresUnknown': 'sans préavis ; enregistrez-la vite',
  'delivery.tooLargeSize': '{size}, ',
  'delivery.tooLarge':
    '{member} votre vidéo est prête ! Elle est trop volumineuse pour être envoyée ici, voici donc le lien du fournisseur ; il expire, enregistrez le fichier rapidement :',
  'delivery.noUpload':
    '{member} votre vidéo est prête, mais je ne peux pas envoyer de fichiers ici, voici donc le lien du fournisseur ; il expire, enregistrez le fichier rapidement :',
  'delivery.cannotFetch': '{member} votre vidéo a été créée, mais le bot n’a pas pu la récupérer : {problem}',
  'delivery.linkTooLong':
    '(Le lien du fournisseur fait {length, number} caractères, plus qu’un message Discord ne peut en contenir, je ne peux donc pas le publier.)',
  'delivery.dm': 'Votre vidéo de {server} est prête : {link}',
  'delivery.dmRefused':
    'Je n’ai pas pu envoyer votre dernière vidéo en message privé (Discord a refusé : vos MP sont fermés pour ce serveur ou pour moi). Elle est dans son fil comme d’habitude ; ouvrez vos MP, ou choisissez `delivery: thread` dans `/video preferences set`.',

  'button.cancel': 'Annuler',
  'button.cannotCancel': 'Rendu en cours : annulation impossible',
  'button.share': 'Partager dans la vitrine',
  'button.shared': 'Partagée dans la vitrine',
  'button.remix': 'Remixer',
  'button.gif': 'GIF',
  'button.delete': 'Supprimer',
  'button.retry': 'Relancer',
  'button.retried': 'Relancée',
  'button.editAndRetry': 'Modifier et relancer',

  'preferences.title': '**Vos préférences sur ce serveur**',
  'preferences.saved': 'Enregistré.',
  'preferences.cleared': 'Vos préférences sur ce serveur sont effacées ; les valeurs par défaut du serveur s’appliquent.',
  'preferences.duration': 'Durée : {value}',
  'preferences.aspectRatio': 'Cadre : {value}',
  'preferences.sound': 'Son : {value}',
  'preferences.delivery': 'Vidéos terminées : {value}',
  'preferences.default': '{value} (par défaut)',
  'preferences.deliveryThread': 'dans leur fil',
  'preferences.deliveryDm': 'dans leur fil et dans vos messages privés',
  'preferences.hint': 'Elles s’appliquent quand vous omettez une option de `/video create` ; la carte montre les valeurs utilisées.',
  'fetch.notImage': 'Le fichier n’est pas une image.',
  'ending.imageUnavailable':
    'L’image de cette vidéo n’a pas pu être transmise au fournisseur (sa copie a disparu ou son lien n’a pas pu être renouvelé) ; rien n’a été envoyé ni facturé.',
  'input.fromImage': 'format de l’image',
  'image.start': 'Ton image',
  'image.end': 'Ton image de fin',
  'image.notImage': '{image} n’est pas une image. Joins un fichier JPEG ou PNG.',
  'image.wrongType':
    '{image} est un fichier {type} ; ce modèle n’accepte que {allowed}. Enregistre-la dans l’un de ces formats et réessaie.',
  'image.tooLarge': '{image} pèse {size} ; la limite est de {max}. Réduis-la et réessaie.',
  'image.tooSmall': '{image} fait {width}×{height} pixels ; chaque côté doit faire au moins {min} pixels. Utilise une image plus grande.',
  'image.tooNarrow':
    '{image} fait {width}×{height} pixels : trop haute pour sa largeur. Son format doit être compris entre 1:{ratio} et {ratio}:1 ; recadre-la et réessaie.',
  'image.tooWide':
    '{image} fait {width}×{height} pixels : trop large pour sa hauteur. Son format doit être compris entre 1:{ratio} et {ratio}:1 ; recadre-la et réessaie.',
  'image.endWithShots': 'Une image de fin ne peut pas être combinée avec des plans. Retire l’image de fin ou les plans.',
  'image.unreadable': '{image} n’a pas pu être lue depuis Discord. Envoie-la à nouveau et réessaie.',
  'image.noImage':
    'Ce message ne contient aucune image à animer. Utilise « Animate with Kling » sur un message avec une image JPEG ou PNG.',
  'image.messageGone': 'Le message avec l’image a disparu ou est hors de portée du bot, donc rien n’a été envoyé.',
  'image.endWithoutStart':
    'Une image de fin demande une première image : joins aussi `image`, ou laisse les deux de côté et envoie-les dans le formulaire.',
  'help.animate':
    '**/video animate** transforme une image en vidéo : joins un JPEG ou un PNG (au moins {min} pixels de côté, au plus {max}) et décris le mouvement ; une image de fin est facultative. Ou utilise **Applications → Animate with Kling** sur un message avec une image. Sans image, la commande (ou le bouton **Animer une image** ci-dessous) ouvre un formulaire pour en envoyer une.',
  'help.animateCost': 'À partir d’une image : {withSound} par seconde avec le son, {withoutSound} sans.',
  'listing.model': 'Modèle : {model}',
} as const satisfies Catalogue;
