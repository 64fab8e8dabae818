import { beforeAll, describe, expect, it } from 'vitest';
import { staffClient, type TestStaff } from '../support/staff';
import { registerBorrower, TestClient, useTestApp } from '../support/test-app';

const CEILINGS = '/api/backoffice/legal/psk-ceilings';
const CATEGORY = 'microloan-unsecured:upto-30000:upto-30d';

describe('legal data: PSK averages and the production calendar, with what applies on a date', () => {
  const t = useTestApp();
  let admin: TestStaff;
  beforeAll(async () => {
    admin = await staffClient(t, 'admin');
  });

  it('only settings.manage may read or enter it; borrowers and guests are refused', async () => {
    for (const role of ['specialist', 'senior'] as const) {
      const { client } = await staffClient(t, role);
      expect((await client.get(CEILINGS)).statusCode).toBe(403);
      expect((await client.get('/api/backoffice/legal/on/2026-11-24')).statusCode).toBe(403);
      expect(
        (
          await client.put(CEILINGS, {
            category: CATEGORY,
            quarterStart: '2027-01-01',
            averagePercent: '200',
          })
        ).statusCode,
      ).toBe(403);
    }
    const borrower = new TestClient(t.app, '203.0.113.91');
    await registerBorrower(borrower, t.deps);
    expect((await borrower.get(CEILINGS)).statusCode).toBe(401);
    expect(
      (await borrower.put('/api/backoffice/legal/calendar/2027', { source: 'x', days: [] })).statusCode,
    ).toBe(401);
    expect((await new TestClient(t.app).get('/api/backoffice/legal/calendar/2027')).statusCode).toBe(401);
  });

  it('a quarter average is entered with its quarter start; the ceiling applies from that day on', async () => {
    const before = (await admin.client.get('/api/backoffice/legal/on/2027-01-15')).json();
    const entered = await admin.client.put(CEILINGS, {
      category: CATEGORY,
      quarterStart: '2027-01-01',
      averagePercent: '180,5',
    });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(entered.json()).toMatchObject({
      averagePercent: '180.500',
      ceilingPercent: '240.666',
      demo: false,
    });
    const on = (await admin.client.get('/api/backoffice/legal/on/2027-01-15')).json();
    expect(on.ceilings.find((c: { category: string }) => c.category === CATEGORY)).toMatchObject({
      quarterStart: '2027-01-01',
      ceilingPercent: '240.666',
    });
    expect(before.ceilings.find((c: { category: string }) => c.category === CATEGORY).quarterStart).not.toBe(
      '2027-01-01',
    );
    const dec = (await admin.client.get('/api/backoffice/legal/on/2026-12-15')).json();
    expect(dec.ceilings.find((c: { category: string }) => c.category === CATEGORY).quarterStart).not.toBe(
      '2027-01-01',
    );
    expect((await admin.client.get(CEILINGS)).json().entries[0]).toMatchObject({
      quarterStart: '2027-01-01',
    });
  });

  it('a day that starts no quarter, an unknown category or a bad percent is refused', async () => {
    for (const body of [
      { category: CATEGORY, quarterStart: '2027-02-01', averagePercent: '200' },
      { category: 'nope', quarterStart: '2027-01-01', averagePercent: '200' },
      { category: CATEGORY, quarterStart: '2027-01-01', averagePercent: '20%' },
    ])
      expect((await admin.client.put(CEILINGS, body)).statusCode).toBe(400);
  });

  it('the production calendar: a year is replaced; what applies on a date says whether it is working', async () => {
    const year = (await admin.client.get('/api/backoffice/legal/calendar/2026')).json();
    expect(year).toMatchObject({ stored: true });
    expect((await admin.client.get('/api/backoffice/legal/on/2026-12-31')).json()).toMatchObject({
      working: false,
      dayNote: 'Перенос выходного с 04.01',
    });
    expect((await admin.client.get('/api/backoffice/legal/on/2026-12-30')).json().working).toBe(true);

    const days = [
      ...year.days.filter((d: { date: string }) => d.date !== '2026-12-31'),
      { date: '2026-12-30', kind: 'day_off', note: 'Новый перенос' },
    ];
    const saved = await admin.client.put('/api/backoffice/legal/calendar/2026', {
      source: year.source,
      days,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.client.get('/api/backoffice/legal/on/2026-12-30')).json()).toMatchObject({
      working: false,
      dayNote: 'Новый перенос',
    });
    expect((await admin.client.get('/api/backoffice/legal/on/2026-12-31')).json().working).toBe(true);

    const bad = await admin.client.put('/api/backoffice/legal/calendar/2026', {
      source: year.source,
      days: [{ date: '2026-12-26', kind: 'day_off', note: 'Суббота' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toContain('2026-12-26');
    expect((await admin.client.get('/api/backoffice/legal/on/2026-12-30')).json().working).toBe(false);
  });
});
