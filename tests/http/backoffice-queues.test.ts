import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog } from '../../src/server/adapters/db/schema';
import { AcquiringError } from '../../src/server/adapters/payments/acquiring-port';
import { processDuePayouts } from '../../src/server/modules/lending/process-payouts';
import { actOnPaymentPage, borrowerWithLoan, startPayment } from '../support/servicing';
import { staffClient, type TestStaff } from '../support/staff';
import { clientsOf, lastCodeSentTo, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '172.16.44');

const items = async (s: TestStaff, queue: string) =>
  (await s.client.post(`/api/backoffice/queues/${queue}/items`, { pageSize: 100 })).json().items as {
    id: string;
    status: string;
    subtitle: string | null;
    amount: string;
  }[];

describe('the refunds and payouts queues', () => {
  it('a refund the acquirer refuses is «refused» in the queue; a retry that fails again keeps it; paid by transfer closes it', async () => {
    const c = client();
    const { loan } = await borrowerWithLoan(t, c);
    const first = await startPayment(c, loan.id, { purpose: 'payoff' });
    const second = await startPayment(c, loan.id, { purpose: 'payoff' });
    await actOnPaymentPage(t, first);
    await actOnPaymentPage(t, second);
    const refuse = vi
      .spyOn(t.deps.acquiring, 'createRefund')
      .mockRejectedValue(new AcquiringError('Возврат по этому платежу невозможен', false));
    expect((await c.post(`/api/me/loans/${loan.id}/overpayment-refund`)).statusCode).toBe(200);

    const s = await staffClient(t, 'specialist');
    const [item] = (await items(s, 'refunds')).filter((i) => i.amount === '1000000');
    expect(item).toMatchObject({ status: 'refused', subtitle: 'Возврат по этому платежу невозможен' });
    const retryUrl = `/api/backoffice/refunds/${item!.id}/retry`;
    expect((await s.client.post(retryUrl)).json().code).toBe('WORK_ITEM_NOT_CLAIMED');
    await s.client.post(`/api/backoffice/queues/refunds/items/${item!.id}/claim`);
    expect((await s.client.post(retryUrl)).json()).toEqual({
      status: 'refused',
      failureReason: 'Возврат по этому платежу невозможен',
    });
    refuse.mockRestore();
    const paid = await s.client.post(`/api/backoffice/refunds/${item!.id}/paid-by-transfer`, {
      paymentOrder: '1542',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await items(s, 'refunds')).map((i) => i.id)).not.toContain(item!.id);
    const rows = await t.deps.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectId, item!.id), eq(auditLog.action, 'backoffice.refund.paid-by-transfer')),
      );
    expect(rows[0]).toMatchObject({ actorId: s.staffId, details: { paymentOrder: '1542' } });
  });

  it('a retried refund the acquirer takes leaves the queue', async () => {
    const c = client();
    const { loan } = await borrowerWithLoan(t, c);
    const first = await startPayment(c, loan.id, { purpose: 'payoff' });
    const second = await startPayment(c, loan.id, { purpose: 'payoff' });
    await actOnPaymentPage(t, first);
    await actOnPaymentPage(t, second);
    const refuse = vi
      .spyOn(t.deps.acquiring, 'createRefund')
      .mockRejectedValueOnce(new AcquiringError('Эквайер недоступен', true));
    await c.post(`/api/me/loans/${loan.id}/overpayment-refund`);
    refuse.mockRestore();
    const s = await staffClient(t, 'specialist');
    const item = (await items(s, 'refunds')).find((i) => i.subtitle === 'Эквайер недоступен')!;
    await s.client.post(`/api/backoffice/queues/refunds/items/${item.id}/claim`);
    const retried = (await s.client.post(`/api/backoffice/refunds/${item.id}/retry`)).json();
    expect(retried).toEqual({ status: 'succeeded', failureReason: null });
    expect((await items(s, 'refunds')).map((i) => i.id)).not.toContain(item.id);
  });

  it('a failed payout waits in the payouts queue until a specialist closes it with a note', async () => {
    const c = client();
    const { person } = await registerBorrower(c, t.deps);
    const application = (
      await c.post('/api/me/applications', {
        productId: 'payday',
        amount: '1000000',
        term: 30,
        employment: 'employed',
        monthlyIncome: '15000000',
        payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
      })
    ).json();
    await c.post(`/api/me/applications/${application.id}/signature-code`);
    const code = await lastCodeSentTo(t.deps, person.phone);
    expect((await c.post(`/api/me/applications/${application.id}/sign`, { code })).statusCode).toBe(200);
    t.payouts.failNext();
    for (let i = 0; i < 4; i++) {
      await processDuePayouts(t.deps);
      t.clock.advance(3_000);
    }
    const s = await staffClient(t, 'specialist');
    const item = (await items(s, 'payouts')).find((i) => i.amount === '1000000' && i.status === 'failed');
    expect(item).toBeDefined();
    await s.client.post(`/api/backoffice/queues/payouts/items/${item!.id}/claim`);
    const resolved = await s.client.post(`/api/backoffice/queues/payouts/items/${item!.id}/resolve`, {
      note: 'Клиенту позвонили, подаст заявку с другой картой',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await items(s, 'payouts')).map((i) => i.id)).not.toContain(item!.id);
  });

  it('guests and borrowers get 401 on the queue acts', async () => {
    for (const url of [
      '/api/backoffice/queues/refunds/items',
      `/api/backoffice/refunds/${crypto.randomUUID()}/retry`,
    ])
      expect((await client().post(url, {})).statusCode).toBe(401);
  });
});
