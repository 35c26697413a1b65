/** Brazilian Portuguese. Same keys and placeholders as the English catalogue (a test checks). */
import type { Catalogue } from './en.js';

export const ptBR = {
  'list.more': '{list} e mais {count, number}',
  'list.joinMore': '… e mais {count, number}',

  'place.prompt': 'seu prompt',
  'place.negativePrompt': 'seu prompt negativo',
  'place.shot': 'o prompt da cena {shot, number}',

  'time.minutes': '{minutes} min',
  'time.hours': '{hours} h',
  'time.hoursMinutes': '{hours} h {minutes} min',
  'elapsed.seconds': '{seconds} s',
  'elapsed.minutesSeconds': '{minutes} min {seconds} s',
  'elapsed.hoursMinutes': '{hours} h {minutes} min',

  'admission.channel': 'Não é possível criar vídeos neste canal. Use {channels}.',
  'admission.role': 'Você precisa do cargo {role} para criar vídeos neste servidor. Fale com um moderador se achar que deveria ter.',
  'admission.blocked':
    'Seu vídeo não foi iniciado: {place} contém “{phrase}”, que está bloqueado neste servidor. Reescreva e tente de novo.',
  'admission.alreadyRetried': 'Este vídeo já foi repetido: tarefa {job}.',
  'admission.concurrency':
    'Você já tem {count, plural, one {# vídeo} other {# vídeos}} em andamento; o limite aqui é {limit, number}. Uma vaga abre quando um vídeo termina.',
  'admission.serverBusy':
    'Este servidor já tem {count, plural, one {# vídeo} other {# vídeos}} em andamento, o seu limite, e não mantém fila de espera. Tente de novo quando um terminar.',
  'admission.lineFull':
    'Você já tem {count, plural, one {# vídeo} other {# vídeos}} esperando na fila deste servidor, o seu limite. O próximo pode entrar quando um deles começar.',
  'admission.resets': 'é renovado às 00:00 UTC, em {time}',
  'admission.serverNoBudget': 'Este servidor não tem orçamento para vídeos (o orçamento diário é US$ 0). Fale com um moderador.',
  'admission.serverBudget':
    'Este vídeo está estimado em {estimate}, e este servidor gastou {spent} hoje do orçamento diário de {budget}. O orçamento do servidor {resets}.',
  'admission.memberNoBudget':
    'Os membros não têm orçamento para vídeos neste servidor (o orçamento diário por membro é US$ 0). Fale com um moderador.',
  'admission.memberHint': ' Você ainda tem {left} hoje; um vídeo mais curto, ou sem som, custa menos.',
  'admission.memberBudget':
    'Este vídeo está estimado em {estimate}, e você gastou {spent} hoje do seu orçamento diário de {budget} neste servidor.{hint} Seu orçamento {resets}.',

  'submit.auth':
    'O serviço de vídeo recusou as credenciais do bot. O operador do bot precisa corrigir o token do RunComfy ou as configurações.',
  'submit.balance': 'A conta do bot no serviço de vídeo está sem crédito. O operador do bot precisa recarregá-la.',
  'submit.inputRejected': 'O serviço de vídeo recusou este pedido.',
  'submit.rateLimited': 'O serviço de vídeo está ocupado agora. Tente de novo em um minuto.',
  'submit.unavailable': 'O serviço de vídeo está com problemas. Tente de novo mais tarde.',
  'submit.malformed': 'O serviço de vídeo enviou uma resposta que o bot não entendeu. Tente de novo mais tarde.',
  'submit.failed': 'O provedor de vídeo não conseguiu aceitar esta tarefa. Tente de novo em alguns minutos.',

  'ending.startFailed': 'O bot teve um erro ao iniciar este vídeo; nada foi enviado ao provedor. Tente de novo.',
  'ending.cannotPost': 'O bot não pode enviar mensagens neste canal.',
  'ending.outcomeUnknown':
    'A conexão com o provedor de vídeo caiu enquanto esta tarefa era enviada, então não se sabe se o provedor a aceitou. Ela não foi reenviada, para não pagar duas vezes. Se nenhum vídeo chegar, tente de novo.',
  'ending.notAVideo': 'O provedor devolveu algo que não é um vídeo, então o bot não publicou.',
  'ending.noVideo': 'O provedor concluiu a tarefa, mas não devolveu nenhum vídeo.',
  'ending.providerFailedBecause': 'O provedor não conseguiu criar este vídeo: {reason}',
  'ending.providerFailed': 'O provedor não conseguiu criar este vídeo.',
  'ending.notFound': 'O provedor não conhece mais esta tarefa (o registro expirou), então o resultado não pode ser obtido.',
  'ending.cancelledBeforeSubmit': 'Seu vídeo foi cancelado antes de ser enviado ao provedor.',
  'ending.cancelledInQueue': 'Seu vídeo foi cancelado enquanto esperava na fila; não foi cobrado.',
  'ending.cancelledAtProvider': 'Seu vídeo foi cancelado no provedor.',
  'ending.queueTimeout':
    'Seu vídeo esperou mais de {minutes, number} minutos na fila do provedor, então o bot o cancelou; não foi cobrado.',
  'ending.timedOut': 'O provedor não terminou este vídeo em {minutes, number} minutos, então o bot parou de esperar.',
  'ending.waitedTooLong':
    'Seu vídeo esperou mais de {minutes, number} minutos na fila deste servidor, então o bot o cancelou; nada foi enviado nem cobrado.',

  'state.removed': '🗑️ Removido pelo autor ou por um moderador',
  'state.sending': '⏳ Enviando ao provedor…',
  'state.queued': '🕒 Na fila',
  'state.queuedNext': '🕒 Na fila, é o próximo',
  'state.queuedAt': '🕒 Na fila, posição {position, number}',
  'state.waiting': '🧍 Aguardando na fila deste servidor',
  'state.waitingAt': '🧍 Aguardando: {position, number}º na fila deste servidor',
  'state.rendering': '🎬 Renderizando',
  'state.renderingFor': '🎬 Renderizando há {elapsed}',
  'state.cannotCancelNote': ' (já está renderizando: não pode mais ser cancelado e será cobrado)',
  'state.done': '✅ Pronto',
  'state.failed': '❌ Falhou: {reason}',
  'state.unknownReason': 'motivo desconhecido',
  'state.cancelled': 'Cancelado',
  'state.timedOut': 'Tempo esgotado',
  'state.outcomeUnknown': 'Resultado desconhecido',

  'final.cancelled': 'Seu vídeo foi cancelado.',
  'final.timedOut': 'Seu vídeo excedeu o tempo.',
  'final.outcomeUnknown': 'não se sabe se o provedor aceitou esta tarefa.',
  'final.failed': 'não foi possível criar seu vídeo. {reason}',

  'cancel.cancelled': 'Cancelado. Ainda estava esperando na fila, então não será cobrado.',
  'cancel.notCancellable': 'Tarde demais para cancelar: o provedor já está renderizando este vídeo, então ele será concluído e cobrado.',
  'cancel.alreadyFinished': 'Este vídeo já terminou, então não há nada para cancelar.',
  'cancel.submitting': 'Este vídeo está sendo enviado ao provedor agora; tente de novo daqui a pouco.',
  'cancel.notFound': 'Essa tarefa não existe mais.',

  'refusal.notInServer': 'Eu só funciono em servidores.',
  'refusal.notInServerChannel': 'Vídeos só podem ser criados em um canal de servidor.',
  'refusal.unknownSubcommand': 'Subcomando desconhecido.',
  'refusal.foreignButton': 'Esse botão não pertence a nenhuma tarefa deste servidor.',
  'refusal.foreignForm': 'Esse formulário não é meu.',
  'refusal.cancelNotOwner': 'Este vídeo não é seu, então você não pode cancelá-lo. Só o membro que o pediu ou um moderador pode.',
  'refusal.retryNotOwner':
    'Só o membro que pediu este vídeo (ou um moderador) pode repeti-lo; “Editar e repetir” cria a sua própria versão.',
  'refusal.retryWrongState': 'Só um vídeo que falhou ou foi cancelado pode ser repetido; use “Remix” para criar uma variação.',
  'refusal.remixRemoved': 'Este vídeo foi removido pelo autor ou por um moderador, então não pode ser remixado.',
  'refusal.remixParentGone': 'O vídeo que você está remixando não existe mais.',
  'refusal.remixChannelClosed':
    'Este vídeo foi criado em um canal que você não pode ver ou onde não pode postar, então o remix não pode ser criado lá. Use `/video create` em um canal onde você possa postar; nada foi enviado ou cobrado.',
  'refusal.shareNotOwner': 'Só o membro que criou este vídeo (ou um moderador) pode compartilhá-lo.',
  'refusal.deleteNotOwner': 'Só o membro que criou este vídeo ou um moderador pode excluí-lo.',
  'refusal.deleteChanged': 'Esse vídeo mudou nesse meio-tempo; tente de novo.',
  'refusal.manageServerOnly': 'Só membros com a permissão Gerenciar servidor podem mudar as configurações do bot de vídeo.',
  'refusal.pickChannel': 'Escolha um canal para essa ação.',
  'refusal.givePhrase': 'Informe a frase para essa ação.',
  'refusal.unknownSetting': 'Configuração desconhecida.',
  'refusal.cannotPostHere':
    'Não posso enviar mensagens neste canal, então não iniciei seu vídeo. Peça a um moderador para me deixar enviar mensagens aqui, ou tente outro canal.',

  'start.queued': 'Seu vídeo está na fila (cerca de {estimate}). Vou publicá-lo em {place} quando estiver pronto.',
  'start.waiting':
    'Este servidor atingiu o limite de vídeos em andamento, então o seu espera na fila dele; cerca de {estimate} ficam reservados do seu orçamento. Ele começa quando uma vaga abrir, e vou publicá-lo em {place} quando estiver pronto. Cancelar não custa nada enquanto ele espera.',
  'start.waitingAt':
    'Este servidor atingiu o limite de vídeos em andamento, então o seu espera na fila dele ({position, number}º); cerca de {estimate} ficam reservados do seu orçamento. Ele começa quando uma vaga abrir, e vou publicá-lo em {place} quando estiver pronto. Cancelar não custa nada enquanto ele espera.',
  'start.thisChannel': 'este canal',
  'start.notStarted': 'Não foi possível iniciar seu vídeo.',

  'share.noShowcase': 'Este servidor não tem canal de vitrine; um gestor pode definir um com `/video-settings showcase`.',
  'share.notFinished': 'Só um vídeo pronto pode ser compartilhado.',
  'share.inProgress': 'Este vídeo está sendo compartilhado agora.',
  'share.deletedMeanwhile': 'Este vídeo foi excluído nesse meio-tempo, então não foi compartilhado.',
  'share.fileGone':
    'O arquivo do vídeo não está mais disponível (o link do provedor expirou e ele não está no cache do bot), então não pode ser compartilhado.',
  'share.tooLarge': 'O vídeo é maior que o limite de upload deste servidor, então não pode ser reenviado para a vitrine.',
  'share.tooLargeLimit': 'Este vídeo é maior que o limite de upload deste servidor ({limit}), então não pode ser reenviado para a vitrine.',
  'share.cannotPost': 'Não consigo postar em {channel}; peça a um gestor para verificar minhas permissões lá.',
  'share.shared': 'Compartilhado em {channel}: {link}',
  'share.already': 'Já está na vitrine: {link}',
  'share.postContent': '🎬 Um vídeo de {member}',

  'delete.done': 'Excluído: o vídeo e a publicação na vitrine foram removidos.',
  'delete.partly':
    'Excluído do bot, mas o Discord não me deixou remover todas as mensagens (o tópico pode estar trancado); um moderador pode apagar o que sobrou.',
  'delete.threadName': '🎬 vídeo removido',

  'failure.somethingWrong': 'Algo deu errado do meu lado; nada foi perdido. Tente de novo daqui a pouco.',
  'failure.restarting': 'O bot está reiniciando; tente de novo em alguns segundos.',

  'listing.removedPrompt': '(removido)',
  'listing.recentTitle': '**Seus vídeos recentes**',
  'listing.none': 'Você ainda não criou nenhum vídeo aqui. Experimente `/video create`.',
  'listing.noSuchJob': 'Não existe a tarefa {job} neste servidor.',
  'listing.jobTitle': '**Tarefa {job}** de {member}',
  'listing.about': 'cerca de {amount}',
  'listing.thread': 'Tópico: {thread}',
  'listing.message': 'Mensagem: {link}',

  'usage.title': '**Seu uso hoje** (dia UTC)',
  'usage.noLimit': '{spent} (sem limite)',
  'usage.against': '{spent} de {budget} (restam {left})',
  'usage.you': 'Você: {value}',
  'usage.server': 'Servidor inteiro: {value}',
  'usage.videos': 'Seus vídeos hoje: {states}',
  'usage.none': 'nenhum',
  'usage.inProgress': 'Em andamento agora: {count, number} de {max, number} permitidos ao mesmo tempo',
  'usage.line': 'Aguardando na fila deste servidor: {count, number} (seus: {mine, number})',
  'usage.resets': 'Os orçamentos são renovados às 00:00 UTC, em {time}.',
  'usage.stateCount': '{count, number} {state}',
  'jobState.waiting': 'aguardando na fila',
  'jobState.created': 'criado',
  'jobState.submitting': 'enviando',
  'jobState.queued': 'na fila',
  'jobState.running': 'renderizando',
  'jobState.succeeded': 'pronto',
  'jobState.failed': 'falhou',
  'jobState.cancelled': 'cancelado',
  'jobState.timed_out': 'tempo esgotado',
  'jobState.outcome_unknown': 'resultado desconhecido',

  'help.title': '**Criando vídeos com o Kling 3.0 Pro**',
  'help.create':
    '• `/video create prompt:…` descreve uma cena: tema, ação, câmera e clima, até {maxChars, number} caracteres. As opções definem a duração ({min}–{max} s), o enquadramento (16:9, 9:16, 1:1), o som e o que evitar.',
  'help.multishot':
    '• `/video multishot` abre um formulário: uma cena por linha como `segundos | prompt`, por exemplo `5 | uma raposa corre na neve`. O vídeo dura o mesmo que suas cenas.',
  'help.card':
    '• Eu publico um cartão de status com um botão Cancelar e abro um tópico para ele; o vídeo chega no tópico. Cancelar funciona enquanto o vídeo espera na fila; assim que começa a renderizar, é cobrado.',
  'help.actions':
    '• Vídeos prontos podem ser compartilhados na vitrine, remixados (um formulário com o prompt preenchido) ou excluídos; os que falharam podem ser repetidos.',
  'help.cost':
    '• Custo: cerca de {withSound} por segundo com som, {withoutSound} sem. `/video usage` mostra os gastos de hoje, `/video jobs` seus vídeos recentes.',
  'help.preferences':
    '• `/video preferences set` guarda seus próprios padrões (duração, enquadramento, som) e também pode enviar os vídeos prontos para suas mensagens diretas.',
  'help.rendering': 'A renderização costuma levar de 2 a 10 minutos.',

  'form.multishotTitle': 'Vídeo com várias cenas',
  'form.remixTitle': 'Remixar este vídeo',
  'form.promptLabel': 'Prompt (o vídeo inteiro)',
  'form.promptPlaceholder': 'Uma rua de neon chuvosa à noite, cinematográfica',
  'form.shotsLabel': 'Cenas: uma por linha, “segundos | prompt”',
  'form.shotsPlaceholder': '5 | plano geral da rua\n5 | close de um gato na janela',
  'form.negativeLabel': 'Evitar (opcional)',
  'form.negativePlaceholder': 'borrado, texto, marca d’água',
  'form.settingsLabel': 'Configurações (opcional)',
  'form.settingsPlaceholder': 'duration=10 aspect_ratio=9:16 sound=off cfg_scale=0.5',

  'settings.saved': 'Salvo.',
  'settings.title': '**Configurações do bot de vídeo**',
  'settings.none': 'nenhum',
  'settings.everywhere': 'em todo lugar',
  'settings.noLimit': 'sem limite',
  'settings.on': 'ligado',
  'settings.off': 'desligado',
  'settings.showcase': 'Canal de vitrine: {value}',
  'settings.autoShare': 'Compartilhar vídeos prontos automaticamente: {value}',
  'settings.channels': 'Canais permitidos: {value}',
  'settings.role': 'Cargo necessário: {value}',
  'settings.blocked': 'Frases bloqueadas: {value}',
  'settings.concurrent': 'Vídeos em andamento por membro: {count, number}',
  'settings.serverConcurrent': 'Vídeos em andamento para o servidor: {count, number}',
  'settings.lineOff': 'Fila de espera: desativada (um vídeo acima de um limite é recusado)',
  'settings.line': 'Fila de espera: até {count, number} por membro, cada um por até {time}',
  'settings.memberBudget': 'Orçamento diário por membro: {value}',
  'settings.serverBudget': 'Orçamento diário do servidor: {value}',
  'settings.language': 'Idioma das mensagens públicas: {value}',
  'settings.languageAuto': 'o idioma do Discord do servidor ({language})',

  'card.removedTitle': 'Vídeo removido',
  'card.requestedBy': 'Pedido por',
  'card.settings': 'Configurações',
  'card.cost': 'Custo',
  'card.avoid': 'Evitar',
  'card.status': 'Situação',
  'card.titleNew': 'Vídeo',
  'card.titleRemix': 'Remix de vídeo',
  'card.titleRetry': 'Vídeo (nova tentativa)',
  'card.footer': 'Tarefa {job}',
  'card.estimated': '{cost} (estimado {estimate})',
  'input.seconds': '{seconds} s',
  'input.soundOn': 'com som',
  'input.soundOff': 'sem som',
  'input.cfg': 'cfg {value}',
  'input.shots': '{count, plural, one {# cena} other {# cenas}}',

  'fetch.badUrl': 'O link do vídeo do serviço de vídeo não é um link da web que o bot possa baixar.',
  'fetch.notVideo': 'O serviço de vídeo devolveu algo que não é um vídeo.',
  'fetch.tooLarge': 'O vídeo é grande demais para enviar aqui.',
  'fetch.expired': 'O link do vídeo expirou.',
  'fetch.httpError': 'Não foi possível baixar o vídeo do serviço de vídeo.',
  'fetch.timeout': 'Baixar o vídeo demorou demais.',
  'fetch.network': 'Não foi possível baixar o vídeo por causa de um problema de rede.',

  'delivery.ready': '{member} seu vídeo está pronto!',
  'delivery.tooLargeSized':
    '{member} seu vídeo está pronto! Ele é grande demais para enviar aqui ({size}o limite deste servidor é {limit}), então aqui está o link do provedor; ele expira, então salve o arquivo logo:',
  'delivery.tooLargeSize': '{size}, ',
  'delivery.tooLarge':
    '{member} seu vídeo está pronto! Ele é grande demais para enviar aqui, então aqui está o link do provedor; ele expira, então salve o arquivo logo:',
  'delivery.noUpload':
    '{member} seu vídeo está pronto, mas não posso enviar arquivos aqui, então aqui está o link do provedor; ele expira, então salve o arquivo logo:',
  'delivery.cannotFetch': '{member} seu vídeo foi criado, mas o bot não conseguiu baixá-lo: {problem}',
  'delivery.linkTooLong':
    '(O link do provedor tem {length, number} caracteres, mais do que cabe em uma mensagem do Discord, então não posso publicá-lo.)',
  'delivery.dm': 'Seu vídeo de {server} está pronto: {link}',
  'delivery.dmRefused':
    'Não consegui enviar seu último vídeo por mensagem direta (o Discord recusou: suas DMs estão fechadas para este servidor ou para mim). Ele está no tópico, como sempre; abra suas DMs ou escolha `delivery: thread` em `/video preferences set`.',

  'button.cancel': 'Cancelar',
  'button.cannotCancel': 'Renderizando: não dá mais para cancelar',
  'button.share': 'Compartilhar na vitrine',
  'button.shared': 'Compartilhado na vitrine',
  'button.remix': 'Remixar',
  'button.delete': 'Excluir',
  'button.retry': 'Repetir',
  'button.retried': 'Repetido',
  'button.editAndRetry': 'Editar e repetir',

  'preferences.title': '**Suas preferências neste servidor**',
  'preferences.saved': 'Salvo.',
  'preferences.cleared': 'Suas preferências neste servidor foram apagadas; valem os padrões do servidor.',
  'preferences.duration': 'Duração: {value}',
  'preferences.aspectRatio': 'Enquadramento: {value}',
  'preferences.sound': 'Som: {value}',
  'preferences.delivery': 'Vídeos prontos: {value}',
  'preferences.default': '{value} (padrão)',
  'preferences.deliveryThread': 'no tópico',
  'preferences.deliveryDm': 'no tópico e nas suas mensagens diretas',
  'preferences.hint': 'Elas valem quando você deixa uma opção de fora em `/video create`; o cartão mostra os valores usados.',
  'fetch.notImage': 'O arquivo não é uma imagem.',
  'ending.imageUnavailable':
    'A imagem deste vídeo não pôde ser entregue ao provedor (a cópia sumiu ou o link não pôde ser renovado); nada foi enviado nem cobrado.',
  'input.fromImage': 'formato da imagem',
  'image.start': 'Sua imagem',
  'image.end': 'Sua imagem final',
  'image.notImage': '{image} não é uma imagem. Anexe um arquivo JPEG ou PNG.',
  'image.wrongType': '{image} é um arquivo {type}; este modelo aceita apenas {allowed}. Salve-a em um desses formatos e tente de novo.',
  'image.tooLarge': '{image} tem {size}; o limite é {max}. Reduza-a e tente de novo.',
  'image.tooSmall': '{image} tem {width}×{height} pixels; os dois lados precisam ter pelo menos {min} pixels. Use uma imagem maior.',
  'image.tooNarrow':
    '{image} tem {width}×{height} pixels: alta demais para a largura. O formato precisa ficar entre 1:{ratio} e {ratio}:1; recorte-a e tente de novo.',
  'image.tooWide':
    '{image} tem {width}×{height} pixels: larga demais para a altura. O formato precisa ficar entre 1:{ratio} e {ratio}:1; recorte-a e tente de novo.',
  'image.endWithShots': 'Uma imagem final não pode ser combinada com cenas. Tire a imagem final ou as cenas.',
  'image.unreadable': 'Não foi possível ler {image} no Discord. Envie-a de novo e tente outra vez.',
  'image.noImage': 'Essa mensagem não tem imagem para animar. Use “Animate with Kling” em uma mensagem com uma imagem JPEG ou PNG.',
  'image.messageGone': 'A mensagem com a imagem sumiu ou está fora do alcance do bot, então nada foi enviado.',
  'form.animateTitle': 'Animar com Kling',
  'help.animate':
    '**/video animate** transforma uma imagem em vídeo: anexe um JPEG ou PNG (pelo menos {min} pixels por lado, no máximo {max}) e descreva o movimento; a imagem final é opcional. Ou use **Apps → Animate with Kling** em qualquer mensagem com imagem.',
  'help.animateCost': 'A partir de uma imagem: {withSound} por segundo com som, {withoutSound} sem.',
  'listing.model': 'Modelo: {model}',
} as const satisfies Catalogue;
