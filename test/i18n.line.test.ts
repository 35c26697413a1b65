/** The waiting line in each language: where a job stands is an ordinal the language writes itself. */
import { describe, expect, it } from 'vitest';
import type { Language } from '../src/community/languages.js';
import { copyFor } from '../src/discord/copy.js';
import { waitingAnswer } from '../src/discord/startJob.js';
import { lineSetting } from '../src/discord/views/settingsText.js';
import { usageLines } from '../src/discord/views/usageText.js';
import type { Job } from '../src/jobs/job.js';

const waiting = (queuePosition: number | null) =>
  ({
    state: 'waiting',
    queuePosition,
    deletedAt: null,
    cancelRefusedAt: null,
    errorKind: null,
    errorMessage: null,
    submittedAt: null,
    startedAt: null,
    createdAt: 0,
    finishedAt: null,
    updatedAt: 0,
  }) as unknown as Job;

describe('the line in the member’s language', () => {
  const cases: [Language, number, string][] = [
    ['en', 1, "🧍 Waiting: 1st in this server's line"],
    ['en', 2, "🧍 Waiting: 2nd in this server's line"],
    ['en', 3, "🧍 Waiting: 3rd in this server's line"],
    ['en', 11, "🧍 Waiting: 11th in this server's line"],
    ['en', 22, "🧍 Waiting: 22nd in this server's line"],
    ['de', 3, '🧍 Wartet: an 3. Stelle in der Warteschlange dieses Servers'],
    ['fr', 1, '🧍 En attente : 1re dans la file de ce serveur'],
    ['fr', 3, '🧍 En attente : 3e dans la file de ce serveur'],
    ['es-ES', 3, '🧍 Esperando: 3.º en la cola de este servidor'],
    ['pt-BR', 3, '🧍 Aguardando: 3º na fila deste servidor'],
    ['ja', 3, '🧍 待機中：このサーバーの待ち行列で 3 番目'],
  ];
  for (const [language, position, card] of cases) {
    it(`writes position ${position} on a ${language} card as the language does`, () => {
      expect(copyFor(language).stateText(waiting(position), 0)).toBe(card);
    });
  }

  it('says where the job waits in the start reply, or only that it waits when the place is not known', () => {
    const de = copyFor('de');
    expect(waitingAnswer(de, 0.84, 2, '<#1>')).toContain('(an 2. Stelle)');
    expect(waitingAnswer(de, 0.84, null, '<#1>')).not.toContain('Stelle');
    expect(waitingAnswer(copyFor('en'), 0.84, 4, '<#1>')).toContain('waits in its line (4th)');
  });

  it('refuses a full line and a busy server in the member’s language, with the count', () => {
    const fr = copyFor('fr');
    expect(fr.admissionRefusalText({ kind: 'line_full', waitingJobs: 1 } as never)).toContain('1 vidéo dans la file');
    expect(copyFor('ja').admissionRefusalText({ kind: 'server_busy', activeJobs: 4 } as never)).toContain('4 本');
  });

  it('shows the line and the new limits in the settings and usage views of each language', () => {
    const es = copyFor('es-ES');
    expect(es.t('settings.serverConcurrent', { count: 4 })).toBe('Vídeos en curso para el servidor: 4');
    expect(lineSetting(5, 120, es)).toBe('Cola de espera: hasta 5 por miembro, cada uno hasta 2 h');
    expect(lineSetting(0, 120, es)).toContain('desactivada');
    const lines = usageLines(
      {
        mineUsd: 0,
        serverUsd: 0,
        memberBudgetUsd: null,
        serverBudgetUsd: null,
        byState: [['waiting', 2]],
        inProgress: 0,
        maxConcurrent: 2,
        msUntilReset: 60_000,
        line: { waiting: 3, mine: 2 },
      },
      copyFor('pt-BR'),
    );
    expect(lines).toContain('Aguardando na fila deste servidor: 3 (seus: 2)');
    expect(lines.join('\n')).toContain('2 aguardando na fila');
  });
});
