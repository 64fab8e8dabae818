import { describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/server/jobs/run-jobs';
import { expirePointsJob } from '../../src/server/modules/engagement/expire-points';
import { entrySums } from '../../src/server/modules/engagement/points-repository';
import { borrowerWithLoan, passDays, payNow, signInAgain, todayOf } from '../support/servicing';
import { clientsOf, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.44.0');
const DAY = 86_400_000;

describe('bonus points', () => {
  it('a new borrower has the points of a completed profile and the base level', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    const bonuses = (await c.get('/api/me/bonuses')).json();
    expect(bonuses).toMatchObject({
      balance: 200,
      loansRepaidOnTime: 0,
      level: { code: 'base', name: 'Базовый' },
      nextLevel: { code: 'silver', name: 'Серебряный', rateDiscountBpDay: 5 },
      loansToNextLevel: 2,
    });
    expect(bonuses.history).toMatchObject([{ kind: 'earn', cause: 'profile_completed', points: 200 }]);
  });

  it('a payoff on time earns points for the payment and for the loan, once each; others see only their own', async () => {
    const c = client();
    const { loan } = await borrowerWithLoan(t, c);
    await payNow(t, c, loan.id, { purpose: 'payoff' });
    const bonuses = (await c.get('/api/me/bonuses')).json();
    expect(bonuses.balance).toBe(200 + 100 + 500);
    expect(bonuses.loansRepaidOnTime).toBe(1);
    expect(bonuses.history.map((h: { cause: string }) => h.cause)).toEqual([
      'loan_repaid_on_time',
      'payment_on_time',
      'profile_completed',
    ]);
    expect(bonuses.history[0]).toMatchObject({
      causeLabel: 'Заём погашен в срок',
      expiresOn: expect.any(String),
    });
    // Another borrower sees only their own points.
    const other = client();
    await registerBorrower(other, t.deps);
    expect((await other.get('/api/me/bonuses')).json()).toMatchObject({ balance: 200, loansRepaidOnTime: 0 });
  });

  it('a late payment earns nothing', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c);
    await passDays(t, 33);
    await signInAgain(c, person);
    expect((await c.get(`/api/me/loans/${loan.id}`)).json().status).toBe('overdue');
    await payNow(t, c, loan.id, { purpose: 'payoff' });
    const bonuses = (await c.get('/api/me/bonuses')).json();
    expect(bonuses).toMatchObject({ balance: 200, loansRepaidOnTime: 0 });
  });

  it('points expire after the set period by the job, with their cause in the history; entries balance', async () => {
    const c = client();
    const { person, me } = await registerBorrower(c, t.deps);
    const earnedOn = todayOf(t);
    t.clock.advance(364 * DAY);
    await runDueJobs(t.deps, { 'points.expire': expirePointsJob });
    await signInAgain(c, person);
    expect((await c.get('/api/me/bonuses')).json().balance).toBe(200);
    t.clock.advance(2 * DAY);
    await runDueJobs(t.deps, { 'points.expire': expirePointsJob });
    await signInAgain(c, person);
    const bonuses = (await c.get('/api/me/bonuses')).json();
    expect(bonuses.balance).toBe(0);
    expect(bonuses.history[0]).toMatchObject({
      kind: 'expire',
      cause: 'expired',
      causeLabel: 'Сгорание баллов',
    });
    expect(bonuses.history[1]).toMatchObject({ kind: 'earn', date: earnedOn });
    expect((await entrySums(t.deps.db, me.id)).every((s) => s === 0)).toBe(true);
  });

  it('a guest cannot read bonuses', async () => {
    expect((await client().get('/api/me/bonuses')).statusCode).toBe(401);
  });
});
