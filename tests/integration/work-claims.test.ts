import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeClaim } from '../../src/server/modules/backoffice/work/claim-repository';
import { backends } from '../support/databases';
import { staffClient } from '../support/staff';
import { registerBorrower, startTestApp, TestClient, type TestApp } from '../support/test-app';

describe.each(backends())('claims on a queue item under concurrency (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ backend });
  });
  afterAll(() => t.close());

  it('two specialists claim one application at the same instant: exactly one wins, the other sees who has it', async () => {
    const c = new TestClient(t.app, '172.16.42.1');
    await registerBorrower(c, t.deps);
    const application = (
      await c.post('/api/me/applications', {
        productId: 'instalment',
        amount: '6000000',
        term: 26,
        employment: 'employed',
        monthlyIncome: '50000000',
        payoutMethod: { kind: 'card', cardNumber: '2200000000000004' },
      })
    ).json();
    expect(application.status).toBe('under_review');
    const a = await staffClient(t, 'specialist', { displayName: 'Первый' });
    const b = await staffClient(t, 'specialist', { displayName: 'Второй' });
    const url = `/api/backoffice/queues/applications/items/${application.id}/claim`;
    const answers = await Promise.all([a.client.post(url), b.client.post(url)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.statusCode === 409)!;
    const winner = answers.find((r) => r.statusCode === 200)!.json();
    expect(loser.json().detail).toBe(`Этим делом занимается ${winner.displayName}`);
  });

  it('the claim statement itself: of many simultaneous claims on one item exactly one gets it', async () => {
    const members = await Promise.all(Array.from({ length: 6 }, () => staffClient(t, 'specialist')));
    for (let round = 0; round < 5; round++) {
      const itemId = crypto.randomUUID();
      const now = t.clock.now();
      const expiresAt = new Date(now.getTime() + 60_000);
      const results = await Promise.all(
        members.map((m) =>
          takeClaim(t.deps.db, { queue: 'test', itemId, staffId: m.staffId, now, expiresAt }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });
});
