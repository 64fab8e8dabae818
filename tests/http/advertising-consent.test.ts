import { describe, expect, it } from 'vitest';
import { postAdvertising } from '../../src/server/modules/engagement/advertising-consent';
import { clientsOf, registerBorrower, TestClient, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.47.0');

const advertise = (borrowerId: string, n: number) =>
  t.deps.db.transaction((tx) =>
    postAdvertising(t.deps, tx, {
      borrowerId,
      text: `Новый розыгрыш ${n}.`,
      dedupeKey: `ad:${borrowerId}:${n}`,
    }),
  );
const adsOf = async (c: TestClient) =>
  (await c.get('/api/me/notifications'))
    .json()
    .items.filter((m: { kind: string }) => m.kind === 'advertising');

describe('advertising only with a separate consent (38-FZ art. 18)', () => {
  it('is off until given; given and withdrawn in one request each; advertising follows the current choice', async () => {
    const c = client();
    const { me } = await registerBorrower(c, t.deps);
    const other = client();
    const { me: otherMe } = await registerBorrower(other, t.deps);
    expect((await c.get('/api/me/advertising-consent')).json()).toMatchObject({
      granted: false,
      since: null,
    });
    expect(await advertise(me.id, 1)).toBe(false);

    const given = await c.put('/api/me/advertising-consent', { granted: true });
    expect(given.json()).toMatchObject({
      granted: true,
      since: expect.any(String),
      wordingVersion: '2026-11-29.2',
    });
    expect(await advertise(me.id, 2)).toBe(true);
    expect(await advertise(otherMe.id, 2)).toBe(false);
    const ads = await adsOf(c);
    expect(ads).toHaveLength(1);
    expect(ads[0].text).toContain('Реклама. Отказаться');
    expect(await adsOf(other)).toEqual([]);

    expect((await c.put('/api/me/advertising-consent', { granted: false })).json().granted).toBe(false);
    expect(await advertise(me.id, 3)).toBe(false);
    expect(await adsOf(c)).toHaveLength(1);
    expect((await other.get('/api/me/advertising-consent')).json().granted).toBe(false);
  });

  it('a guest can neither read nor change it', async () => {
    const guest = new TestClient(t.app);
    expect((await guest.get('/api/me/advertising-consent')).statusCode).toBe(401);
    expect((await guest.put('/api/me/advertising-consent', { granted: true })).statusCode).toBe(401);
  });
});
