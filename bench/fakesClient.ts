/** Starts fakesHost.ts in a child process and talks to it (see fakesProtocol.ts). */
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostCommandInput, HostCommandType, HostConfig, HostReady, HostReply, ReplyTo } from './fakesProtocol.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..');

export interface FakesProcess {
  ready: HostReady;
  request<K extends HostCommandType>(command: Extract<HostCommandInput, { type: K }>, timeoutMs?: number): Promise<ReplyTo<K>>;
  stop(): Promise<void>;
}

/** `node --import tsx <file>`: TypeScript children without a build, resolved from the repo root. */
export function forkTs(file: string, args: string[], extraExecArgv: string[] = []): ChildProcess {
  return fork(file, args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...extraExecArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export async function startFakes(config: HostConfig): Promise<FakesProcess> {
  const child = forkTs(join(HERE, 'fakesHost.ts'), [JSON.stringify(config)]);
  const pending = new Map<number, { resolve: (reply: HostReply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;

  const ready = await new Promise<HostReady>((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      const ready = message as HostReady;
      if (ready.type === 'ready') {
        child.off('message', onMessage);
        resolve(ready);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the fakes process exited (${String(code)}) before it was ready`)));
  });

  child.on('message', (message) => {
    const reply = message as HostReply;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.type === 'error') waiter.reject(new Error(`fakes process: ${reply.message}`));
    else waiter.resolve(reply);
  });
  child.on('exit', () => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error('the fakes process exited'));
    pending.clear();
  });

  const request = <K extends HostCommandType>(
    command: Extract<HostCommandInput, { type: K }>,
    timeoutMs = 120_000,
  ): Promise<ReplyTo<K>> => {
    const id = nextId++;
    return new Promise<ReplyTo<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`fakes process: no answer to ${command.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        // Replies carry the type of the command they answer; the host keeps that pairing.
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply as ReplyTo<K>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send({ ...command, id });
    });
  };

  return {
    ready,
    request,
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await request({ type: 'stop' }, 10_000).catch(() => child.kill());
      await gone;
    },
  };
}
