import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { journalEntries, loans } from '../../src/server/adapters/db/schema-loans';
import { notifications, payments } from '../../src/server/adapters/db/schema-servicing';
import { closeBusinessDay } from '../../src/server/modules/servicing/close-business-day';
import { dispatchMessages } from '../../src/server/workers';
import {
  actOnPaymentPage,
  borrowerWithLoan as withLoan,
  passDays as passDaysOf,
  signInAgain,
  startPayment as pay,
  takeLoan,
  todayOf,
} from '../support/servicing';
import {
  clientsOf,
  lastCodeSentTo,
  registerBorrower,
  useTestApp,
  type TestClient,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.40.0');
const today = () => todayOf(t);
const passDays = (days: number) => passDaysOf(t, days);
const payOnPage = (_c: TestClient, payment: { confirmationUrl: string }) => actOnPaymentPage(t, payment);

async function borrowerWithLoan() {
  const c = client();
  return { c, ...(await withLoan(t, c)) };
}

describe('paying online', () => {
  it('pays the next payment on the provider page: credited, allocated, receipt, message', async () => {
    const { c, loan } = await borrowerWithLoan();
    expect(loan.nextPayment).toMatchObject({ amount: '1000000', dueDate: addDays(today(), 30) });
    const payment = await pay(c, loan.id, { purpose: 'custom', amount: '300000' });
    expect(payment).toMatchObject({ status: 'processing', amount: '300000' });
    expect(payment.confirmationUrl).toMatch(/^\/fake-acquiring\/pay\//);
    await payOnPage(c, payment);
    const after = (await c.get(`/api/me/loans/${loan.id}/payments/${payment.id}`)).json();
    expect(after).toMatchObject({ status: 'credited', paymentDate: today() });
    expect(after.allocation).toEqual([{ label: 'Основной долг', amount: '300000' }]);
    const view = (await c.get(`/api/me/loans/${loan.id}`)).json();
    expect(view.balances).toMatchObject({ principal: '700000', total: '700000' });
    const receipt = await c.get(after.receiptUrl);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const messages = (await c.get('/api/me/notifications')).json();
    expect(messages.items[0]).toMatchObject({ kind: 'payment_credited', read: false });
  });

  it('the same idempotency key returns the first answer; with another body it is refused', async () => {
    const { c, loan } = await borrowerWithLoan();
    const key = randomUUID();
    const first = await c.post(`/api/me/loans/${loan.id}/payments`, {
      idempotencyKey: key,
      method: 'card',
      purpose: 'payoff',
    });
    const again = await c.post(`/api/me/loans/${loan.id}/payments`, {
      idempotencyKey: key,
      method: 'card',
      purpose: 'payoff',
    });
    expect(again.json().id).toBe(first.json().id);
    const other = await c.post(`/api/me/loans/${loan.id}/payments`, {
      idempotencyKey: key,
      method: 'sbp',
      purpose: 'payoff',
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(t.acquiring.created.filter((k) => k === first.json().id)).toHaveLength(1);
  });

  it('a provider outage answers 503 and a retry with the same key creates exactly one payment', async () => {
    const { c, loan } = await borrowerWithLoan();
    const key = randomUUID();
    t.acquiring.interruptNextCreate();
    const lost = await c.post(`/api/me/loans/${loan.id}/payments`, {
      idempotencyKey: key,
      method: 'card',
      purpose: 'payoff',
    });
    expect(lost.json().code).toBe('ACQUIRING_UNAVAILABLE');
    const retry = await c.post(`/api/me/loans/${loan.id}/payments`, {
      idempotencyKey: key,
      method: 'card',
      purpose: 'payoff',
    });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().confirmationUrl).toBeTruthy();
    const rows = await t.database.db.select().from(payments).where(eq(payments.loanId, loan.id));
    expect(rows).toHaveLength(1);
  });

  it('ten simultaneous notifications credit the payment once', async () => {
    const { c, loan } = await borrowerWithLoan();
    const payment = await pay(c, loan.id, { purpose: 'custom', amount: '100000' });
    const [row] = await t.database.db.select().from(payments).where(eq(payments.id, payment.id));
    await t.acquiring.succeed(row!.providerPaymentId!);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/webhooks/acquiring/yookassa',
          payload: {
            type: 'notification',
            event: 'payment.succeeded',
            object: { id: row!.providerPaymentId },
          },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    const entries = await t.database.db
      .select()
      .from(journalEntries)
      .where(eq(journalEntries.idempotencyKey, `payment:${row!.providerPaymentId}`));
    expect(entries).toHaveLength(1);
    const credited = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `credited:${payment.id}`));
    expect(credited).toHaveLength(1);
    expect((await c.get(`/api/me/loans/${loan.id}`)).json().balances.principal).toBe('900000');
  });

  it('a failed or abandoned payment is shown as failed and credits nothing', async () => {
    const { c, loan } = await borrowerWithLoan();
    const payment = await pay(c, loan.id, { purpose: 'payoff' });
    await t.app.inject({ method: 'POST', url: `${payment.confirmationUrl}/fail` });
    const after = (await c.get(`/api/me/loans/${loan.id}/payments/${payment.id}`)).json();
    expect(after).toMatchObject({
      status: 'failed',
      failureReason: 'Банк отклонил платёж',
      receiptUrl: null,
    });
    expect((await c.get(`/api/me/loans/${loan.id}`)).json().balances.principal).toBe('1000000');
  });

  it('refuses an amount above the debt, and shows bank-transfer details with the contract number', async () => {
    const { c, loan } = await borrowerWithLoan();
    const tooMuch = await c.post(`/api/me/loans/${loan.id}/payments`, {
      idempotencyKey: randomUUID(),
      method: 'card',
      purpose: 'custom',
      amount: '99900000',
    });
    expect(tooMuch.json()).toMatchObject({ code: 'PAYMENT_AMOUNT_INVALID' });
    expect(loan.bankTransfer.purpose).toContain(loan.contractNumber);
  });
});

describe('accrual, overdue, payoff and closing', () => {
  it('a repeat loan accrues interest nightly, falls overdue, accrues a penalty, and closes when paid in full', async () => {
    // The first loan (0 %) is repaid at once; the second is priced at the product rate, 0.8 % a day.
    const { c, person, loan: first } = await borrowerWithLoan();
    const payoff = await pay(c, first.id, { purpose: 'payoff' });
    await payOnPage(c, payoff);
    expect((await c.get(`/api/me/loans/${first.id}`)).json()).toMatchObject({
      status: 'closed',
      closedOn: today(),
    });
    const certificate = await c.get(`/api/me/loans/${first.id}/certificate`);
    expect(certificate.headers['content-type']).toBe('application/pdf');

    const loan = await takeLoan(t, c, person.phone, { productId: 'payday', amount: '1000000', term: 10 });
    expect(loan.dailyRateBp).toBe(80);
    await passDays(5);
    await signInAgain(c, person);
    const raw = await c.get(`/api/me/loans/${loan.id}`);
    expect(raw.statusCode, raw.body).toBe(200);
    let view = raw.json();
    // 10 000 ₽ × 0.8 % × 5 days = 400 ₽: 4 closed days and today's, not yet booked — the debt today is the payoff
    // (issue 10, item 14: the card showed the booked 320 ₽ beside a payoff with 400 ₽).
    expect(view.balances.interest).toBe('40000');
    expect(view.balances.total).toBe(view.payoff.amount);
    expect(view.payoff.amount).toBe(String(1_000_000 + 5 * 8_000));
    await passDays(8); // past the due date (day 10): two days overdue
    await signInAgain(c, person);
    view = (await c.get(`/api/me/loans/${loan.id}`)).json();
    expect(view.status).toBe('overdue');
    expect(view.balances.principalOverdue).toBe('1000000');
    // Penalty 20 % a year on 10 000 ₽: 547 kopecks a day (rounded down), for days 11, 12 and today's 13.
    expect(view.balances.penalty).toBe('1641');
    expect(view.prolongation.available).toBe(false);
    const full = await pay(c, loan.id, { purpose: 'payoff' });
    await payOnPage(c, full);
    view = (await c.get(`/api/me/loans/${loan.id}`)).json();
    expect(view).toMatchObject({ status: 'closed', balances: { total: '0' } });
    expect(view.certificateUrl).toBe(`/api/me/loans/${loan.id}/certificate`);
  });

  it('running the close of a date twice changes nothing', async () => {
    await borrowerWithLoan();
    await passDays(3);
    const count = async () =>
      Number(
        (
          (await t.database.db.execute(sql`select count(*)::int as n from postings`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0]!.n,
      );
    const before = await count();
    await closeBusinessDay(t.database.db, addDays(today(), -1), {
      now: t.clock.now(),
      timeZone: 'Europe/Moscow',
    });
    expect(await count()).toBe(before);
  });
});

describe('the close with several workers', () => {
  it('two workers closing the same date at once take every loan exactly once', async () => {
    const borrowers = [];
    for (let i = 0; i < 3; i++) borrowers.push(await borrowerWithLoan());
    const ids = borrowers.map((b) => b.loan.id);
    t.clock.advance(86_400_000);
    const date = addDays(today(), -1);
    // Catch up the days before, then race two workers on one date with a batch of one loan each.
    await closeBusinessDay(t.database.db, addDays(date, -1), {
      now: t.clock.now(),
      timeZone: 'Europe/Moscow',
    });
    const counts = await Promise.all(
      [1, 2].map(() =>
        closeBusinessDay(t.database.db, date, { now: t.clock.now(), timeZone: 'Europe/Moscow', batch: 1 }),
      ),
    );
    expect(counts[0]! + counts[1]!).toBeGreaterThanOrEqual(ids.length);
    const rows = (await t.database.db.execute(sql`
      SELECT st.loan_id, st.closed_through::text AS closed FROM loan_servicing_state st WHERE st.loan_id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`)) as unknown as { rows: { closed: string }[] };
    expect(rows.rows.map((r) => r.closed)).toEqual([date, date, date]);
  });
});

describe('the close with parallel workers in one call', () => {
  it('several workers of one close take every loan once and book one entry per loan', async () => {
    const borrowers = [];
    for (let i = 0; i < 4; i++) borrowers.push(await borrowerWithLoan());
    const ids = borrowers.map((b) => b.loan.id);
    t.clock.advance(86_400_000);
    const date = addDays(today(), -1);
    await closeBusinessDay(t.database.db, addDays(date, -1), {
      now: t.clock.now(),
      timeZone: 'Europe/Moscow',
    });
    const batches: number[] = [];
    await closeBusinessDay(t.database.db, date, {
      now: t.clock.now(),
      timeZone: 'Europe/Moscow',
      batch: 1,
      workers: 3,
      onBatch: (loans) => batches.push(loans),
    });
    expect(batches.every((n) => n === 1)).toBe(true);
    const inList = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const rows = (await t.database.db.execute(sql`
      SELECT st.closed_through::text AS closed,
             (SELECT count(*)::int FROM journal_entries e
               WHERE e.loan_id = st.loan_id AND e.kind = 'close' AND e.business_date = ${date}::date) AS entries
        FROM loan_servicing_state st WHERE st.loan_id IN (${inList})`)) as unknown as {
      rows: { closed: string; entries: number }[];
    };
    // At most one entry per loan and date (none when nothing accrued, e.g. a first loan at 0 %).
    expect(rows.rows.map((r) => [r.closed, Number(r.entries) <= 1])).toEqual(ids.map(() => [date, true]));
    // The balances the trigger kept agree with the postings themselves.
    const drift = (await t.database.db.execute(sql`
      SELECT count(*)::int AS n FROM loan_balances b
       WHERE b.loan_id IN (${inList})
         AND b.interest <> (SELECT coalesce(sum(p.amount), 0) FROM postings p
                              JOIN ledger_accounts a ON a.id = p.account_id
                             WHERE a.loan_id = b.loan_id AND a.code = 'interest')`)) as unknown as {
      rows: { n: number }[];
    };
    expect(Number(drift.rows[0]!.n)).toBe(0);
  });
});

describe('overpayment', () => {
  it('money beyond the debt goes to the overpayment account and is refunded to the payment it came with', async () => {
    const { c, loan } = await borrowerWithLoan();
    // Two payoff payments started before either is paid: the second one finds no debt left.
    const first = await pay(c, loan.id, { purpose: 'payoff' });
    const second = await pay(c, loan.id, { purpose: 'payoff' });
    await payOnPage(c, first);
    await payOnPage(c, second);
    let view = (await c.get(`/api/me/loans/${loan.id}`)).json();
    expect(view).toMatchObject({ status: 'closed', balances: { overpayment: '1000000', total: '0' } });
    const refunded = await c.post(`/api/me/loans/${loan.id}/overpayment-refund`);
    expect(refunded.statusCode, refunded.body).toBe(200);
    view = refunded.json();
    expect(view.balances.overpayment).toBe('0');
    expect((await c.post(`/api/me/loans/${loan.id}/overpayment-refund`)).json().code).toBe('NO_OVERPAYMENT');
  });
});

describe('messages', () => {
  it('an optional SMS the borrower switched off is not sent; the account still shows it', async () => {
    const { c, loan } = await borrowerWithLoan();
    const settings = await c.put('/api/me/notification-settings', {
      sms: {
        due_in_3_days: true,
        due_tomorrow: true,
        due_today: true,
        payment_credited: false,
        support_answer: true,
      },
    });
    expect(settings.json().sms.payment_credited).toBe(false);
    await payOnPage(c, await pay(c, loan.id, { purpose: 'custom', amount: '100000' }));
    const [message] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.loanId, loan.id));
    expect(message).toMatchObject({ kind: 'payment_credited', smsStatus: 'opted_out' });
    expect((await c.get('/api/me/notifications')).json().unread).toBe(1);
    await c.post('/api/me/notifications/read');
    expect((await c.get('/api/me/notifications')).json().unread).toBe(0);
  });

  it('an overdue notice waits for the hours of 230-FZ and goes out at most twice a day', async () => {
    const { person, loan } = await borrowerWithLoan();
    const [me] = await t.database.db
      .select({ id: loans.borrowerId })
      .from(loans)
      .where(eq(loans.id, loan.id));
    const night = new Date('2026-11-25T20:30:00Z'); // 23:30 in Moscow
    for (const n of [1, 2, 3])
      await t.database.db.insert(notifications).values({
        borrowerId: me!.id,
        loanId: loan.id,
        kind: 'overdue',
        text: `Просрочка ${n}`,
        dedupeKey: `test-overdue-${loan.id}-${n}`,
        smsStatus: 'queued',
        notBefore: night,
      });
    t.clock.advance(night.getTime() - t.clock.now().getTime());
    await dispatchMessages(t.deps);
    const queued = await t.database.db.select().from(notifications).where(eq(notifications.loanId, loan.id));
    // Not sent at night: moved to 08:00 Moscow time of the next (working) day.
    expect(queued.map((q) => [q.smsStatus, q.notBefore.toISOString()])).toEqual(
      Array(3).fill(['queued', '2026-11-26T05:00:00.000Z']),
    );
    t.clock.advance(9 * 3_600_000); // 08:30 Moscow
    await dispatchMessages(t.deps);
    const after = await t.database.db.select().from(notifications).where(eq(notifications.loanId, loan.id));
    expect(after.map((m) => m.smsStatus).sort()).toEqual(['sent', 'sent', 'suppressed']);
    const outbox = (await t.app.inject('/api/dev/sms')).json() as { phone: string; text: string }[];
    expect(outbox.filter((m) => m.phone === person.phone && m.text.startsWith('Просрочка'))).toHaveLength(2);
  });
});

describe('prolongation', () => {
  it('a first loan at 0 % is never prolonged: no offer, no «Заплатить сейчас 0 ₽»', async () => {
    // Issue 10 item 13: before, five 30-day prolongations at 0 ₽ made 180 days at 0 % of a ≤ 30-day promo.
    const { c, loan } = await borrowerWithLoan();
    expect(loan.dailyRateBp).toBe(0);
    expect(loan.prolongation.available).toBe(false);
    expect(loan.prolongation.reason).toMatch(/^Заём под 0 % продлить нельзя/);
    for (const days of [7, 30]) {
      const quote = await c.post(`/api/me/loans/${loan.id}/prolongation-quote`, { days });
      expect(quote.json()).toMatchObject({ code: 'PROLONGATION_NOT_AVAILABLE' });
      const requested = await c.post(`/api/me/loans/${loan.id}/prolongations`, { days });
      expect(requested.json()).toMatchObject({ code: 'PROLONGATION_NOT_AVAILABLE' });
    }
  });

  it('quotes, signs the addendum with a code bound to its hash, and moves the due date once paid', async () => {
    // The first loan (0 %) is repaid at once; the second bears the product rate, 0.8 % a day.
    const { c, person, loan: first } = await borrowerWithLoan();
    await payOnPage(c, await pay(c, first.id, { purpose: 'payoff' }));
    const loan = await takeLoan(t, c, person.phone);
    expect(loan.dailyRateBp).toBe(80);
    await passDays(5);
    await signInAgain(c, person);
    const quote = (await c.post(`/api/me/loans/${loan.id}/prolongation-quote`, { days: 14 })).json();
    // 10 000 ₽ × 0.8 % × 5 days = 400 ₽ of interest to pay now.
    expect(quote).toMatchObject({
      days: 14,
      payNow: '40000',
      newDueDate: addDays(loan.nextPayment.dueDate, 14),
    });
    const bad = await c.post(`/api/me/loans/${loan.id}/prolongation-quote`, { days: 45 });
    expect(bad.json().code).toBe('PROLONGATION_NOT_AVAILABLE');
    const requested = await c.post(`/api/me/loans/${loan.id}/prolongations`, { days: 14 });
    expect(requested.statusCode).toBe(201);
    const addendum = requested.json();
    const pdf = await c.get(addendum.documentUrl);
    expect(pdf.headers['x-document-sha256']).toBe(addendum.sha256);
    const code = await lastCodeSentTo(t.deps, person.phone);
    const signed = (
      await c.post(`/api/me/loans/${loan.id}/prolongations/${addendum.id}/sign`, { code })
    ).json();
    expect(signed).toMatchObject({ status: 'awaiting_payment', payNow: '40000' });
    await payOnPage(c, await pay(c, loan.id, { purpose: 'prolongation', prolongationId: addendum.id }));
    const view = (await c.get(`/api/me/loans/${loan.id}`)).json();
    expect(view.nextPayment.dueDate).toBe(quote.newDueDate);
    expect(view.prolongation.used).toBe(1);
  });
});

describe('isolation: another borrower cannot see, pay into, quote or extend this loan', () => {
  it('answers LOAN_NOT_FOUND / PAYMENT_NOT_FOUND to everyone else', async () => {
    const { c, loan } = await borrowerWithLoan();
    const payment = await pay(c, loan.id, { purpose: 'custom', amount: '100000' });
    const stranger = client();
    await registerBorrower(stranger, t.deps);
    const attempts = [
      await stranger.get(`/api/me/loans/${loan.id}`),
      await stranger.post(`/api/me/loans/${loan.id}/payments`, {
        idempotencyKey: randomUUID(),
        method: 'card',
        purpose: 'payoff',
      }),
      await stranger.post(`/api/me/loans/${loan.id}/early-repayment-quote`, { amount: '100000' }),
      await stranger.post(`/api/me/loans/${loan.id}/prolongation-quote`, { days: 7 }),
      await stranger.post(`/api/me/loans/${loan.id}/prolongations`, { days: 7 }),
      await stranger.post(`/api/me/loans/${loan.id}/overpayment-refund`),
    ];
    for (const a of attempts) expect(a.json().code).toBe('LOAN_NOT_FOUND');
    expect((await stranger.get(`/api/me/loans/${loan.id}/payments/${payment.id}`)).json().code).toBe(
      'PAYMENT_NOT_FOUND',
    );
    expect((await stranger.get(`/api/me/loans/${loan.id}/certificate`)).json().code).toBe('LOAN_NOT_CLOSED');
    expect((await stranger.get('/api/me/loans')).json()).toEqual([]);
  });
});
