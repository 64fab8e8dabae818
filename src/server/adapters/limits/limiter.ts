import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** `points` events per `durationSec`; past that the key is refused for `blockSec` (default: the window's rest). */
export type LimitRule = { name: string; points: number; durationSec: number; blockSec?: number };

export type LimitVerdict = { allowed: boolean; retryAfterSec: number; consumed: number };

/**
 * Counters shared by every API instance when Redis is configured (in-process otherwise), on top of
 * rate-limiter-flexible. Keys should not contain personal data in the clear: callers pass hashes.
 */
export class Limiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  constructor(
    private readonly redis?: Redis,
    private readonly prefix = 'lk',
  ) {}

  private limiterFor(rule: LimitRule): RateLimiterAbstract {
    let limiter = this.limiters.get(rule.name);
    if (!limiter) {
      const options = {
        keyPrefix: `${this.prefix}:rl:${rule.name}`,
        points: rule.points,
        duration: rule.durationSec,
        blockDuration: rule.blockSec ?? 0,
      };
      limiter = this.redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis,
            // If Redis fails, this instance goes on counting alone rather than refusing every borrower.
            insuranceLimiter: new RateLimiterMemory(options),
          })
        : new RateLimiterMemory(options);
      this.limiters.set(rule.name, limiter);
    }
    return limiter;
  }

  /** Counts one event; refused once the rule's points are spent. */
  async consume(rule: LimitRule, key: string): Promise<LimitVerdict> {
    try {
      const res = await this.limiterFor(rule).consume(key);
      return { allowed: true, retryAfterSec: 0, consumed: res.consumedPoints };
    } catch (error) {
      if (error instanceof RateLimiterRes)
        return { allowed: false, retryAfterSec: secondsOf(error), consumed: error.consumedPoints };
      throw error;
    }
  }

  /** Whether the key is currently refused, without counting anything. */
  async check(rule: LimitRule, key: string): Promise<LimitVerdict> {
    const res = await this.limiterFor(rule).get(key);
    if (!res) return { allowed: true, retryAfterSec: 0, consumed: 0 };
    return {
      allowed: res.consumedPoints <= rule.points,
      retryAfterSec: res.consumedPoints > rule.points ? secondsOf(res) : 0,
      consumed: res.consumedPoints,
    };
  }

  /** Refuses the key for `seconds` from now. */
  async block(rule: LimitRule, key: string, seconds: number): Promise<void> {
    await this.limiterFor(rule).block(key, seconds);
  }

  async reset(rule: LimitRule, key: string): Promise<void> {
    await this.limiterFor(rule).delete(key);
  }
}

const secondsOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
