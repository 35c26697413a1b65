import { describe, expect, it } from 'vitest';
import { JobEventBus } from '../src/jobs/events.js';

describe('the job event bus', () => {
  it('takes a listener that hands back a plain value as done, without reporting a failure', async () => {
    const failures: unknown[] = [];
    const bus = new JobEventBus((error) => failures.push(error));
    let counted = 0;
    // A counter's `inc()` returns a value; the listener is typed `void` all the same.
    bus.on('provider.request', (() => {
      counted += 1;
      return 1;
    }) as () => void);
    await bus.emit('provider.request', { kind: 'submit' });
    expect(counted).toBe(1);
    expect(failures).toEqual([]);
  });

  it('awaits a listener’s promise and reports its rejection without passing it to the emitter', async () => {
    const failures: unknown[] = [];
    const bus = new JobEventBus((error) => failures.push(error));
    const order: string[] = [];
    bus.on('provider.request', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('slow listener');
    });
    bus.on('provider.request', async () => {
      throw new Error('listener broke');
    });
    await bus.emit('provider.request', { kind: 'status' });
    order.push('emit returned');
    expect(order).toEqual(['slow listener', 'emit returned']);
    expect(failures).toHaveLength(1);
    expect((failures[0] as Error).message).toBe('listener broke');
  });

  it('tells without waiting for a slow listener, and still reports its failure', async () => {
    const failures: unknown[] = [];
    const bus = new JobEventBus((error) => failures.push(error));
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let done = false;
    bus.on('work.available', async () => {
      await held;
      done = true;
      throw new Error('late failure');
    });
    bus.notify('work.available', {});
    expect(done).toBe(false);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(true);
    expect((failures[0] as Error).message).toBe('late failure');
  });
});
