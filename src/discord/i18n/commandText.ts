/**
 * The words of the slash commands in the other languages, keyed by the English text in the
 * command definitions. Names stay English (members type them); descriptions and choice names get
 * Discord's `description_localizations` / `name_localizations`. A test checks that every English
 * description and choice has all five, within Discord's limits.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Language } from '../../community/languages.js';

export type CommandLocale = Exclude<Language, 'en'>;

export const COMMAND_LOCALES: readonly CommandLocale[] = ['de', 'fr', 'es-ES', 'pt-BR', 'ja'];

type Translations = Readonly<Record<CommandLocale, string>>;

export const COMMAND_TEXT: Readonly<Record<string, Translations>> = {
  'Make a video with Kling 3.0': {
    de: 'Ein Video mit Kling 3.0 erstellen',
    fr: 'Créer une vidéo avec Kling 3.0',
    'es-ES': 'Crear un vídeo con Kling 3.0',
    'pt-BR': 'Criar um vídeo com o Kling 3.0',
    ja: 'Kling 3.0 で動画を作る',
  },
  'Make a video from a picture: it becomes the first frame': {
    de: 'Ein Video aus einem Bild erstellen: Es wird das erste Bild',
    fr: 'Créer une vidéo à partir d’une image : elle devient la première image',
    'es-ES': 'Crear un vídeo a partir de una imagen: será el primer fotograma',
    'pt-BR': 'Criar um vídeo a partir de uma imagem: ela vira o primeiro quadro',
    ja: '画像から動画を作る（画像が最初のフレームになります）',
  },
  'The picture that becomes the first frame (JPEG or PNG)': {
    de: 'Das Bild, das zum ersten Bild wird (JPEG oder PNG)',
    fr: 'L’image qui devient la première image (JPEG ou PNG)',
    'es-ES': 'La imagen que será el primer fotograma (JPEG o PNG)',
    'pt-BR': 'A imagem que vira o primeiro quadro (JPEG ou PNG)',
    ja: '最初のフレームになる画像（JPEG または PNG）',
  },
  'A picture for the last frame (optional; not with shots)': {
    de: 'Ein Bild für das letzte Bild (optional; nicht mit Einstellungen)',
    fr: 'Une image pour la dernière image (facultatif ; pas avec des plans)',
    'es-ES': 'Una imagen para el último fotograma (opcional; no con planos)',
    'pt-BR': 'Uma imagem para o último quadro (opcional; não com cenas)',
    ja: '最後のフレームの画像（任意、ショットとは併用不可）',
  },
  'Use the picture as the last frame too, so the video loops': {
    de: 'Das Bild auch als letztes Bild verwenden, damit das Video eine Schleife bildet',
    fr: 'Utiliser aussi l’image comme dernière image, pour que la vidéo boucle',
    'es-ES': 'Usar la imagen también como último fotograma para que el vídeo haga bucle',
    'pt-BR': 'Usar a imagem também como último quadro, para o vídeo fazer loop',
    ja: '画像を最後のフレームにも使い、動画をループさせる',
  },
  'Animate with Kling': {
    de: 'Mit Kling animieren',
    fr: 'Animer avec Kling',
    'es-ES': 'Animar con Kling',
    'pt-BR': 'Animar com Kling',
    ja: 'Kling でアニメーション',
  },
  'Make a video from a prompt': {
    de: 'Ein Video aus einem Prompt erstellen',
    fr: 'Créer une vidéo à partir d’un prompt',
    'es-ES': 'Crear un vídeo a partir de un prompt',
    'pt-BR': 'Criar um vídeo a partir de um prompt',
    ja: 'プロンプトから動画を作る',
  },
  'Scene, motion, camera style and atmosphere of the video': {
    de: 'Szene, Bewegung, Kamerastil und Stimmung des Videos',
    fr: 'Scène, mouvement, style de caméra et ambiance de la vidéo',
    'es-ES': 'Escena, movimiento, estilo de cámara y ambiente del vídeo',
    'pt-BR': 'Cena, movimento, estilo de câmera e clima do vídeo',
    ja: '動画のシーン、動き、カメラの撮り方、雰囲気',
  },
  'Elements to keep out of the video': {
    de: 'Was im Video nicht vorkommen soll',
    fr: 'Éléments à exclure de la vidéo',
    'es-ES': 'Elementos que deben quedar fuera del vídeo',
    'pt-BR': 'Elementos que devem ficar fora do vídeo',
    ja: '動画に入れたくないもの',
  },
  'Length of the video in seconds (default 5)': {
    de: 'Länge des Videos in Sekunden (Standard 5)',
    fr: 'Durée de la vidéo en secondes (5 par défaut)',
    'es-ES': 'Duración del vídeo en segundos (5 por defecto)',
    'pt-BR': 'Duração do vídeo em segundos (padrão 5)',
    ja: '動画の長さ（秒、既定 5）',
  },
  'Frame shape of the video (default 16:9)': {
    de: 'Bildformat des Videos (Standard 16:9)',
    fr: 'Format d’image de la vidéo (16:9 par défaut)',
    'es-ES': 'Formato de imagen del vídeo (16:9 por defecto)',
    'pt-BR': 'Formato do quadro do vídeo (padrão 16:9)',
    ja: '動画の画面比率（既定 16:9）',
  },
  'How strictly to follow the prompt, from 0 (loose) to 1 (strict) (default 0.5)': {
    de: 'Wie genau der Prompt befolgt wird, von 0 (locker) bis 1 (streng) (Standard 0.5)',
    fr: 'Fidélité au prompt, de 0 (libre) à 1 (stricte) (0.5 par défaut)',
    'es-ES': 'Cuánto seguir el prompt, de 0 (libre) a 1 (estricto) (0.5 por defecto)',
    'pt-BR': 'Quanto seguir o prompt, de 0 (livre) a 1 (rigoroso) (padrão 0.5)',
    ja: 'プロンプトへの忠実さ、0（ゆるい）〜1（厳密）（既定 0.5）',
  },
  'Generate synchronized sound (costs more) (default on)': {
    de: 'Passenden Ton erzeugen (kostet mehr) (Standard an)',
    fr: 'Générer un son synchronisé (plus cher) (activé par défaut)',
    'es-ES': 'Generar sonido sincronizado (cuesta más) (activado por defecto)',
    'pt-BR': 'Gerar som sincronizado (custa mais) (padrão ligado)',
    ja: '映像に合った音を生成（料金が上がります）（既定 オン）',
  },
  'Make a video of several shots, each with its own prompt (opens a form)': {
    de: 'Ein Video aus mehreren Einstellungen mit je eigenem Prompt (öffnet ein Formular)',
    fr: 'Une vidéo en plusieurs plans, chacun avec son prompt (ouvre un formulaire)',
    'es-ES': 'Un vídeo de varias tomas, cada una con su prompt (abre un formulario)',
    'pt-BR': 'Um vídeo com várias cenas, cada uma com seu prompt (abre um formulário)',
    ja: 'ショットごとにプロンプトを持つ複数ショットの動画（フォームが開きます）',
  },
  'Your recent videos and where to find them': {
    de: 'Deine letzten Videos und wo du sie findest',
    fr: 'Vos vidéos récentes et où les trouver',
    'es-ES': 'Tus vídeos recientes y dónde encontrarlos',
    'pt-BR': 'Seus vídeos recentes e onde encontrá-los',
    ja: '最近の動画とその場所',
  },
  'The status of one of your videos': {
    de: 'Der Status eines deiner Videos',
    fr: 'Le statut d’une de vos vidéos',
    'es-ES': 'El estado de uno de tus vídeos',
    'pt-BR': 'A situação de um dos seus vídeos',
    ja: '自分の動画 1 本のステータス',
  },
  'The job id (in the footer of its status message)': {
    de: 'Die Auftrags-ID (in der Fußzeile der Statusnachricht)',
    fr: 'L’identifiant de la tâche (en pied de son message de statut)',
    'es-ES': 'El id de la tarea (en el pie de su mensaje de estado)',
    'pt-BR': 'O id da tarefa (no rodapé da mensagem de status)',
    ja: 'ジョブ ID（ステータスメッセージのフッターにあります）',
  },
  "Today's spending against the budgets, and your jobs": {
    de: 'Die heutigen Ausgaben gegenüber den Budgets und deine Aufträge',
    fr: 'Les dépenses du jour face aux budgets, et vos tâches',
    'es-ES': 'El gasto de hoy frente a los presupuestos, y tus tareas',
    'pt-BR': 'Os gastos de hoje em relação aos orçamentos, e suas tarefas',
    ja: '今日の利用額と予算、あなたのジョブ',
  },
  'How to make good videos with this bot': {
    de: 'Wie du mit diesem Bot gute Videos machst',
    fr: 'Comment faire de bonnes vidéos avec ce bot',
    'es-ES': 'Cómo hacer buenos vídeos con este bot',
    'pt-BR': 'Como fazer bons vídeos com este bot',
    ja: 'このボットで良い動画を作るコツ',
  },
  'Your own defaults on this server': {
    de: 'Deine eigenen Standardwerte auf diesem Server',
    fr: 'Vos propres valeurs par défaut sur ce serveur',
    'es-ES': 'Tus propios valores por defecto en este servidor',
    'pt-BR': 'Seus próprios padrões neste servidor',
    ja: 'このサーバーでの自分の既定値',
  },
  'Show your preferences': {
    de: 'Deine Einstellungen anzeigen',
    fr: 'Afficher vos préférences',
    'es-ES': 'Mostrar tus preferencias',
    'pt-BR': 'Mostrar suas preferências',
    ja: '自分の設定を表示',
  },
  'Set your defaults for /video create and where finished videos reach you': {
    de: 'Standardwerte für /video create festlegen und wohin fertige Videos kommen',
    fr: 'Vos valeurs par défaut pour /video create et où arrivent les vidéos terminées',
    'es-ES': 'Tus valores por defecto para /video create y dónde te llegan los vídeos',
    'pt-BR': 'Seus padrões para /video create e onde os vídeos prontos chegam',
    ja: '/video create の既定値と、完成した動画の届け先を設定',
  },
  'Your default length in seconds': {
    de: 'Deine Standardlänge in Sekunden',
    fr: 'Votre durée par défaut en secondes',
    'es-ES': 'Tu duración por defecto en segundos',
    'pt-BR': 'Sua duração padrão em segundos',
    ja: '既定の長さ（秒）',
  },
  'Your default frame shape': {
    de: 'Dein Standard-Bildformat',
    fr: 'Votre format d’image par défaut',
    'es-ES': 'Tu formato de imagen por defecto',
    'pt-BR': 'Seu formato de quadro padrão',
    ja: '既定の画面比率',
  },
  'Sound on or off by default': {
    de: 'Ton standardmäßig an oder aus',
    fr: 'Son activé ou non par défaut',
    'es-ES': 'Sonido activado o no por defecto',
    'pt-BR': 'Som ligado ou desligado por padrão',
    ja: '既定で音をオンにするか',
  },
  'Where finished videos reach you': {
    de: 'Wohin fertige Videos kommen',
    fr: 'Où arrivent les vidéos terminées',
    'es-ES': 'Dónde te llegan los vídeos terminados',
    'pt-BR': 'Onde os vídeos prontos chegam',
    ja: '完成した動画の届け先',
  },
  'In their thread': {
    de: 'In ihren Thread',
    fr: 'Dans leur fil',
    'es-ES': 'En su hilo',
    'pt-BR': 'No tópico',
    ja: 'スレッドに',
  },
  'In their thread and in my direct messages': {
    de: 'In ihren Thread und in meine Direktnachrichten',
    fr: 'Dans leur fil et dans mes messages privés',
    'es-ES': 'En su hilo y en mis mensajes directos',
    'pt-BR': 'No tópico e nas minhas mensagens diretas',
    ja: 'スレッドと自分のダイレクトメッセージに',
  },
  'Forget your preferences on this server': {
    de: 'Deine Einstellungen auf diesem Server löschen',
    fr: 'Oublier vos préférences sur ce serveur',
    'es-ES': 'Olvidar tus preferencias en este servidor',
    'pt-BR': 'Esquecer suas preferências neste servidor',
    ja: 'このサーバーでの自分の設定を消去',
  },
  'Server settings for the video bot (Manage Server)': {
    de: 'Servereinstellungen des Video-Bots (Server verwalten)',
    fr: 'Réglages du bot vidéo pour le serveur (Gérer le serveur)',
    'es-ES': 'Configuración del bot de vídeo en el servidor (Gestionar servidor)',
    'pt-BR': 'Configurações do bot de vídeo no servidor (Gerenciar servidor)',
    ja: '動画ボットのサーバー設定（サーバー管理）',
  },
  'Show the current settings': {
    de: 'Die aktuellen Einstellungen anzeigen',
    fr: 'Afficher les réglages actuels',
    'es-ES': 'Mostrar la configuración actual',
    'pt-BR': 'Mostrar as configurações atuais',
    ja: '現在の設定を表示',
  },
  'Set the showcase channel (leave empty to turn the showcase off)': {
    de: 'Den Showcase-Kanal festlegen (leer lassen schaltet den Showcase aus)',
    fr: 'Choisir le salon vitrine (vide pour désactiver la vitrine)',
    'es-ES': 'Fijar el canal de escaparate (vacío para desactivarlo)',
    'pt-BR': 'Definir o canal de vitrine (vazio para desligar a vitrine)',
    ja: 'ショーケースチャンネルを設定（空欄でショーケースをオフ）',
  },
  'Where shared videos go': {
    de: 'Wohin geteilte Videos kommen',
    fr: 'Où vont les vidéos partagées',
    'es-ES': 'Adónde van los vídeos compartidos',
    'pt-BR': 'Para onde vão os vídeos compartilhados',
    ja: '共有された動画の投稿先',
  },
  'Post every finished video to the showcase': {
    de: 'Jedes fertige Video im Showcase posten',
    fr: 'Publier chaque vidéo terminée dans la vitrine',
    'es-ES': 'Publicar cada vídeo terminado en el escaparate',
    'pt-BR': 'Publicar cada vídeo pronto na vitrine',
    ja: '完成した動画をすべてショーケースに投稿',
  },
  'On or off': { de: 'An oder aus', fr: 'Activé ou non', 'es-ES': 'Activado o no', 'pt-BR': 'Ligado ou desligado', ja: 'オンかオフか' },
  'Limit where /video may be used (no channels = everywhere)': {
    de: 'Festlegen, wo /video genutzt werden darf (keine Kanäle = überall)',
    fr: 'Limiter où /video peut servir (aucun salon = partout)',
    'es-ES': 'Limitar dónde se puede usar /video (sin canales = en todas partes)',
    'pt-BR': 'Limitar onde /video pode ser usado (sem canais = em todo lugar)',
    ja: '/video を使える場所を制限（チャンネルなし = どこでも）',
  },
  'What to do': { de: 'Was zu tun ist', fr: 'Que faire', 'es-ES': 'Qué hacer', 'pt-BR': 'O que fazer', ja: '操作' },
  'allow a channel': {
    de: 'einen Kanal erlauben',
    fr: 'autoriser un salon',
    'es-ES': 'permitir un canal',
    'pt-BR': 'permitir um canal',
    ja: 'チャンネルを許可',
  },
  'stop allowing a channel': {
    de: 'einen Kanal nicht mehr erlauben',
    fr: 'ne plus autoriser un salon',
    'es-ES': 'dejar de permitir un canal',
    'pt-BR': 'deixar de permitir um canal',
    ja: 'チャンネルの許可をやめる',
  },
  'allow everywhere': {
    de: 'überall erlauben',
    fr: 'autoriser partout',
    'es-ES': 'permitir en todas partes',
    'pt-BR': 'permitir em todo lugar',
    ja: 'どこでも許可',
  },
  'The channel': { de: 'Der Kanal', fr: 'Le salon', 'es-ES': 'El canal', 'pt-BR': 'O canal', ja: 'チャンネル' },
  'Require a role to make videos (leave empty for everyone)': {
    de: 'Eine Rolle zum Erstellen von Videos verlangen (leer = alle)',
    fr: 'Exiger un rôle pour créer des vidéos (vide pour tout le monde)',
    'es-ES': 'Exigir un rol para crear vídeos (vacío para todos)',
    'pt-BR': 'Exigir um cargo para criar vídeos (vazio para todos)',
    ja: '動画作成に必要なロールを指定（空欄で全員）',
  },
  'The role members need': {
    de: 'Die Rolle, die Mitglieder brauchen',
    fr: 'Le rôle requis pour les membres',
    'es-ES': 'El rol que necesitan los miembros',
    'pt-BR': 'O cargo de que os membros precisam',
    ja: 'メンバーに必要なロール',
  },
  'Words or phrases refused in prompts': {
    de: 'Wörter oder Wortgruppen, die in Prompts abgelehnt werden',
    fr: 'Mots ou expressions refusés dans les prompts',
    'es-ES': 'Palabras o frases rechazadas en los prompts',
    'pt-BR': 'Palavras ou frases recusadas nos prompts',
    ja: 'プロンプトで拒否する語句',
  },
  'block a phrase': {
    de: 'eine Wortgruppe sperren',
    fr: 'bloquer une expression',
    'es-ES': 'bloquear una frase',
    'pt-BR': 'bloquear uma frase',
    ja: '語句を禁止',
  },
  'unblock a phrase': {
    de: 'eine Wortgruppe freigeben',
    fr: 'débloquer une expression',
    'es-ES': 'desbloquear una frase',
    'pt-BR': 'desbloquear uma frase',
    ja: '語句の禁止を解除',
  },
  'unblock everything': {
    de: 'alles freigeben',
    fr: 'tout débloquer',
    'es-ES': 'desbloquear todo',
    'pt-BR': 'desbloquear tudo',
    ja: 'すべての禁止を解除',
  },
  'The word or phrase': {
    de: 'Das Wort oder die Wortgruppe',
    fr: 'Le mot ou l’expression',
    'es-ES': 'La palabra o frase',
    'pt-BR': 'A palavra ou frase',
    ja: '語句',
  },
  "Language of the bot's public messages (leave empty to show it)": {
    de: 'Sprache der öffentlichen Nachrichten des Bots (leer lassen zeigt sie an)',
    fr: 'Langue des messages publics du bot (vide pour l’afficher)',
    'es-ES': 'Idioma de los mensajes públicos del bot (vacío para verlo)',
    'pt-BR': 'Idioma das mensagens públicas do bot (vazio para mostrá-lo)',
    ja: 'ボットの公開メッセージの言語（空欄で表示のみ）',
  },
  "A language, or the server's Discord language": {
    de: 'Eine Sprache oder die Discord-Sprache des Servers',
    fr: 'Une langue, ou la langue Discord du serveur',
    'es-ES': 'Un idioma, o el idioma de Discord del servidor',
    'pt-BR': 'Um idioma, ou o idioma do Discord do servidor',
    ja: '言語、またはサーバーの Discord の言語',
  },
  "The server's Discord language": {
    de: 'Die Discord-Sprache des Servers',
    fr: 'La langue Discord du serveur',
    'es-ES': 'El idioma de Discord del servidor',
    'pt-BR': 'O idioma do Discord do servidor',
    ja: 'サーバーの Discord の言語',
  },
  'How long Extend may make a video, all its parts together': {
    de: 'Wie lang „Verlängern“ ein Video machen darf, alle Teile zusammen',
    fr: 'Durée maximale d’une vidéo prolongée, toutes ses parties ensemble',
    'es-ES': 'Cuánto puede durar un vídeo alargado, con todas sus partes',
    'pt-BR': 'Até quanto Estender pode alongar um vídeo, todas as partes juntas',
    ja: '延長で作れる動画の長さ（すべての部分の合計）',
  },
  'Longest extended video in seconds (default 60)': {
    de: 'Längstes verlängertes Video in Sekunden (Standard 60)',
    fr: 'Vidéo prolongée la plus longue, en secondes (60 par défaut)',
    'es-ES': 'Vídeo alargado más largo en segundos (60 por defecto)',
    'pt-BR': 'Vídeo estendido mais longo em segundos (padrão 60)',
    ja: '延長後の動画の最大秒数（既定 60）',
  },
  'Videos in progress at once, and the waiting line': {
    de: 'Gleichzeitig laufende Videos und die Warteschlange',
    fr: 'Vidéos en cours à la fois, et la file d’attente',
    'es-ES': 'Vídeos en curso a la vez y la cola de espera',
    'pt-BR': 'Vídeos em andamento ao mesmo tempo e a fila de espera',
    ja: '同時に作成できる動画の数と待ち行列',
  },
  'Jobs at once per member': {
    de: 'Gleichzeitige Aufträge pro Mitglied',
    fr: 'Tâches simultanées par membre',
    'es-ES': 'Tareas a la vez por miembro',
    'pt-BR': 'Tarefas ao mesmo tempo por membro',
    ja: 'メンバーごとの同時ジョブ数',
  },
  'Jobs at once for the whole server; more wait in line': {
    de: 'Gleichzeitige Aufträge für den ganzen Server; weitere warten in der Schlange',
    fr: 'Tâches à la fois pour tout le serveur ; les suivantes attendent dans la file',
    'es-ES': 'Trabajos a la vez para todo el servidor; los demás esperan en la cola',
    'pt-BR': 'Trabalhos ao mesmo tempo para o servidor todo; os demais esperam na fila',
    ja: 'サーバー全体で同時に作成できる数。超えた分は待ち行列に並びます',
  },
  'Jobs one member may have waiting in line (0: no line, refuse instead)': {
    de: 'Aufträge, die ein Mitglied in der Schlange haben darf (0: keine Schlange, stattdessen ablehnen)',
    fr: 'Tâches qu’un membre peut avoir dans la file (0 : pas de file, refuser à la place)',
    'es-ES': 'Trabajos que un miembro puede tener en la cola (0: sin cola, se rechazan)',
    'pt-BR': 'Trabalhos que um membro pode ter na fila (0: sem fila, recusar)',
    ja: '1 人のメンバーが待ち行列に並べられる数（0: 待ち行列なし、代わりに断る）',
  },
  'Minutes a job may wait in line before it is cancelled, unbilled': {
    de: 'Minuten, die ein Auftrag warten darf, bevor er abgebrochen wird (ohne Kosten)',
    fr: 'Minutes d’attente dans la file avant qu’une tâche soit annulée, sans frais',
    'es-ES': 'Minutos que un trabajo puede esperar en la cola antes de cancelarse, sin coste',
    'pt-BR': 'Minutos que um trabalho pode esperar na fila antes de ser cancelado, sem custo',
    ja: 'ジョブが待ち行列で待てる分数。超えると課金なしでキャンセルされます',
  },
  'Daily spending limits in US dollars (resets 00:00 UTC)': {
    de: 'Tägliche Ausgabenlimits in US-Dollar (Rücksetzung 00:00 UTC)',
    fr: 'Limites de dépense quotidiennes en dollars US (remise à zéro 00:00 UTC)',
    'es-ES': 'Límites de gasto diarios en dólares (se reinician a las 00:00 UTC)',
    'pt-BR': 'Limites diários de gasto em dólares (renovam às 00:00 UTC)',
    ja: '1 日の利用上限（米ドル、00:00 UTC にリセット）',
  },
  'Per member per day (USD)': {
    de: 'Pro Mitglied und Tag (USD)',
    fr: 'Par membre et par jour (USD)',
    'es-ES': 'Por miembro y día (USD)',
    'pt-BR': 'Por membro por dia (USD)',
    ja: 'メンバーごと 1 日あたり（USD）',
  },
  'For the whole server per day (USD)': {
    de: 'Für den ganzen Server pro Tag (USD)',
    fr: 'Pour tout le serveur par jour (USD)',
    'es-ES': 'Para todo el servidor por día (USD)',
    'pt-BR': 'Para o servidor inteiro por dia (USD)',
    ja: 'サーバー全体で 1 日あたり（USD）',
  },
  'Remove the per-member limit': {
    de: 'Das Limit pro Mitglied aufheben',
    fr: 'Supprimer la limite par membre',
    'es-ES': 'Quitar el límite por miembro',
    'pt-BR': 'Remover o limite por membro',
    ja: 'メンバーごとの上限をなくす',
  },
  'Remove the server limit': {
    de: 'Das Serverlimit aufheben',
    fr: 'Supprimer la limite du serveur',
    'es-ES': 'Quitar el límite del servidor',
    'pt-BR': 'Remover o limite do servidor',
    ja: 'サーバーの上限をなくす',
  },
  "Quality tier, priced per second (default: your own, else the server's)": {
    de: 'Qualitätsstufe, Preis pro Sekunde (Standard: deine eigene, sonst die des Servers)',
    fr: 'Niveau de qualité, prix à la seconde (par défaut : le vôtre, sinon celui du serveur)',
    'es-ES': 'Nivel de calidad, precio por segundo (por defecto: el tuyo, si no el del servidor)',
    'pt-BR': 'Nível de qualidade, preço por segundo (padrão: o seu, senão o do servidor)',
    ja: '品質ティア（秒単位の料金、既定は自分の設定、なければサーバーの設定）',
  },
  'Your default quality tier (if the server allows it)': {
    de: 'Deine Standard-Qualitätsstufe (wenn der Server sie erlaubt)',
    fr: 'Votre niveau de qualité par défaut (si le serveur l’autorise)',
    'es-ES': 'Tu nivel de calidad por defecto (si el servidor lo permite)',
    'pt-BR': 'Seu nível de qualidade padrão (se o servidor permitir)',
    ja: '既定の品質ティア（サーバーが許可している場合）',
  },
  'Standard: $0.084/s, $0.126/s with sound': {
    de: 'Standard: $0.084/s, $0.126/s mit Ton',
    fr: 'Standard : 0,084 $/s, 0,126 $/s avec le son',
    'es-ES': 'Standard: 0,084 $/s, 0,126 $/s con sonido',
    'pt-BR': 'Standard: US$ 0,084/s, US$ 0,126/s com som',
    ja: 'Standard：$0.084/秒、音声ありは $0.126/秒',
  },
  'Pro: $0.112/s, $0.168/s with sound': {
    de: 'Pro: $0.112/s, $0.168/s mit Ton',
    fr: 'Pro : 0,112 $/s, 0,168 $/s avec le son',
    'es-ES': 'Pro: 0,112 $/s, 0,168 $/s con sonido',
    'pt-BR': 'Pro: US$ 0,112/s, US$ 0,168/s com som',
    ja: 'Pro：$0.112/秒、音声ありは $0.168/秒',
  },
  '4K: $0.42/s, sound included': {
    de: '4K: $0.42/s, Ton inklusive',
    fr: '4K : 0,42 $/s, son compris',
    'es-ES': '4K: 0,42 $/s, sonido incluido',
    'pt-BR': '4K: US$ 0,42/s, som incluído',
    ja: '4K：$0.42/秒（音声込み）',
  },
  'Which quality tiers members may use, and the default': {
    de: 'Welche Qualitätsstufen Mitglieder nutzen dürfen, und die Standardstufe',
    fr: 'Les niveaux de qualité autorisés aux membres, et celui par défaut',
    'es-ES': 'Qué niveles de calidad pueden usar los miembros, y el predeterminado',
    'pt-BR': 'Quais níveis de qualidade os membros podem usar, e o padrão',
    ja: 'メンバーが使える品質ティアと既定のティア',
  },
  'Allow Standard (drafts)': {
    de: 'Standard erlauben (Entwürfe)',
    fr: 'Autoriser Standard (brouillons)',
    'es-ES': 'Permitir Standard (borradores)',
    'pt-BR': 'Permitir Standard (rascunhos)',
    ja: 'Standard を許可（下書き）',
  },
  'Allow Pro': {
    de: 'Pro erlauben',
    fr: 'Autoriser Pro',
    'es-ES': 'Permitir Pro',
    'pt-BR': 'Permitir Pro',
    ja: 'Pro を許可',
  },
  'Allow 4K (finals)': {
    de: '4K erlauben (finale Fassungen)',
    fr: 'Autoriser 4K (versions finales)',
    'es-ES': 'Permitir 4K (versiones finales)',
    'pt-BR': 'Permitir 4K (versões finais)',
    ja: '4K を許可（完成版）',
  },
  'The tier a video takes when its member names none': {
    de: 'Die Stufe eines Videos, wenn das Mitglied keine nennt',
    fr: 'Le niveau d’une vidéo quand le membre n’en indique aucun',
    'es-ES': 'El nivel de un vídeo cuando el miembro no indica ninguno',
    'pt-BR': 'O nível de um vídeo quando o membro não indica nenhum',
    ja: 'メンバーが指定しないときに使うティア',
  },
  Standard: { de: 'Standard', fr: 'Standard', 'es-ES': 'Standard', 'pt-BR': 'Standard', ja: 'Standard' },
  Pro: { de: 'Pro', fr: 'Pro', 'es-ES': 'Pro', 'pt-BR': 'Pro', ja: 'Pro' },
  '4K': { de: '4K', fr: '4K', 'es-ES': '4K', 'pt-BR': '4K', ja: '4K' },
};

type Node = Readonly<Record<string, unknown>>;

function translations(english: unknown): Partial<Record<CommandLocale, string>> | undefined {
  const found = typeof english === 'string' ? COMMAND_TEXT[english] : undefined;
  return found ? { ...found } : undefined;
}

function localizeNode(node: Node): Node {
  const described = translations(node.description);
  const choices = Array.isArray(node.choices)
    ? (node.choices as Node[]).map((choice) => {
        const named = translations(choice.name);
        return named ? { ...choice, name_localizations: named } : choice;
      })
    : undefined;
  const options = Array.isArray(node.options) ? (node.options as Node[]).map(localizeNode) : undefined;
  return {
    ...node,
    ...(described ? { description_localizations: described } : {}),
    ...(choices ? { choices } : {}),
    ...(options ? { options } : {}),
  };
}

/**
 * The command with `description_localizations` on it and every option, and `name_localizations`
 * on each choice, from {@link COMMAND_TEXT}. Text without an entry (a language's own name) stays
 * as it is in every locale.
 */
export function localizeCommand(command: RESTPostAPIChatInputApplicationCommandsJSONBody): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return localizeNode(command as unknown as Node) as unknown as RESTPostAPIChatInputApplicationCommandsJSONBody;
}
