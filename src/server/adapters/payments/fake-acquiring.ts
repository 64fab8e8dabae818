import { createHash } from 'node:crypto';
import { parseKopecks, toWire, type Kopecks } from '../../../domain/money';
import {
  AcquiringError,
  type AcquiringPort,
  type CreatePaymentRequest,
  type CreateRefundRequest,
  type PaymentMethodKind,
  type ProviderPayment,
  type ProviderPaymentStatus,
  type ProviderRefund,
} from './acquiring-port';

/** A refund of the fake acquirer, kept inside its payment's row (one write changes both). */
export type FakeRefundEntry = {
  providerRefundId: string;
  idempotenceKey: string;
  /** Kopecks in the wire format (`toWire`). */
  amount: string;
  description: string;
  /** ISO instant. */
  createdAt: string;
};

/**
 * One payment of the fake acquirer, in plain JSON values (amounts as wire kopecks, dates as ISO strings) so that
 * a database table with a jsonb column can hold it as is.
 */
export type FakePaymentRow = {
  kind: 'payment';
  providerPaymentId: string;
  idempotenceKey: string;
  /** Kopecks in the wire format (`toWire`). */
  amount: string;
  method: PaymentMethodKind;
  description: string;
  returnUrl: string;
  metadata: Record<string, string>;
  /** ISO instant. */
  createdAt: string;
  status: ProviderPaymentStatus;
  /** ISO instant; set when the status becomes 'succeeded'. */
  acceptedAt?: string;
  cancellationReason?: string;
  refunds: FakeRefundEntry[];
};

/**
 * An index row: which payment a refund key belongs to. Refund keys are global at a real provider, so the fake
 * finds a repeated refund key even when it comes with another payment id (and refuses it).
 */
export type FakeRefundRow = {
  kind: 'refund';
  providerRefundId: string;
  providerPaymentId: string;
  idempotenceKey: string;
  amount: string;
};

export type FakeAcquiringRow = FakePaymentRow | FakeRefundRow;

/**
 * Where the fake keeps its records, keyed by the provider payment id or refund id. Several API instances and
 * restarts must see the same payments, so in production-like runs this is a database table; `put` inserts or
 * replaces.
 */
export interface FakeAcquiringStore {
  get(key: string): Promise<FakeAcquiringRow | undefined>;
  put(key: string, row: FakeAcquiringRow): Promise<void>;
}

/** The store for tests and single-process demos. Keeps copies, so callers cannot change rows behind its back. */
export class InMemoryFakeAcquiringStore implements FakeAcquiringStore {
  readonly rows = new Map<string, FakeAcquiringRow>();

  async get(key: string) {
    const row = this.rows.get(key);
    return row && structuredClone(row);
  }

  async put(key: string, row: FakeAcquiringRow) {
    this.rows.set(key, structuredClone(row));
  }
}

export type FakeAcquiringOptions = {
  /** Where the fake's payment page is served, e.g. '/fake-acquiring/pay'; a payment's page is `${base}/${id}`. */
  pageBaseUrl: string;
  now?: () => Date;
};

/** What the demo payment page shows besides the payment itself. */
export type FakePaymentDetails = {
  payment: ProviderPayment;
  method: PaymentMethodKind;
  description: string;
  returnUrl: string;
  refunded: Kopecks;
};

/** The reason of a payment the payer's bank declined (the «Банк отклонил» button and the default of `fail`). */
export const FAKE_PAYMENT_DECLINED = 'Банк отклонил платёж';
/** The reason of a payment the payer gave up on (the «Отказаться от оплаты» button). */
export const FAKE_PAYMENT_ABANDONED = 'Платёж отменён: оплата не завершена';

/**
 * The demo acquirer: nothing leaves the machine, the payer "pays" on the fake's own page (fake-payment-page.ts).
 * - A new payment is 'pending' with a confirmation URL of that page; the payer's buttons call `succeed`, `fail`
 *   or `abandon`. A final payment never changes again: a later action is ignored and returns it as it is.
 * - Idempotent by key: the provider payment id is derived from the idempotence key, so a repeated call — from
 *   this instance, another instance or after a restart — finds the same row instead of creating a second
 *   payment. The same key with another amount or method is refused, as real providers do.
 * - `failNextCreate()` makes the next createPayment throw a retryable error before anything is stored (the
 *   provider was unreachable); `interruptNextCreate()` stores the payment and then throws (the answer was lost).
 * - Refunds succeed at once, only for a succeeded payment and up to what is left of it.
 * - `requests` records every createPayment call, `created` the idempotence keys of the payments this instance
 *   actually created: tests assert "one payment at the provider".
 */
export class FakeAcquiring implements AcquiringPort {
  readonly provider = 'fake';
  readonly requests: CreatePaymentRequest[] = [];
  readonly created: string[] = [];
  private readonly pageBaseUrl: string;
  private readonly now: () => Date;
  private nextCreate: 'unreachable' | 'lost-answer' | undefined;
  /** Serializes read-modify-write of one row within this process (a double click must not flip a final state). */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: FakeAcquiringStore = new InMemoryFakeAcquiringStore(),
    options: FakeAcquiringOptions,
  ) {
    this.pageBaseUrl = options.pageBaseUrl.replace(/\/+$/, '');
    this.now = options.now ?? (() => new Date());
  }

  /** The provider payment id of a key: deterministic, so every instance finds the same row. */
  static paymentIdOf(idempotenceKey: string): string {
    return `pay-fake-${digest(idempotenceKey)}`;
  }

  static refundIdOf(idempotenceKey: string): string {
    return `rf-fake-${digest(idempotenceKey)}`;
  }

  /** The next createPayment throws a retryable AcquiringError and stores nothing (the provider was unreachable). */
  failNextCreate(): void {
    this.nextCreate = 'unreachable';
  }

  /** The next createPayment stores the payment, then throws a retryable AcquiringError (the answer was lost). */
  interruptNextCreate(): void {
    this.nextCreate = 'lost-answer';
  }

  async createPayment(req: CreatePaymentRequest): Promise<ProviderPayment> {
    this.requests.push(req);
    const hook = this.nextCreate;
    this.nextCreate = undefined;
    if (hook === 'unreachable') throw new AcquiringError('fake acquiring: provider unreachable', true);

    if (req.amount <= 0n)
      throw new AcquiringError(`fake acquiring: the amount must be positive: ${req.amount}`, false);
    if (req.idempotenceKey.length === 0)
      throw new AcquiringError('fake acquiring: the idempotence key is empty', false);
    const id = FakeAcquiring.paymentIdOf(req.idempotenceKey);
    const payment = await this.locked(id, async () => {
      const existing = await this.store.get(id);
      if (existing) {
        if (existing.kind !== 'payment' || existing.idempotenceKey !== req.idempotenceKey)
          throw new AcquiringError(`fake acquiring: ${id} is not a payment of this key`, false);
        if (existing.amount !== toWire(req.amount) || existing.method !== req.method)
          throw new AcquiringError(
            'fake acquiring: the idempotence key was used with other parameters',
            false,
          );
        return this.paymentOf(existing);
      }
      const row: FakePaymentRow = {
        kind: 'payment',
        providerPaymentId: id,
        idempotenceKey: req.idempotenceKey,
        amount: toWire(req.amount),
        method: req.method,
        description: req.description,
        returnUrl: req.returnUrl,
        metadata: { ...req.metadata },
        createdAt: this.now().toISOString(),
        status: 'pending',
        refunds: [],
      };
      await this.store.put(id, row);
      this.created.push(req.idempotenceKey);
      return this.paymentOf(row);
    });
    if (hook === 'lost-answer')
      throw new AcquiringError('fake acquiring: the answer was lost (timeout)', true);
    return payment;
  }

  async getPayment(providerPaymentId: string): Promise<ProviderPayment> {
    return this.paymentOf(await this.row(providerPaymentId));
  }

  /** The payment with what the demo page shows; undefined for an unknown id. */
  async details(providerPaymentId: string): Promise<FakePaymentDetails | undefined> {
    const row = await this.store.get(providerPaymentId);
    if (row?.kind !== 'payment') return undefined;
    return {
      payment: this.paymentOf(row),
      method: row.method,
      description: row.description,
      returnUrl: row.returnUrl,
      refunded: refundedOf(row),
    };
  }

  /** The payer paid: pending → succeeded, accepted now. */
  succeed(providerPaymentId: string): Promise<ProviderPayment> {
    return this.finish(providerPaymentId, (row) => ({
      ...row,
      status: 'succeeded',
      acceptedAt: this.now().toISOString(),
    }));
  }

  /** The payer's bank declined: pending → canceled with `reason`. */
  fail(providerPaymentId: string, reason: string = FAKE_PAYMENT_DECLINED): Promise<ProviderPayment> {
    return this.finish(providerPaymentId, (row) => ({
      ...row,
      status: 'canceled',
      cancellationReason: reason,
    }));
  }

  /** The payer gave up (closed the page, pressed «Отказаться»): pending → canceled. */
  abandon(providerPaymentId: string): Promise<ProviderPayment> {
    return this.finish(providerPaymentId, (row) => ({
      ...row,
      status: 'canceled',
      cancellationReason: FAKE_PAYMENT_ABANDONED,
    }));
  }

  async createRefund(req: CreateRefundRequest): Promise<ProviderRefund> {
    if (req.amount <= 0n)
      throw new AcquiringError(`fake acquiring: the refund amount must be positive: ${req.amount}`, false);
    if (req.idempotenceKey.length === 0)
      throw new AcquiringError('fake acquiring: the refund idempotence key is empty', false);
    const refundId = FakeAcquiring.refundIdOf(req.idempotenceKey);
    return this.locked(req.providerPaymentId, async () => {
      const index = await this.store.get(refundId);
      if (index) {
        if (
          index.kind !== 'refund' ||
          index.providerPaymentId !== req.providerPaymentId ||
          index.amount !== toWire(req.amount)
        )
          throw new AcquiringError('fake acquiring: the refund key was used with other parameters', false);
        return { providerRefundId: refundId, status: 'succeeded' };
      }
      const row = await this.row(req.providerPaymentId);
      // The payment row is written first: a crash before the index row leaves the refund findable here.
      const made = row.refunds.find((r) => r.idempotenceKey === req.idempotenceKey);
      if (made) {
        if (made.amount !== toWire(req.amount))
          throw new AcquiringError('fake acquiring: the refund key was used with other parameters', false);
      } else {
        if (row.status !== 'succeeded')
          throw new AcquiringError(
            `fake acquiring: payment ${row.providerPaymentId} is ${row.status}`,
            false,
          );
        const left = parseKopecks(row.amount) - refundedOf(row);
        if (req.amount > left)
          throw new AcquiringError(
            `fake acquiring: refund ${req.amount} exceeds what is left of the payment (${left})`,
            false,
          );
        const entry: FakeRefundEntry = {
          providerRefundId: refundId,
          idempotenceKey: req.idempotenceKey,
          amount: toWire(req.amount),
          description: req.description,
          createdAt: this.now().toISOString(),
        };
        await this.store.put(row.providerPaymentId, { ...row, refunds: [...row.refunds, entry] });
      }
      await this.store.put(refundId, {
        kind: 'refund',
        providerRefundId: refundId,
        providerPaymentId: row.providerPaymentId,
        idempotenceKey: req.idempotenceKey,
        amount: toWire(req.amount),
      });
      return { providerRefundId: refundId, status: 'succeeded' };
    });
  }

  /** Applies a payer's action to a pending payment; a final payment is returned unchanged. */
  private finish(
    providerPaymentId: string,
    change: (row: FakePaymentRow) => FakePaymentRow,
  ): Promise<ProviderPayment> {
    return this.locked(providerPaymentId, async () => {
      const row = await this.row(providerPaymentId);
      if (row.status !== 'pending') return this.paymentOf(row);
      const next = change(row);
      await this.store.put(providerPaymentId, next);
      return this.paymentOf(next);
    });
  }

  private async row(providerPaymentId: string): Promise<FakePaymentRow> {
    const row = await this.store.get(providerPaymentId);
    if (row?.kind !== 'payment')
      throw new AcquiringError(`fake acquiring: no payment ${providerPaymentId}`, false);
    return row;
  }

  private paymentOf(row: FakePaymentRow): ProviderPayment {
    return {
      providerPaymentId: row.providerPaymentId,
      status: row.status,
      amount: parseKopecks(row.amount),
      confirmationUrl:
        row.status === 'pending' ? `${this.pageBaseUrl}/${encodeURIComponent(row.providerPaymentId)}` : null,
      acceptedAt: row.acceptedAt === undefined ? null : new Date(row.acceptedAt),
      ...(row.status === 'canceled'
        ? { cancellationReason: row.cancellationReason ?? FAKE_PAYMENT_DECLINED }
        : {}),
      metadata: { ...row.metadata },
    };
  }

  /** Runs `task` after every earlier task of the same key in this process. */
  private async locked<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    this.locks.set(key, current);
    try {
      return await current;
    } finally {
      if (this.locks.get(key) === current) this.locks.delete(key);
    }
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function refundedOf(row: FakePaymentRow): Kopecks {
  return row.refunds.reduce((total, r) => total + parseKopecks(r.amount), 0n);
}
