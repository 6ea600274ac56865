import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../src/discord/turns.ts';

describe('TurnQueue', () => {
  it('runs jobs in order, each in its own turn, so other callbacks run between two of them', async () => {
    const turns = new TurnQueue();
    const order: string[] = [];
    const jobs = [1, 2, 3].map((n) =>
      turns.run(() => {
        order.push(`job ${n}`);
        // Stands for a timer or a gateway read that became due while this job ran.
        setImmediate(() => order.push(`between ${n}`));
        return n * 10;
      }),
    );
    expect(turns.waiting).toBe(3);
    await expect(Promise.all(jobs)).resolves.toEqual([10, 20, 30]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['job 1', 'between 1', 'job 2', 'between 2', 'job 3', 'between 3']);
  });

  it('rejects with the error a job throws or rejects with, and goes on with the next', async () => {
    const turns = new TurnQueue();
    const failing = turns.run(() => {
      throw new Error('broken');
    });
    const rejecting = turns.run(() => Promise.reject(new Error('refused')));
    const fine = turns.run(() => 'ok');
    await expect(failing).rejects.toThrow('broken');
    await expect(rejecting).rejects.toThrow('refused');
    await expect(fine).resolves.toBe('ok');
  });
});
