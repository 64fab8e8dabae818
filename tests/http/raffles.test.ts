import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { verifyDraw } from '../../src/domain/draw';
import { nodeDrawHashes } from '../../src/server/modules/engagement/draw-hashes';
import { borrowerWithLoan, payNow, signInAgain, todayOf } from '../support/servicing';
import { staffClient } from '../support/staff';
import { clientsOf, registerBorrower, TestClient, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '10.45.0');
const DAY = 86_400_000;

const campaign = (today: string) => ({
  title: 'Платите вовремя — выигрывайте',
  organiser: 'ООО МКК «Смсфинанс» (демо), ОГРН 0000000000000',
  prizeFund: '1000000',
  prizesCount: 1,
  prizeDescription: 'сертификат на 10 000 ₽',
  startsOn: today,
  endsOn: today,
  drawOn: addDays(today, 1),
  winnersNotice: 'Победителю позвонят в течение 3 рабочих дней.',
});

describe('raffles', () => {
  it('only seniors and admins manage campaigns; specialists, borrowers and guests cannot', async () => {
    const specialist = await staffClient(t, 'specialist');
    expect((await specialist.client.get('/api/backoffice/campaigns')).statusCode).toBe(403);
    expect((await specialist.client.post('/api/backoffice/campaigns', campaign(todayOf(t)))).statusCode).toBe(
      403,
    );
    const c = client();
    await registerBorrower(c, t.deps);
    expect((await c.post('/api/backoffice/campaigns', campaign(todayOf(t)))).statusCode).toBe(401);
    expect((await new TestClient(t.app).get('/api/backoffice/campaigns')).statusCode).toBe(401);
    const admin = await staffClient(t, 'admin');
    expect((await admin.client.get('/api/backoffice/campaigns')).statusCode).toBe(200);
    const senior = await staffClient(t, 'senior');
    const bad = await senior.client.post('/api/backoffice/campaigns', {
      ...campaign(todayOf(t)),
      drawOn: addDays(todayOf(t), -1),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('entries for on-time payments only; commit, close, draw; the public page verifies; the winner is told', async () => {
    const today = todayOf(t);
    const senior = await staffClient(t, 'senior');
    const created = await senior.client.post('/api/backoffice/campaigns', campaign(today));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'draft',
      commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // A draft is not public.
    expect((await new TestClient(t.app).get(`/api/draws/${id}`)).statusCode).toBe(404);
    expect((await senior.client.post(`/api/backoffice/campaigns/${id}/publish`)).json().status).toBe(
      'published',
    );
    const guest = new TestClient(t.app);
    const published = (await guest.get(`/api/draws/${id}`)).json();
    expect(published).toMatchObject({ status: 'published', seed: null, entriesHash: null, entries: [] });
    const rules = await guest.get(`/api/draws/${id}/rules.pdf`);
    expect(rules.headers['content-type']).toBe('application/pdf');

    // Two borrowers pay on time, a third only takes a loan: no entry for taking a loan.
    const a = client();
    const b = client();
    const idle = client();
    const withA = await borrowerWithLoan(t, a);
    const withB = await borrowerWithLoan(t, b);
    await borrowerWithLoan(t, idle);
    await payNow(t, a, withA.loan.id, { purpose: 'custom', amount: '100000' });
    await payNow(t, a, withA.loan.id, { purpose: 'custom', amount: '100000' });
    await payNow(t, b, withB.loan.id, { purpose: 'custom', amount: '100000' });
    expect((await a.get('/api/me/raffles')).json().items).toMatchObject([{ id, entries: 2, won: false }]);
    expect((await b.get('/api/me/raffles')).json().items).toMatchObject([{ id, entries: 1, won: false }]);
    expect((await idle.get('/api/me/raffles')).json().items).toEqual([]);

    // Entries close only after the end date; the draw only from the draw date.
    const early = await senior.client.post(`/api/backoffice/campaigns/${id}/close`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('CAMPAIGN_WRONG_STATE');
    t.clock.advance(DAY);
    const senior2 = await staffClient(t, 'senior');
    const closed = (await senior2.client.post(`/api/backoffice/campaigns/${id}/close`)).json();
    expect(closed).toMatchObject({ status: 'closed', entriesCount: 3, entriesHash: expect.any(String) });
    const drawn = await senior2.client.post(`/api/backoffice/campaigns/${id}/draw`);
    expect(drawn.json()).toMatchObject({ status: 'drawn', winners: 1 });
    expect((await senior2.client.post(`/api/backoffice/campaigns/${id}/draw`)).statusCode).toBe(409);

    const draw = (await guest.get(`/api/draws/${id}`)).json();
    expect(draw.entries).toHaveLength(3);
    expect(draw.winners).toHaveLength(1);
    expect(draw.winners[0].name).toMatch(/^\S+ \S\.$/);
    expect(verifyDraw(nodeDrawHashes, { ...draw, prizes: draw.prizesCount })).toEqual({
      commitmentMatches: true,
      entriesHashMatches: true,
      winnersMatch: true,
    });

    // The script in the repository recomputes the same from the saved public JSON, and notices a changed entry.
    const dir = mkdtempSync(join(tmpdir(), 'draw-'));
    writeFileSync(join(dir, 'draw.json'), JSON.stringify(draw));
    const verify = (file: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/verify-draw.ts', join(dir, file)], {
        encoding: 'utf8',
      });
    expect(verify('draw.json')).toContain('winners match the algorithm:   yes');
    const tampered = { ...draw, entries: draw.entries.slice(1) };
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    expect(() => verify('tampered.json')).toThrow();

    await signInAgain(a, withA.person);
    await signInAgain(b, withB.person);
    const mine = [
      (await a.get('/api/me/raffles')).json().items[0],
      (await b.get('/api/me/raffles')).json().items[0],
    ];
    expect(mine.filter((m) => m.won)).toHaveLength(1);
    const winner = mine[0].won ? a : b;
    const messages = (await winner.get('/api/me/notifications')).json().items;
    expect(messages.some((m: { kind: string }) => m.kind === 'raffle_won')).toBe(true);
  });
});
