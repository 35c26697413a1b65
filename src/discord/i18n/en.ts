/**
 * The English catalogue: every sentence a member reads, as ICU MessageFormat, keyed by kind. It
 * is the source of the keys; each other catalogue must have the same keys with the same
 * placeholders (a test checks). Mentions, links and ids arrive as placeholders already written,
 * so no catalogue holds Discord's markup and a translator cannot break a mention.
 */
export const en = {
  'list.more': '{list} and {count, number} more',
  'list.joinMore': '… and {count, number} more',

  'place.prompt': 'your prompt',
  'place.negativePrompt': 'your negative prompt',
  'place.shot': 'the prompt of shot {shot, number}',

  'time.minutes': '{minutes} min',
  'time.hours': '{hours} h',
  'time.hoursMinutes': '{hours} h {minutes} min',
  'elapsed.seconds': '{seconds}s',
  'elapsed.minutesSeconds': '{minutes}m {seconds}s',
  'elapsed.hoursMinutes': '{hours}h {minutes}m',

  'admission.channel': "Videos can't be made in this channel. Use {channels} instead.",
  'admission.role': 'You need the {role} role to make videos on this server. Ask a moderator if you think you should have it.',
  'admission.blocked': 'Your video was not started: {place} contains "{phrase}", which is blocked on this server. Reword it and try again.',
  'admission.alreadyRetried': 'This video was already retried: job {job}.',
  'admission.concurrency':
    'You already have {count, plural, one {# video} other {# videos}} in progress; the limit here is {limit, number}. One frees up when a video finishes.',
  'admission.serverBusy':
    'This server already has {count, plural, one {# video} other {# videos}} in progress, its limit, and keeps no waiting line. Try again when one finishes.',
  'admission.lineFull':
    "You already have {count, plural, one {# video} other {# videos}} waiting in this server's line, its limit. Your next one can join when one of them starts.",
  'admission.resets': 'resets at 00:00 UTC, in {time}',
  'admission.serverNoBudget': 'This server has no budget for videos (its daily budget is $0). Ask a moderator.',
  'admission.serverBudget':
    "This video is estimated at {estimate}, and this server has spent {spent} today of its daily budget of {budget}. The server's budget {resets}.",
  'admission.memberNoBudget': 'Members have no budget for videos on this server (the daily budget per member is $0). Ask a moderator.',
  'admission.memberHint': ' You have {left} left today; a shorter video, or one without sound, costs less.',
  'admission.memberBudget':
    'This video is estimated at {estimate}, and you have spent {spent} today of your daily budget of {budget} on this server.{hint} Your budget {resets}.',

  'submit.auth': "The video service refused the bot's credentials. The bot's operator must fix its RunComfy token or settings.",
  'submit.balance': "The bot's video service account is out of credit. The bot's operator needs to top it up.",
  'submit.inputRejected': 'The video service rejected this request.',
  'submit.rateLimited': 'The video service is busy right now. Try again in a minute.',
  'submit.unavailable': 'The video service is having trouble. Try again later.',
  'submit.malformed': 'The video service sent an answer the bot could not understand. Try again later.',
  'submit.failed': 'The video provider could not take this job. Try again in a few minutes.',

  'ending.startFailed': 'The bot hit an error while starting this video; nothing was sent to the provider. Please try again.',
  'ending.cannotPost': 'The bot cannot post messages in this channel.',
  'ending.outcomeUnknown':
    'The connection to the video provider broke while this job was being submitted, so it is not known whether the provider accepted it. It was not sent again, to avoid paying twice. If no video arrives, try again.',
  'ending.notAVideo': 'The provider returned something that is not a video, so the bot did not post it.',
  'ending.noVideo': 'The provider finished the job but returned no video.',
  'ending.providerFailedBecause': 'The provider could not make this video: {reason}',
  'ending.providerFailed': 'The provider could not make this video.',
  'ending.notFound': 'The provider no longer knows this job (its record expired), so its result cannot be fetched.',
  'ending.cancelledBeforeSubmit': 'Your video was cancelled before it was sent to the provider.',
  'ending.cancelledInQueue': 'Your video was cancelled while it waited in the queue; it was not billed.',
  'ending.cancelledAtProvider': 'Your video was cancelled at the provider.',
  'ending.queueTimeout':
    "Your video waited more than {minutes, number} minutes in the provider's queue, so the bot cancelled it; it was not billed.",
  'ending.timedOut': 'The provider did not finish this video within {minutes, number} minutes, so the bot stopped waiting.',
  'ending.waitedTooLong':
    "Your video waited more than {minutes, number} minutes in this server's line, so the bot cancelled it; nothing was sent or billed.",

  'state.removed': '🗑️ Removed by its maker or a moderator',
  'state.sending': '⏳ Sending to the provider…',
  'state.queued': '🕒 In the queue',
  'state.queuedNext': '🕒 In the queue, next up',
  'state.queuedAt': '🕒 In the queue, position {position, number}',
  'state.waiting': "🧍 Waiting in this server's line",
  'state.waitingAt': "🧍 Waiting: {position, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} in this server's line",
  'state.rendering': '🎬 Rendering',
  'state.renderingFor': '🎬 Rendering for {elapsed}',
  'state.cannotCancelNote': ' (already rendering: it can no longer be cancelled and will be billed)',
  'state.done': '✅ Done',
  'state.failed': '❌ Failed: {reason}',
  'state.unknownReason': 'unknown reason',
  'state.cancelled': 'Cancelled',
  'state.timedOut': 'Timed out',
  'state.outcomeUnknown': 'Outcome unknown',

  'final.cancelled': 'Your video was cancelled.',
  'final.timedOut': 'Your video timed out.',
  'final.outcomeUnknown': 'it is not known whether the provider accepted this job.',
  'final.failed': 'your video could not be made. {reason}',

  'cancel.cancelled': 'Cancelled. It was still waiting in the queue, so it will not be billed.',
  'cancel.notCancellable': 'Too late to cancel: the provider is already rendering this video, so it will finish and be billed.',
  'cancel.alreadyFinished': 'This video has already finished, so there is nothing to cancel.',
  'cancel.submitting': 'This video is being sent to the provider right now; try again in a moment.',
  'cancel.notFound': 'That job no longer exists.',

  'refusal.notInServer': 'I work in servers only.',
  'refusal.notInServerChannel': 'Videos can only be made in a server channel.',
  'refusal.unknownSubcommand': 'Unknown subcommand.',
  'refusal.foreignButton': 'That button does not belong to a job in this server.',
  'refusal.foreignForm': 'That form is not one of mine.',
  'refusal.cancelNotOwner': 'This is not your video, so you cannot cancel it. Only the member who asked for it or a moderator can.',
  'refusal.retryNotOwner': 'Only the member who asked for this video (or a moderator) can retry it; Edit & retry makes your own version.',
  'refusal.retryWrongState': 'Only a failed or cancelled video can be retried; use Remix to make a variation.',
  'refusal.remixRemoved': 'This video was removed by its maker or a moderator, so it cannot be remixed.',
  'refusal.remixModelUnknown': 'This video was made with a model this version of the bot does not know, so it cannot be remixed here.',
  'refusal.remixParentGone': 'The video you are remixing no longer exists.',
  'refusal.remixChannelClosed':
    'This video was made in a channel you cannot see or post in, so its remix cannot be made there. Use `/video create` in a channel where you can post; nothing was sent or billed.',
  'refusal.shareNotOwner': 'Only the member who made this video (or a moderator) can share it.',
  'refusal.deleteNotOwner': 'Only the member who made this video or a moderator can delete it.',
  'refusal.deleteChanged': 'That video changed meanwhile; try again.',
  'refusal.manageServerOnly': 'Only members with the Manage Server permission can change the video bot’s settings.',
  'refusal.pickChannel': 'Pick a channel for that action.',
  'refusal.givePhrase': 'Give the phrase for that action.',
  'refusal.unknownSetting': 'Unknown setting.',
  'refusal.cannotPostHere':
    'I cannot post messages in this channel, so I did not start your video. Ask a moderator to let me send messages here, or try another channel.',

  'start.queued': 'Your video is in the queue (about {estimate}). I will post it in {place} when it is ready.',
  'start.waiting':
    'This server is at its limit of videos in progress, so yours waits in its line; about {estimate} is set aside from your budget. It starts when a slot frees, and I will post it in {place} when it is ready. Cancel costs nothing while it waits.',
  'start.waitingAt':
    'This server is at its limit of videos in progress, so yours waits in its line ({position, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}); about {estimate} is set aside from your budget. It starts when a slot frees, and I will post it in {place} when it is ready. Cancel costs nothing while it waits.',
  'start.thisChannel': 'this channel',
  'start.notStarted': 'Your video could not be started.',

  'share.noShowcase': 'This server has no showcase channel; a manager can set one with `/video-settings showcase`.',
  'share.notFinished': 'Only a finished video can be shared.',
  'share.inProgress': 'This video is being shared right now.',
  'share.deletedMeanwhile': 'This video was deleted meanwhile, so it was not shared.',
  'share.fileGone':
    'The video file is no longer available (the provider’s link has expired and it is not in the bot’s cache), so it cannot be shared.',
  'share.tooLarge': 'The video is larger than this server’s upload limit, so it cannot be re-uploaded to the showcase.',
  'share.tooLargeLimit': "This video is larger than this server's upload limit ({limit}), so it cannot be re-uploaded to the showcase.",
  'share.cannotPost': 'I cannot post in {channel}; ask a manager to check my permissions there.',
  'share.shared': 'Shared to {channel}: {link}',
  'share.already': 'Already in the showcase: {link}',
  'share.postContent': '🎬 A video by {member}',

  'delete.done': 'Deleted: the video and its showcase post are gone.',
  'delete.partly':
    'Deleted from the bot, but Discord would not let me remove every message (the thread may be locked); a moderator can delete what is left.',
  'delete.threadName': '🎬 removed video',

  'failure.somethingWrong': 'Something went wrong on my side; nothing was lost. Please try again in a moment.',
  'failure.restarting': 'The bot is restarting; try again in a few seconds.',

  'listing.removedPrompt': '(removed)',
  'listing.recentTitle': '**Your recent videos**',
  'listing.none': 'You have not made any videos here yet. Try `/video create`.',
  'listing.noSuchJob': 'There is no job {job} in this server.',
  'listing.jobTitle': '**Job {job}** by {member}',
  'listing.about': 'about {amount}',
  'listing.thread': 'Thread: {thread}',
  'listing.message': 'Message: {link}',

  'usage.title': '**Your usage today** (UTC day)',
  'usage.noLimit': '{spent} (no limit)',
  'usage.against': '{spent} of {budget} ({left} left)',
  'usage.you': 'You: {value}',
  'usage.server': 'Whole server: {value}',
  'usage.videos': 'Your videos today: {states}',
  'usage.none': 'none',
  'usage.inProgress': 'In progress now: {count, number} of {max, number} allowed at once',
  'usage.line': "Waiting in this server's line: {count, number} (yours: {mine, number})",
  'usage.resets': 'Budgets reset at 00:00 UTC, in {time}.',
  'usage.stateCount': '{count, number} {state}',
  'jobState.waiting': 'waiting',
  'jobState.created': 'created',
  'jobState.submitting': 'submitting',
  'jobState.queued': 'queued',
  'jobState.running': 'running',
  'jobState.succeeded': 'succeeded',
  'jobState.failed': 'failed',
  'jobState.cancelled': 'cancelled',
  'jobState.timed_out': 'timed out',
  'jobState.outcome_unknown': 'outcome unknown',

  'help.title': '**Making videos with Kling 3.0 Pro**',
  'help.create':
    '• `/video create prompt:…` describes one scene: subject, action, camera and mood, up to {maxChars, number} characters. Options set the length ({min}–{max} s), the frame (16:9, 9:16, 1:1), sound, and what to avoid.',
  'help.multishot':
    '• `/video multishot` opens a form: one shot per line as `seconds | prompt`, for example `5 | a fox runs through snow`. The video lasts as long as its shots.',
  'help.card':
    '• I post a status card with a Cancel button and open a thread for it; the video arrives in the thread. Cancel works while the video waits in the queue; once it renders it is billed.',
  'help.actions':
    '• Finished videos can be shared to the showcase, remixed (a form with the prompt filled in) or deleted; failed ones can be retried.',
  'help.cost':
    "• Cost: about {withSound} a second with sound, {withoutSound} without. `/video usage` shows today's spending, `/video jobs` your recent videos.",
  'help.preferences':
    '• `/video preferences set` keeps your own defaults (length, frame, sound) and can also send finished videos to your direct messages.',
  'help.rendering': 'Rendering usually takes 2 to 10 minutes.',
  'help.animateButton': 'Animate a picture',

  'form.multishotTitle': 'Multi-shot video',
  'form.remixTitle': 'Remix this video',
  'form.promptLabel': 'Prompt (the whole video)',
  'form.promptPlaceholder': 'A rainy neon street at night, cinematic',
  'form.shotsLabel': 'Shots: one per line, "seconds | prompt"',
  'form.shotsPlaceholder': '5 | wide shot of the street\n5 | close-up on a cat in a window',
  'form.negativeLabel': 'Negative prompt',
  'form.negativePlaceholder': 'blurry, text, watermark',
  'form.animateTitle': 'Animate with Kling',
  'form.uploadTitle': 'Animate a picture',
  'form.shotsDescription': 'Shots in order, each with its own length; the video lasts as long as they do',
  'form.durationLabel': 'Length in seconds',
  'form.aspectRatioLabel': 'Frame shape',
  'form.soundLabel': 'Sound',
  'form.cfgScaleLabel': 'CFG scale',
  'form.cfgScalePlaceholder': 'a number from 0 to 1, such as 0.5',
  'form.imageLabel': 'Picture (the first frame)',
  'form.endImageLabel': 'End picture (optional)',
  'form.notInForm': 'Not in this form ({source}): {list}',
  'form.kept': 'kept from the original',
  'form.defaults': 'default',
  'form.on': 'on',
  'form.off': 'off',
  'form.none': 'none',
  'form.imageMissing': 'No picture came with the form, so nothing was sent. Open the form again and upload a JPEG or PNG.',

  'settings.saved': 'Saved.',
  'settings.title': '**Video bot settings**',
  'settings.none': 'none',
  'settings.everywhere': 'everywhere',
  'settings.noLimit': 'no limit',
  'settings.on': 'on',
  'settings.off': 'off',
  'settings.showcase': 'Showcase channel: {value}',
  'settings.autoShare': 'Auto-share finished videos: {value}',
  'settings.channels': 'Allowed channels: {value}',
  'settings.role': 'Required role: {value}',
  'settings.blocked': 'Blocked phrases: {value}',
  'settings.concurrent': 'Videos in progress per member: {count, number}',
  'settings.serverConcurrent': 'Videos in progress for the server: {count, number}',
  'settings.lineOff': 'Waiting line: off (a video over a limit is refused)',
  'settings.line': 'Waiting line: up to {count, number} per member, each for up to {time}',
  'settings.memberBudget': 'Daily budget per member: {value}',
  'settings.serverBudget': 'Daily budget for the server: {value}',
  'settings.language': 'Language of public messages: {value}',
  'settings.languageAuto': "the server's Discord language ({language})",

  'card.removedTitle': 'Video removed',
  'card.requestedBy': 'Requested by',
  'card.settings': 'Settings',
  'card.cost': 'Cost',
  'card.avoid': 'Avoid',
  'card.status': 'Status',
  'card.titleNew': 'Video',
  'card.titleRemix': 'Video remix',
  'card.titleRetry': 'Video (retry)',
  'card.footer': 'Job {job}',
  'card.estimated': '{cost} (estimated {estimate})',
  'card.line': '**{label}:** {value}',
  'input.seconds': '{seconds}s',
  'input.soundOn': 'sound on',
  'input.soundOff': 'no sound',
  'input.cfg': 'cfg {value}',
  'input.shots': '{count, plural, one {# shot} other {# shots}}',

  'fetch.badUrl': 'The video link from the video service is not a web link the bot can fetch.',
  'fetch.notVideo': 'The video service returned something that is not a video.',
  'fetch.tooLarge': 'The video is too large to upload here.',
  'fetch.expired': 'The video link has expired.',
  'fetch.httpError': 'The video could not be fetched from the video service.',
  'fetch.timeout': 'Fetching the video took too long.',
  'fetch.network': 'The video could not be fetched because of a network problem.',

  'delivery.ready': '{member} your video is ready!',
  'delivery.tooLargeSized':
    "{member} your video is ready! It is too large to upload here ({size}this server's limit is {limit}), so here is the provider's link; it expires, so save the file soon:",
  'delivery.tooLargeSize': '{size}, ',
  'delivery.tooLarge':
    "{member} your video is ready! It is too large to upload here, so here is the provider's link; it expires, so save the file soon:",
  'delivery.noUpload':
    "{member} your video is ready, but I may not upload files here, so here is the provider's link; it expires, so save the file soon:",
  'delivery.cannotFetch': '{member} your video was made, but the bot could not fetch it: {problem}',
  'delivery.linkTooLong':
    "(The provider's link is {length, number} characters long, more than a Discord message can hold, so I cannot post it.)",
  'delivery.dm': 'Your video from {server} is ready: {link}',
  'delivery.dmRefused':
    'I could not send your last video to your direct messages (Discord refused: your DMs are closed for this server or for me). It is in its thread as usual; open your DMs, or choose `delivery: thread` in `/video preferences set`.',

  'button.cancel': 'Cancel',
  'button.cannotCancel': 'Rendering: can no longer cancel',
  'button.share': 'Share to showcase',
  'button.shared': 'Shared to showcase',
  'button.remix': 'Remix',
  'button.delete': 'Delete',
  'button.retry': 'Retry',
  'button.retried': 'Retried',
  'button.editAndRetry': 'Edit & retry',

  'preferences.title': '**Your preferences on this server**',
  'preferences.saved': 'Saved.',
  'preferences.cleared': 'Your preferences on this server are cleared; the server defaults apply.',
  'preferences.duration': 'Length: {value}',
  'preferences.aspectRatio': 'Frame: {value}',
  'preferences.sound': 'Sound: {value}',
  'preferences.delivery': 'Finished videos: {value}',
  'preferences.default': '{value} (default)',
  'preferences.deliveryThread': 'in their thread',
  'preferences.deliveryDm': 'in their thread and in your direct messages',
  'preferences.hint': 'They apply when you leave an option out of `/video create`; the card shows the values used.',
  'fetch.notImage': 'The file is not a picture.',
  'ending.imageUnavailable':
    'The picture for this video could not be handed to the provider (its copy is gone, or its link could not be renewed); nothing was sent or billed.',
  'input.fromImage': 'frame of the picture',
  'image.start': 'Your image',
  'image.end': 'Your end image',
  'image.notImage': '{image} is not a picture. Attach a JPEG or PNG file.',
  'image.wrongType': '{image} is a {type} file; this model takes {allowed} only. Save it in one of those and try again.',
  'image.tooLarge': '{image} is {size}; the limit is {max}. Make it smaller and try again.',
  'image.noPixels':
    '{image} has no pixels: its file says one side is 0 pixels long, so it is damaged or empty. Save it again as a JPEG or PNG, or use another picture.',
  'image.tooSmall': '{image} is {width}×{height} pixels; both sides must be at least {min} pixels. Use a larger picture.',
  'image.tooNarrow':
    '{image} is {width}×{height} pixels: too tall for its width. Its shape must lie between 1:{ratio} and {ratio}:1; crop it and try again.',
  'image.tooWide':
    '{image} is {width}×{height} pixels: too wide for its height. Its shape must lie between 1:{ratio} and {ratio}:1; crop it and try again.',
  'image.endWithShots': 'An end image cannot be combined with shots. Leave out the end image or the shots.',
  'image.unreadable': '{image} could not be read from Discord. Upload it again and try once more.',
  'image.noImage': 'That message has no picture to animate. Use Animate with Kling on a message with a JPEG or PNG image.',
  'image.formExpired':
    'That form has run out (a form answers for 15 minutes, once), so nothing was sent. Use Animate with Kling on the message again.',
  'image.formForeign':
    'That form was opened by another member or in another server, so nothing was sent. Use Animate with Kling on the message yourself.',
  'image.endWithoutStart': 'An end image needs a first image: attach `image` as well, or leave both out and upload them in the form.',
  'help.animate':
    '**/video animate** turns a picture into a video: attach a JPEG or PNG (at least {min} pixels a side, at most {max}) and describe the motion; an end image is optional. Or use **Apps → Animate with Kling** on any message with a picture. Without a picture, the command (or the **Animate a picture** button below) opens a form to upload one.',
  'help.animateCost': 'From a picture: {withSound} per second with sound, {withoutSound} without.',
  'listing.model': 'Model: {model}',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

/** A catalogue for another language: every key, nothing else. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
