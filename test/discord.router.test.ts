/** The router's table covers every command and button, and counts each run per handler. */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { animateMessageCommand } from '../commands/animate.js';
import { settingsCommand } from '../commands/settings.js';
import { videoCommand } from '../commands/video.js';
import { JOB_ACTIONS, OPEN_ACTIONS } from '../src/discord/customIds.js';
import { ROUTE_TABLE } from '../src/discord/router.js';
import { startWorld, type World } from '../testkit/world/botWorld.js';
import { answerText } from './helpers/inspect.js';

describe('the interaction router', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('has a handler for every sub-command, every job button, every open button and the form', () => {
    const scopes = [
      // A sub-command group (type 2) routes each of its sub-commands as `command/group/sub`.
      ...[videoCommand, settingsCommand].flatMap((command) =>
        (command.options as readonly { type: number; name: string; options?: readonly { name: string }[] }[]).flatMap((sub) =>
          sub.type === 2
            ? (sub.options ?? []).map((leaf) => `command:${command.name}/${sub.name}/${leaf.name}`)
            : [`command:${command.name}/${sub.name}`],
        ),
      ),
      ...JOB_ACTIONS.map((action) => `button:job:${action}`),
      ...OPEN_ACTIONS.map((action) => `button:open:${action}`),
      `message:${animateMessageCommand.name}`,
      'modal:form',
    ];
    expect(Object.keys(ROUTE_TABLE).sort()).toEqual(scopes.sort());
    // One handler per interaction: no two scopes share one.
    expect(new Set(Object.values(ROUTE_TABLE)).size).toBe(scopes.length);
  });

  it('counts handled interactions per handler in /metrics', async () => {
    world = await startWorld();
    const { seed } = world;
    expect(await answerText(world.subcommand(seed.requesterId, 'video', 'help'))).toContain('Making videos with Kling 3.0**');
    expect(await answerText(world.subcommand(seed.requesterId, 'video', 'status', { job: 'nosuchjob1' }))).toContain('There is no job');
    // Counted once the answer is sent, which the member may see a moment before the bot does.
    const app = world.app;
    await vi.waitFor(async () => {
      const metrics = await app.metrics.registry.metrics();
      expect(metrics).toMatch(/bot_interactions_total\{handler="video\.help",outcome="handled"\} 1\b/);
      expect(metrics).toMatch(/bot_interactions_total\{handler="video\.status",outcome="handled"\} 1\b/);
    });
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).not.toMatch(/bot_interactions_total\{handler="[^"]+",outcome="failed"\}/);
  });
});

describe('the Discord layer’s imports', () => {
  const discordDir = fileURLToPath(new URL('../src/discord/', import.meta.url));
  const files = readdirSync(discordDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
  const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);

  // The commands' types only: a handler's options are typed from its command's definition, and
  // `commands/` builds on this layer at run time.
  const valueImportsOf = (file: string) =>
    [...readFileSync(file, 'utf8').matchAll(/import (?!type )[^;]*?from '([^']+)'/g)].map((m) => m[1] as string);

  it('never reaches up into commands/ but for their types', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((file) => valueImportsOf(file).some((s) => s.includes('/commands/')))).toEqual([]);
  });

  it('keeps the showcase and the handlers apart: the showcase imports no handler', () => {
    expect(importsOf(join(discordDir, 'showcase.ts')).filter((s) => s.includes('handlers/') || s.includes('router'))).toEqual([]);
  });
});
