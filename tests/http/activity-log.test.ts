import { describe, expect, it } from 'vitest';
import { dataApi, type ActivityItem } from '../../src/contracts';
import { borrowerWithLoan, payNow } from '../support/servicing';
import { TestClient, clientsOf, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '198.51.102');

type Page = { items: ActivityItem[]; page: number; pageSize: number; hasMore: boolean };
const activity = async (c: TestClient, body: Record<string, unknown> = {}) => {
  const answer = await c.post(dataApi.activity.path, body);
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json() as Page;
};

const ADDRESS = {
  placeOfBirth: 'г. Тверь',
  registration: {
    region: 'г Москва',
    city: 'г Москва',
    street: 'ул Тверская',
    house: '7',
    flat: '1',
    privateHouse: false,
  },
  livesAtRegistration: true,
};

describe('the activity log', () => {
  it('shows sign-ins with device, IP and method, failed sign-ins, data changes, the loan, payments and messages', async () => {
    const c = client();
    const { person, loan } = await borrowerWithLoan(t, c);
    await payNow(t, c, loan.id, { purpose: 'payoff' });
    expect((await c.put(dataApi.saveAddresses.path, ADDRESS)).statusCode).toBe(200);

    // A stranger's failed attempt on this phone, then the owner signs in on another device.
    const stranger = new TestClient(t.app, '192.0.2.77', 'Mozilla/5.0 (Windows NT 10.0) Firefox/133.0');
    expect(
      (await stranger.post('/api/auth/login', { phone: person.phone, password: 'wrong-Password-1' }))
        .statusCode,
    ).toBe(401);
    const phone = new TestClient(
      t.app,
      '198.51.102.200',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1',
    );
    expect(
      (await phone.post('/api/auth/login', { phone: person.phone, password: person.password })).statusCode,
    ).toBe(200);

    const { items } = await activity(c);
    const kinds = items.map((i) => i.kind);
    for (const kind of [
      'auth.signed-in',
      'auth.sign-in-failed',
      'borrower.registered',
      'profile.address-changed',
      'profile.place-of-birth-changed',
      'loan.application-decided',
      'loan.contract-signed',
      'loan.paid-out',
      'payment.credited',
      'message',
    ])
      expect(kinds, kind).toContain(kind);
    const audited = items.filter((i) => i.kind !== 'message');
    expect(audited.map((i) => i.at)).toEqual([...audited.map((i) => i.at)].sort().reverse());

    const signIn = items.find((i) => i.kind === 'auth.signed-in')!;
    expect(signIn).toMatchObject({ ip: '198.51.102.200', method: 'по паролю', canReport: true });
    expect(signIn.device).toMatch(/Safari/);
    const failed = items.find((i) => i.kind === 'auth.sign-in-failed')!;
    expect(failed).toMatchObject({ ip: '192.0.2.77', canReport: false });
    expect(items.find((i) => i.kind === 'payment.credited')!.detail).toMatch(/₽/);

    const signIns = await activity(c, { category: 'sign-ins' });
    expect(new Set(signIns.items.map((i) => i.category))).toEqual(new Set(['sign-ins']));
    const messages = await activity(c, { category: 'messages' });
    expect(messages.items.length).toBeGreaterThan(0);
    expect(messages.items.every((i) => i.kind === 'message')).toBe(true);
  });

  it('pages newest first', async () => {
    const c = client();
    await registerBorrower(c, t.deps);
    for (let i = 0; i < 22; i++) {
      t.clock.advance(1000);
      const flat = String(i + 2);
      expect(
        (
          await c.put(dataApi.saveAddresses.path, {
            ...ADDRESS,
            registration: { ...ADDRESS.registration, flat },
          })
        ).statusCode,
      ).toBe(200);
    }
    const first = await activity(c, { category: 'data' });
    expect(first).toMatchObject({ page: 1, pageSize: 20, hasMore: true });
    expect(first.items).toHaveLength(20);
    const second = await activity(c, { category: 'data', page: 2 });
    expect(second.hasMore).toBe(false);
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect(all.at(-1)!.kind).toBe('borrower.registered');
  });

  it('never shows another borrower’s events, and «это был не я» ends every session of one’s own account only', async () => {
    const owner = client();
    const { person } = await registerBorrower(owner, t.deps);
    const other = client();
    await registerBorrower(other, t.deps);
    const ownEvents = (await activity(owner)).items;
    const signIn = ownEvents.find((i) => i.kind === 'borrower.registered')!;
    const otherEvents = (await activity(other)).items;
    expect(otherEvents.some((i) => ownEvents.some((o) => o.id === i.id))).toBe(false);

    const laptop = new TestClient(t.app, '198.51.102.201');
    expect(
      (await laptop.post('/api/auth/login', { phone: person.phone, password: person.password })).statusCode,
    ).toBe(200);
    const event = (await activity(owner, { category: 'sign-ins' })).items.find(
      (i) => i.kind === 'auth.signed-in',
    )!;
    expect(signIn).toBeTruthy();

    // Someone else cannot report (or even see) it.
    const foreign = await other.post(dataApi.reportSignIn.path, { eventId: event.id });
    expect(foreign.statusCode).toBe(404);
    expect((await laptop.get('/api/me')).statusCode).toBe(200);

    const reported = await owner.post(dataApi.reportSignIn.path, { eventId: event.id });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toEqual({ ended: 2 });
    expect((await laptop.get('/api/me')).statusCode).toBe(401);
    expect((await owner.get('/api/me')).statusCode).toBe(401);
    expect((await other.get('/api/me')).statusCode).toBe(200);
    expect((await client().post(dataApi.activity.path, {})).statusCode).toBe(401);
  });
});
