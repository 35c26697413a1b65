/** The redraw queue: asking returns at once, the newest state of a card wins, and edits are bounded. */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CardRedraws } from '../src/discord/cardRedraws.js';
import type { Job } from '../src/jobs/job.js';

const logger = pino({ level: 'silent' });
const job = (id: string, queuePosition: number) => ({ id, queuePosition }) as unknown as Job;

/** A draw that is held until the test lets it go, recording what it drew and how many ran at once. */
function heldDraws() {
  const drawn: string[] = [];
  const releases: (() => void)[] = [];
  let inFlight = 0;
  let most = 0;
  const draw = async (j: Job) => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise<void>((resolve) => releases.push(resolve));
    drawn.push(`${j.id}@${j.queuePosition}`);
    inFlight--;
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      for (const release of releases.splice(0)) release();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { draw, drawn, releaseAll, most: () => most };
}

describe('card redraws', () => {
  it('returns at once, keeps at most the bound in flight, and draws each card once with its newest state', async () => {
    const held = heldDraws();
    const redraws = new CardRedraws({ draw: held.draw, maxInFlight: 2, logger });
    for (let position = 20; position >= 1; position--) {
      for (let card = 0; card < 5; card++) redraws.request(job(`card${card}`, position));
    }
    // One waiting redraw per card, however often it was asked for.
    expect(redraws.size).toEqual({ pending: 5, inFlight: 2 });
    await held.releaseAll();
    expect(held.most()).toBe(2);
    // The first two were drawn as first asked; each was then asked again, and drawn once more with its last state.
    expect(held.drawn.sort()).toEqual(['card0@1', 'card0@20', 'card1@1', 'card1@20', 'card2@1', 'card3@1', 'card4@1']);
  });

  it('never draws a card twice at once, so an older state cannot land after a newer one', async () => {
    const held = heldDraws();
    const redraws = new CardRedraws({ draw: held.draw, maxInFlight: 4, logger });
    redraws.request(job('a', 3));
    redraws.request(job('a', 2));
    redraws.request(job('a', 1));
    expect(redraws.size).toEqual({ pending: 1, inFlight: 1 });
    await held.releaseAll();
    expect(held.drawn).toEqual(['a@3', 'a@1']);
  });

  it('skips the oldest waiting card beyond its bound, and forgets a settled card', async () => {
    const held = heldDraws();
    const redraws = new CardRedraws({ draw: held.draw, maxInFlight: 1, maxPending: 2, logger });
    for (const id of ['busy', 'old', 'mid', 'new']) redraws.request(job(id, 1));
    const settled = redraws.settle('mid');
    await held.releaseAll();
    await settled;
    expect(held.drawn).toEqual(['busy@1', 'new@1']);
  });

  it('waits for the edit in flight when a card is settled, and draws nothing after stop', async () => {
    const held = heldDraws();
    const redraws = new CardRedraws({ draw: held.draw, logger });
    redraws.request(job('final', 2));
    let settled = false;
    const settling = redraws.settle('final').then(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    await held.releaseAll();
    await settling;
    expect(held.drawn).toEqual(['final@2']);
    await redraws.stop();
    redraws.request(job('late', 1));
    expect(redraws.size).toEqual({ pending: 0, inFlight: 0 });
  });
});
