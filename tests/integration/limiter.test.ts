import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Limiter } from '../../src/server/adapters/limits/limiter';

const stores: [string, () => Limiter][] = [['memory', () => new Limiter()]];
const redis = process.env.REDIS_URL
  ? new Redis(process.env.REDIS_URL, { enableOfflineQueue: true })
  : undefined;
if (redis) stores.push(['redis', () => new Limiter(redis, `test-${randomUUID()}`)]);
afterAll(async () => void (await redis?.quit()));

describe.each(stores)('limiter (%s)', (_name, make) => {
  const rule = { name: 'five-a-minute', points: 5, durationSec: 60 };

  it('allows the rule’s points, then refuses with a wait', async () => {
    const limiter = make();
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await limiter.consume(rule, 'k'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false]);
    expect(verdicts[5]!.retryAfterSec).toBeGreaterThan(0);
    expect((await limiter.check(rule, 'k')).allowed).toBe(false);
    expect((await limiter.check(rule, 'other')).allowed).toBe(true);
  });

  it('blocks a key for a while and resets it', async () => {
    const limiter = make();
    const pause = { name: 'pause', points: 1, durationSec: 1 };
    await limiter.block(pause, 'k', 30);
    const state = await limiter.check(pause, 'k');
    expect(state.allowed).toBe(false);
    expect(state.retryAfterSec).toBeGreaterThan(25);
    await limiter.reset(pause, 'k');
    expect((await limiter.check(pause, 'k')).allowed).toBe(true);
  });
});
