/** Japanese. Same keys and placeholders as the English catalogue (a test checks). */
import type { Catalogue } from './en.js';

export const ja = {
  'list.more': '{list} ほか {count, number} 件',
  'list.joinMore': '… ほか {count, number} 件',

  'place.prompt': 'プロンプト',
  'place.negativePrompt': 'ネガティブプロンプト',
  'place.shot': 'ショット {shot, number} のプロンプト',

  'time.minutes': '{minutes} 分',
  'time.hours': '{hours} 時間',
  'time.hoursMinutes': '{hours} 時間 {minutes} 分',
  'elapsed.seconds': '{seconds} 秒',
  'elapsed.minutesSeconds': '{minutes} 分 {seconds} 秒',
  'elapsed.hoursMinutes': '{hours} 時間 {minutes} 分',

  'admission.channel': 'このチャンネルでは動画を作れません。{channels} を使ってください。',
  'admission.role': 'このサーバーで動画を作るには {role} ロールが必要です。持っているはずだと思う場合はモデレーターに相談してください。',
  'admission.blocked':
    '動画は開始されませんでした: {place} に、このサーバーで禁止されている「{phrase}」が含まれています。言い換えてもう一度お試しください。',
  'admission.alreadyRetried': 'この動画はすでに再試行されています: ジョブ {job}。',
  'admission.concurrency':
    'すでに {count, number} 本の動画を作成中です。ここでの上限は {limit, number} 本です。動画が完成すると枠が空きます。',
  'admission.serverBusy':
    'このサーバーではすでに {count, number} 本の動画を作成中で、上限に達しています。待ち行列はありません。どれかが完成してからもう一度お試しください。',
  'admission.lineFull':
    'このサーバーの待ち行列にはすでにあなたの動画が {count, number} 本あり、上限に達しています。どれかが始まると、次の動画を並べられます。',
  'admission.resets': 'は 00:00 UTC（あと {time}）にリセットされます',
  'admission.serverNoBudget': 'このサーバーには動画の予算がありません（1 日の予算が $0 です）。モデレーターに相談してください。',
  'admission.serverBudget':
    'この動画の見積もりは {estimate} で、このサーバーは今日、1 日の予算 {budget} のうち {spent} を使っています。サーバーの予算{resets}。',
  'admission.memberNoBudget':
    'このサーバーではメンバーに動画の予算がありません（メンバーごとの 1 日の予算が $0 です）。モデレーターに相談してください。',
  'admission.memberHint': ' 今日の残りは {left} です。短い動画や音なしの動画は安くなります。',
  'admission.memberBudget':
    'この動画の見積もりは {estimate} で、あなたは今日このサーバーで 1 日の予算 {budget} のうち {spent} を使っています。{hint} あなたの予算{resets}。',

  'submit.auth': '動画サービスがボットの認証情報を拒否しました。ボットの運営者が RunComfy のトークンか設定を直す必要があります。',
  'submit.balance': 'ボットの動画サービスのアカウントにクレジットがありません。ボットの運営者がチャージする必要があります。',
  'submit.inputRejected': '動画サービスがこのリクエストを拒否しました。',
  'submit.rateLimited': '動画サービスが混み合っています。1 分後にもう一度お試しください。',
  'submit.unavailable': '動画サービスに問題が起きています。しばらくしてからもう一度お試しください。',
  'submit.malformed': '動画サービスからボットが理解できない応答が届きました。しばらくしてからもう一度お試しください。',
  'submit.failed': '動画プロバイダーがこのジョブを受け付けられませんでした。数分後にもう一度お試しください。',

  'ending.startFailed': 'この動画の開始中にボットでエラーが起きました。プロバイダーには何も送信されていません。もう一度お試しください。',
  'ending.cannotPost': 'ボットはこのチャンネルにメッセージを投稿できません。',
  'ending.outcomeUnknown':
    'このジョブの送信中に動画プロバイダーとの接続が切れたため、プロバイダーが受け付けたかどうかわかりません。二重に支払わないよう、再送信はしていません。動画が届かない場合はもう一度お試しください。',
  'ending.notAVideo': 'プロバイダーが動画ではないものを返したため、ボットは投稿しませんでした。',
  'ending.noVideo': 'プロバイダーはジョブを終えましたが、動画を返しませんでした。',
  'ending.providerFailedBecause': 'プロバイダーはこの動画を作れませんでした: {reason}',
  'ending.providerFailed': 'プロバイダーはこの動画を作れませんでした。',
  'ending.notFound': 'プロバイダーにこのジョブの記録が残っていない（期限切れ）ため、結果を取得できません。',
  'ending.cancelledBeforeSubmit': '動画はプロバイダーに送信される前にキャンセルされました。',
  'ending.cancelledInQueue': '動画はキューで待っている間にキャンセルされました。料金はかかっていません。',
  'ending.cancelledAtProvider': '動画はプロバイダー側でキャンセルされました。',
  'ending.queueTimeout':
    '動画がプロバイダーのキューで {minutes, number} 分以上待ったため、ボットがキャンセルしました。料金はかかっていません。',
  'ending.timedOut': 'プロバイダーが {minutes, number} 分以内にこの動画を仕上げなかったため、ボットは待つのをやめました。',
  'ending.waitedTooLong':
    '動画がこのサーバーの待ち行列で {minutes, number} 分以上待ったため、ボットがキャンセルしました。送信も課金もされていません。',

  'state.removed': '🗑️ 作成者またはモデレーターが削除しました',
  'state.sending': '⏳ プロバイダーに送信中…',
  'state.queued': '🕒 キューで待機中',
  'state.queuedNext': '🕒 キューで待機中、次の番です',
  'state.queuedAt': '🕒 キューで待機中、{position, number} 番目',
  'state.waiting': '🧍 このサーバーの待ち行列で待機中',
  'state.waitingAt': '🧍 待機中：このサーバーの待ち行列で {position, number} 番目',
  'state.rendering': '🎬 レンダリング中',
  'state.renderingFor': '🎬 レンダリング中（{elapsed}）',
  'state.cannotCancelNote': '（レンダリング中のため、もうキャンセルできず、料金がかかります）',
  'state.done': '✅ 完了',
  'state.failed': '❌ 失敗: {reason}',
  'state.unknownReason': '原因不明',
  'state.cancelled': 'キャンセル済み',
  'state.timedOut': 'タイムアウト',
  'state.outcomeUnknown': '結果不明',

  'final.cancelled': '動画はキャンセルされました。',
  'final.timedOut': '動画はタイムアウトしました。',
  'final.outcomeUnknown': 'プロバイダーがこのジョブを受け付けたかどうかわかりません。',
  'final.failed': '動画を作れませんでした。{reason}',

  'cancel.cancelled': 'キャンセルしました。まだキューで待っていたので、料金はかかりません。',
  'cancel.notCancellable': 'キャンセルには遅すぎます。プロバイダーがすでにレンダリング中のため、完成して料金がかかります。',
  'cancel.alreadyFinished': 'この動画はすでに完了しているので、キャンセルするものはありません。',
  'cancel.submitting': 'この動画はいまプロバイダーに送信中です。少ししてからもう一度お試しください。',
  'cancel.notFound': 'そのジョブはもう存在しません。',

  'refusal.notInServer': 'サーバーの中でのみ動作します。',
  'refusal.notInServerChannel': '動画はサーバーのチャンネルでのみ作れます。',
  'refusal.unknownSubcommand': '不明なサブコマンドです。',
  'refusal.foreignButton': 'そのボタンはこのサーバーのジョブのものではありません。',
  'refusal.foreignForm': 'そのフォームは私のものではありません。',
  'refusal.cancelNotOwner':
    'これはあなたの動画ではないので、キャンセルできません。キャンセルできるのは依頼したメンバーかモデレーターだけです。',
  'refusal.retryNotOwner':
    'この動画を再試行できるのは依頼したメンバー（またはモデレーター）だけです。「編集して再試行」で自分のバージョンを作れます。',
  'refusal.retryWrongState':
    '再試行できるのは失敗またはキャンセルされた動画だけです。バリエーションを作るには「リミックス」を使ってください。',
  'refusal.remixRemoved': 'この動画は作成者またはモデレーターが削除したため、リミックスできません。',
  'refusal.remixModelUnknown': 'この動画はこのバージョンのボットが知らないモデルで作られたため、ここではリミックスできません。',
  'refusal.remixParentGone': 'リミックスしようとしている動画はもう存在しません。',
  'refusal.remixChannelClosed':
    'この動画はあなたが閲覧または投稿できないチャンネルで作られたため、そこではリミックスを作れません。投稿できるチャンネルで `/video create` を使ってください。何も送信・請求されていません。',
  'refusal.shareNotOwner': 'この動画を共有できるのは作成したメンバー（またはモデレーター）だけです。',
  'refusal.deleteNotOwner': 'この動画を削除できるのは作成したメンバーかモデレーターだけです。',
  'refusal.deleteChanged': 'その動画はその間に変わりました。もう一度お試しください。',
  'refusal.manageServerOnly': '動画ボットの設定を変更できるのは「サーバー管理」権限を持つメンバーだけです。',
  'refusal.pickChannel': 'その操作にはチャンネルを選んでください。',
  'refusal.givePhrase': 'その操作にはフレーズを指定してください。',
  'refusal.unknownSetting': '不明な設定です。',
  'refusal.cannotPostHere':
    'このチャンネルにはメッセージを投稿できないため、動画は開始しませんでした。ここでの送信を許可するようモデレーターに頼むか、別のチャンネルを試してください。',

  'start.queued': '動画はキューに入りました（約 {estimate}）。できあがったら {place} に投稿します。',
  'start.waiting':
    'このサーバーは同時作成数の上限に達しているため、動画は待ち行列に入りました。予算から約 {estimate} を確保しています。枠が空くと始まり、できあがったら {place} に投稿します。待っている間のキャンセルは無料です。',
  'start.waitingAt':
    'このサーバーは同時作成数の上限に達しているため、動画は待ち行列に入りました（{position, number} 番目）。予算から約 {estimate} を確保しています。枠が空くと始まり、できあがったら {place} に投稿します。待っている間のキャンセルは無料です。',
  'start.thisChannel': 'このチャンネル',
  'start.notStarted': '動画を開始できませんでした。',

  'share.noShowcase': 'このサーバーにはショーケースチャンネルがありません。管理者が `/video-settings showcase` で設定できます。',
  'share.notFinished': '共有できるのは完成した動画だけです。',
  'share.inProgress': 'この動画はいま共有中です。',
  'share.deletedMeanwhile': 'この動画はその間に削除されたため、共有されませんでした。',
  'share.fileGone':
    '動画ファイルはもう利用できません（プロバイダーのリンクが期限切れで、ボットのキャッシュにもありません）。そのため共有できません。',
  'share.tooLarge': '動画がこのサーバーのアップロード上限を超えているため、ショーケースに再アップロードできません。',
  'share.tooLargeLimit': 'この動画はこのサーバーのアップロード上限（{limit}）を超えているため、ショーケースに再アップロードできません。',
  'share.cannotPost': '{channel} に投稿できません。そこでの私の権限を確認するよう管理者に頼んでください。',
  'share.shared': '{channel} に共有しました: {link}',
  'share.already': 'すでにショーケースにあります: {link}',
  'share.postContent': '🎬 {member} さんの動画',

  'delete.done': '削除しました。動画とショーケースの投稿は消えました。',
  'delete.partly':
    'ボットからは削除しましたが、Discord がすべてのメッセージの削除を許可しませんでした（スレッドがロックされている可能性があります）。残りはモデレーターが削除できます。',
  'delete.threadName': '🎬 削除された動画',

  'failure.somethingWrong': 'こちら側で問題が起きました。何も失われていません。少ししてからもう一度お試しください。',
  'failure.restarting': 'ボットを再起動しています。数秒後にもう一度お試しください。',

  'listing.removedPrompt': '（削除済み）',
  'listing.recentTitle': '**最近の動画**',
  'listing.none': 'ここではまだ動画を作っていません。`/video create` を試してみてください。',
  'listing.noSuchJob': 'このサーバーにジョブ {job} はありません。',
  'listing.jobTitle': '**ジョブ {job}**（{member}）',
  'listing.about': '約 {amount}',
  'listing.thread': 'スレッド: {thread}',
  'listing.message': 'メッセージ: {link}',

  'usage.title': '**今日の利用状況**（UTC の日付）',
  'usage.noLimit': '{spent}（上限なし）',
  'usage.against': '{budget} のうち {spent}（残り {left}）',
  'usage.you': 'あなた: {value}',
  'usage.server': 'サーバー全体: {value}',
  'usage.videos': '今日の動画: {states}',
  'usage.none': 'なし',
  'usage.inProgress': '作成中: {count, number} 本（同時に {max, number} 本まで）',
  'usage.line': 'このサーバーの待ち行列: {count, number} 本（うちあなたの分: {mine, number} 本）',
  'usage.resets': '予算は 00:00 UTC（あと {time}）にリセットされます。',
  'usage.stateCount': '{state} {count, number}',
  'jobState.waiting': '待ち行列',
  'jobState.created': '作成',
  'jobState.submitting': '送信中',
  'jobState.queued': '待機中',
  'jobState.running': 'レンダリング中',
  'jobState.succeeded': '完了',
  'jobState.failed': '失敗',
  'jobState.cancelled': 'キャンセル',
  'jobState.timed_out': 'タイムアウト',
  'jobState.outcome_unknown': '結果不明',

  'help.title': '**Kling 3.0 Pro で動画を作る**',
  'help.create':
    '• `/video create prompt:…` で 1 つのシーンを描写します: 被写体、動き、カメラ、雰囲気を最大 {maxChars, number} 文字で。オプションで長さ（{min}〜{max} 秒）、画面比率（16:9、9:16、1:1）、音、避けたいものを指定できます。',
  'help.multishot':
    '• `/video multishot` はフォームを開きます: 1 行に 1 ショットを `秒数 | プロンプト` の形で、例えば `5 | 雪の中を走るキツネ`。動画の長さはショットの合計です。',
  'help.card':
    '• キャンセルボタン付きのステータスカードを投稿し、そのスレッドを作ります。動画はスレッドに届きます。キャンセルできるのはキューで待っている間だけで、レンダリングが始まると料金がかかります。',
  'help.actions':
    '• 完成した動画はショーケースへの共有、リミックス（プロンプト入りのフォーム）、削除ができ、失敗した動画は再試行できます。',
  'help.cost':
    '• 料金: 音ありで 1 秒あたり約 {withSound}、音なしで {withoutSound}。`/video usage` で今日の利用額、`/video jobs` で最近の動画を確認できます。',
  'help.preferences':
    '• `/video preferences set` で自分の既定値（長さ、画面比率、音）を保存でき、完成した動画をダイレクトメッセージにも送れます。',
  'help.rendering': 'レンダリングには通常 2〜10 分かかります。',
  'help.animateButton': '画像をアニメーションにする',

  'form.multishotTitle': 'マルチショット動画',
  'form.remixTitle': 'この動画をリミックス',
  'form.promptLabel': 'プロンプト（動画全体）',
  'form.promptPlaceholder': '雨の夜のネオン街、映画のように',
  'form.shotsLabel': 'ショット: 1 行に 1 つ、「秒数 | プロンプト」',
  'form.shotsPlaceholder': '5 | 通りの引きの画\n5 | 窓辺の猫のアップ',
  'form.negativeLabel': 'ネガティブプロンプト',
  'form.negativePlaceholder': 'ぼやけ、文字、透かし',
  'form.animateTitle': 'Kling でアニメーション',
  'form.uploadTitle': '画像をアニメーションにする',
  'form.shotsDescription': 'ショットを順に、それぞれの長さ付きで。動画の長さはショットの合計です',
  'form.durationLabel': '長さ（秒）',
  'form.aspectRatioLabel': '画面比率',
  'form.soundLabel': '音',
  'form.cfgScaleLabel': 'CFG スケール',
  'form.cfgScalePlaceholder': '0 から 1 の数値（例: 0.5）',
  'form.imageLabel': '画像（最初のフレーム）',
  'form.endImageLabel': '最後のフレームの画像（任意）',
  'form.notInForm': 'このフォームにない項目（{source}）: {list}',
  'form.kept': '元の動画のまま',
  'form.defaults': '既定',
  'form.on': 'オン',
  'form.off': 'オフ',
  'form.none': 'なし',
  'form.imageMissing':
    'フォームに画像が付いていなかったため、何も送信していません。フォームを開き直して JPEG か PNG をアップロードしてください。',

  'settings.saved': '保存しました。',
  'settings.title': '**動画ボットの設定**',
  'settings.none': 'なし',
  'settings.everywhere': 'どこでも',
  'settings.noLimit': '上限なし',
  'settings.on': 'オン',
  'settings.off': 'オフ',
  'settings.showcase': 'ショーケースチャンネル: {value}',
  'settings.autoShare': '完成した動画を自動共有: {value}',
  'settings.channels': '許可されたチャンネル: {value}',
  'settings.role': '必要なロール: {value}',
  'settings.blocked': '禁止フレーズ: {value}',
  'settings.concurrent': 'メンバーごとの同時作成数: {count, number}',
  'settings.serverConcurrent': 'サーバー全体の同時作成数: {count, number}',
  'settings.lineOff': '待ち行列: オフ（上限を超える動画は受け付けません）',
  'settings.line': '待ち行列: メンバーごとに {count, number} 本まで、それぞれ最長 {time}',
  'settings.memberBudget': 'メンバーごとの 1 日の予算: {value}',
  'settings.serverBudget': 'サーバーの 1 日の予算: {value}',
  'settings.language': '公開メッセージの言語: {value}',
  'settings.languageAuto': 'サーバーの Discord の言語（{language}）',

  'card.removedTitle': '削除された動画',
  'card.requestedBy': 'リクエストした人',
  'card.settings': '設定',
  'card.cost': '料金',
  'card.avoid': '避けたいもの',
  'card.status': 'ステータス',
  'card.titleNew': '動画',
  'card.titleRemix': '動画のリミックス',
  'card.titleRetry': '動画（再試行）',
  'card.footer': 'ジョブ {job}',
  'card.estimated': '{cost}（見積もり {estimate}）',
  'card.line': '**{label}：** {value}',
  'input.seconds': '{seconds} 秒',
  'input.soundOn': '音あり',
  'input.soundOff': '音なし',
  'input.cfg': 'cfg {value}',
  'input.shots': '{count, number} ショット',

  'fetch.badUrl': '動画サービスの動画リンクは、ボットが取得できるウェブリンクではありません。',
  'fetch.notVideo': '動画サービスが動画ではないものを返しました。',
  'fetch.tooLarge': '動画が大きすぎてここにはアップロードできません。',
  'fetch.expired': '動画リンクの期限が切れています。',
  'fetch.httpError': '動画サービスから動画を取得できませんでした。',
  'fetch.timeout': '動画の取得に時間がかかりすぎました。',
  'fetch.network': 'ネットワークの問題で動画を取得できませんでした。',

  'delivery.ready': '{member} 動画ができました！',
  'delivery.tooLargeSized':
    '{member} 動画ができました！ ここにアップロードするには大きすぎる（{size}このサーバーの上限は {limit}）ため、プロバイダーのリンクを送ります。期限があるので早めに保存してください:',
  'delivery.tooLargeSize': '{size}、',
  'delivery.tooLarge':
    '{member} 動画ができました！ ここにアップロードするには大きすぎるため、プロバイダーのリンクを送ります。期限があるので早めに保存してください:',
  'delivery.noUpload':
    '{member} 動画ができましたが、ここではファイルをアップロードできないため、プロバイダーのリンクを送ります。期限があるので早めに保存してください:',
  'delivery.cannotFetch': '{member} 動画はできましたが、ボットが取得できませんでした: {problem}',
  'delivery.linkTooLong': '（プロバイダーのリンクは {length, number} 文字あり、Discord のメッセージに収まらないため投稿できません。）',
  'delivery.dm': '{server} の動画ができました: {link}',
  'delivery.dmRefused':
    '前回の動画をダイレクトメッセージに送れませんでした（Discord が拒否しました: このサーバーまたは私からの DM が閉じられています）。動画はいつもどおりスレッドにあります。DM を開くか、`/video preferences set` で `delivery: thread` を選んでください。',

  'button.cancel': 'キャンセル',
  'button.cannotCancel': 'レンダリング中: キャンセル不可',
  'button.share': 'ショーケースに共有',
  'button.shared': 'ショーケースに共有済み',
  'button.remix': 'リミックス',
  'button.delete': '削除',
  'button.retry': '再試行',
  'button.retried': '再試行済み',
  'button.editAndRetry': '編集して再試行',

  'preferences.title': '**このサーバーでのあなたの設定**',
  'preferences.saved': '保存しました。',
  'preferences.cleared': 'このサーバーでのあなたの設定を消去しました。サーバーの既定値が使われます。',
  'preferences.duration': '長さ: {value}',
  'preferences.aspectRatio': '画面比率: {value}',
  'preferences.sound': '音: {value}',
  'preferences.delivery': '完成した動画: {value}',
  'preferences.default': '{value}（既定）',
  'preferences.deliveryThread': 'スレッドに',
  'preferences.deliveryDm': 'スレッドとダイレクトメッセージに',
  'preferences.hint': '`/video create` でオプションを省いたときに使われます。カードには実際に使った値が表示されます。',
  'fetch.notImage': 'このファイルは画像ではありません。',
  'ending.imageUnavailable':
    'この動画の画像をプロバイダーに渡せませんでした（コピーが消えたか、リンクを更新できませんでした）。何も送信・課金されていません。',
  'input.fromImage': '画像の縦横比',
  'image.start': '画像',
  'image.end': '終了画像',
  'image.notImage': '{image}は画像ではありません。JPEG または PNG ファイルを添付してください。',
  'image.wrongType':
    '{image}は {type} ファイルです。このモデルは {allowed} のみ対応しています。いずれかの形式で保存してからもう一度お試しください。',
  'image.tooLarge': '{image}のサイズは {size} で、上限は {max} です。小さくしてからもう一度お試しください。',
  'image.noPixels':
    '{image}にはピクセルがありません。ファイル上で片方の辺が 0 ピクセルになっており、壊れているか空です。JPEG か PNG で保存し直すか、別の画像を使ってください。',
  'image.tooSmall': '{image}は {width}×{height} ピクセルです。縦横とも {min} ピクセル以上必要です。もっと大きな画像を使ってください。',
  'image.tooNarrow':
    '{image}は {width}×{height} ピクセルで、幅に対して縦に長すぎます。縦横比は 1:{ratio} から {ratio}:1 の間にしてください。トリミングしてからもう一度お試しください。',
  'image.tooWide':
    '{image}は {width}×{height} ピクセルで、高さに対して横に長すぎます。縦横比は 1:{ratio} から {ratio}:1 の間にしてください。トリミングしてからもう一度お試しください。',
  'image.endWithShots': '終了画像はショットと組み合わせられません。終了画像かショットのどちらかを外してください。',
  'image.unreadable': '{image}を Discord から読み込めませんでした。もう一度アップロードしてお試しください。',
  'image.noImage':
    'そのメッセージにはアニメーションにできる画像がありません。JPEG または PNG 画像のあるメッセージで「Animate with Kling」を使ってください。',
  'image.formExpired':
    'そのフォームは期限切れです（フォームは 15 分間、一度だけ使えます）。何も送信していません。メッセージでもう一度「Animate with Kling」を使ってください。',
  'image.formForeign':
    'そのフォームは別のメンバーまたは別のサーバーで開かれたものなので、何も送信していません。ご自身でメッセージの「Animate with Kling」を使ってください。',
  'image.endWithoutStart': '終わりの画像には最初の画像が必要です。`image` も添付するか、両方を省いてフォームでアップロードしてください。',
  'help.animate':
    '**/video animate** は画像を動画にします。JPEG か PNG（各辺 {min} ピクセル以上、{max} まで）を添付して動きを説明してください。終了画像は任意です。画像のあるメッセージで **アプリ → Animate with Kling** も使えます。画像なしでコマンドを使うか、下の **画像をアニメーションにする** ボタンを押すと、アップロード用のフォームが開きます。',
  'help.animateCost': '画像から：音声ありで 1 秒あたり {withSound}、音声なしで {withoutSound}。',
  'listing.model': 'モデル：{model}',
} as const satisfies Catalogue;
