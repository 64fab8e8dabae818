import { createHash } from 'node:crypto';
import { toWire } from '../../../domain/money';
import {
  PayoutError,
  type PayoutDestination,
  type PayoutPort,
  type PayoutRequest,
  type PayoutResult,
  type PayoutStatus,
} from './payout-port';

/**
 * One payout of the fake provider, in plain JSON values (amount as wire kopecks, dates as ISO strings) so that
 * a database table with a jsonb column can hold it as is.
 */
export type FakePayoutRow = {
  providerPayoutId: string;
  idempotenceKey: string;
  /** Kopecks in the wire format (`toWire`). */
  amount: string;
  destination: PayoutDestination;
  description: string;
  metadata: Record<string, string>;
  /** ISO instant. */
  createdAt: string;
  status: PayoutStatus;
  /** What a pending payout becomes once settled; decided when it is created. */
  settlesAs: 'succeeded' | 'failed';
  failureReason?: string;
};

/**
 * Where the fake keeps its payouts, keyed by the provider payout id. Several API instances and restarts must see
 * the same payouts, so in production-like runs this is a database table; `put` inserts or replaces.
 */
export interface FakePayoutStore {
  get(key: string): Promise<FakePayoutRow | undefined>;
  put(key: string, row: FakePayoutRow): Promise<void>;
}

/** The store for tests and single-process demos. Keeps copies, so callers cannot change rows behind its back. */
export class InMemoryFakePayoutStore implements FakePayoutStore {
  readonly rows = new Map<string, FakePayoutRow>();

  async get(key: string) {
    const row = this.rows.get(key);
    return row && structuredClone(row);
  }

  async put(key: string, row: FakePayoutRow) {
    this.rows.set(key, structuredClone(row));
  }
}

export type FakePayoutsOptions = {
  /** A new payout is 'pending' and settles this long after its creation (on the next read). Default 2000 ms. */
  settleAfterMs?: number;
  now?: () => Date;
};

/** The demo rejection text (the rule below and the default of `failNext`). */
export const FAKE_PAYOUT_DECLINED = 'Банк получателя отклонил перевод';

const DEMO_FAILING_SUFFIX = '0002';

/**
 * The demo payout provider: nothing leaves the machine.
 * - A new payout starts 'pending' and becomes 'succeeded' (or 'failed') when it is read `settleAfterMs` or more
 *   after its creation.
 * - Idempotent by key: the provider payout id is derived from the idempotence key, so a repeated call — from this
 *   instance, another instance or after a restart — finds the same row and returns it instead of paying again.
 *   The same key with another amount or destination is refused, as real providers do.
 * - How the demo shows a failed payout: a card whose last four digits are 0002 (the МИР test card
 *   2200 0000 0002 0002 passes the Luhn check) or an SBP phone ending in 0002 (+7 900 000-00-02) is declined
 *   with «Банк получателя отклонил перевод». `failNext(reason)` declines the next new payout whatever its
 *   destination.
 * - `interruptNext()` makes the next createPayout throw a retryable PayoutError, by default after the payout was
 *   created (the answer lost on the way back) — the crash-and-retry path.
 * - Records every createPayout request in `requests` so tests assert side effects.
 */
export class FakePayouts implements PayoutPort {
  readonly provider = 'fake';
  readonly requests: PayoutRequest[] = [];
  private readonly settleAfterMs: number;
  private readonly now: () => Date;
  private nextFailure: string | undefined;
  private nextInterruption: 'before' | 'after' | undefined;

  constructor(
    private readonly store: FakePayoutStore = new InMemoryFakePayoutStore(),
    options: FakePayoutsOptions = {},
  ) {
    this.settleAfterMs = options.settleAfterMs ?? 2000;
    this.now = options.now ?? (() => new Date());
  }

  /** The next new payout (not a repeat of an existing key) settles as failed with this reason. */
  failNext(reason: string = FAKE_PAYOUT_DECLINED): void {
    this.nextFailure = reason;
  }

  /**
   * The next createPayout throws a retryable PayoutError: 'after' creates the payout first (the provider paid,
   * the answer was lost), 'before' fails without creating anything (the provider was unreachable).
   */
  interruptNext(when: 'before' | 'after' = 'after'): void {
    this.nextInterruption = when;
  }

  /** The provider payout id of a key: deterministic, so every instance finds the same row. */
  static payoutIdOf(idempotenceKey: string): string {
    return `po-fake-${createHash('sha256').update(idempotenceKey).digest('hex').slice(0, 32)}`;
  }

  async createPayout(req: PayoutRequest): Promise<PayoutResult> {
    this.requests.push(req);
    const interruption = this.nextInterruption;
    this.nextInterruption = undefined;
    if (interruption === 'before') throw new PayoutError('fake payouts: provider unreachable', true);

    if (req.amount <= 0n)
      throw new PayoutError(`fake payouts: the amount must be positive: ${req.amount}`, false);
    const id = FakePayouts.payoutIdOf(req.idempotenceKey);
    let row = await this.store.get(id);
    if (row) {
      if (row.amount !== toWire(req.amount) || !sameDestination(row.destination, req.destination))
        throw new PayoutError('fake payouts: the idempotence key was used with other parameters', false);
    } else {
      const failure = this.nextFailure ?? demoFailure(req.destination);
      this.nextFailure = undefined;
      row = {
        providerPayoutId: id,
        idempotenceKey: req.idempotenceKey,
        amount: toWire(req.amount),
        destination: req.destination,
        description: req.description,
        metadata: req.metadata,
        createdAt: this.now().toISOString(),
        status: 'pending',
        settlesAs: failure === undefined ? 'succeeded' : 'failed',
        ...(failure === undefined ? {} : { failureReason: failure }),
      };
      await this.store.put(id, row);
    }
    const result = await this.settled(row);
    if (interruption === 'after') throw new PayoutError('fake payouts: the answer was lost (timeout)', true);
    return result;
  }

  async getPayout(providerPayoutId: string): Promise<PayoutResult> {
    const row = await this.store.get(providerPayoutId);
    if (!row) throw new PayoutError(`fake payouts: no payout ${providerPayoutId}`, false);
    return this.settled(row);
  }

  /** Settles a pending payout whose time has come (and saves it), then answers with its state. */
  private async settled(row: FakePayoutRow): Promise<PayoutResult> {
    if (row.status === 'pending' && this.now().getTime() - Date.parse(row.createdAt) >= this.settleAfterMs) {
      row = { ...row, status: row.settlesAs };
      await this.store.put(row.providerPayoutId, row);
    }
    return row.status === 'failed'
      ? {
          providerPayoutId: row.providerPayoutId,
          status: 'failed',
          failureReason: row.failureReason ?? FAKE_PAYOUT_DECLINED,
        }
      : { providerPayoutId: row.providerPayoutId, status: row.status };
  }
}

/** The demo rule: a card ending in 0002 or an SBP phone ending in 0002 is declined. */
function demoFailure(destination: PayoutDestination): string | undefined {
  if (destination.kind === 'card' && destination.last4 === DEMO_FAILING_SUFFIX) return FAKE_PAYOUT_DECLINED;
  if (destination.kind === 'sbp' && destination.phone.replace(/\D/g, '').endsWith(DEMO_FAILING_SUFFIX))
    return FAKE_PAYOUT_DECLINED;
  return undefined;
}

function sameDestination(a: PayoutDestination, b: PayoutDestination): boolean {
  switch (a.kind) {
    case 'card':
      return b.kind === 'card' && a.cardToken === b.cardToken;
    case 'sbp':
      return (
        b.kind === 'sbp' && a.phone.replace(/\D/g, '') === b.phone.replace(/\D/g, '') && a.bankId === b.bankId
      );
    case 'bank_account':
      return b.kind === 'bank_account' && a.accountNumber === b.accountNumber && a.bik === b.bik;
  }
}
