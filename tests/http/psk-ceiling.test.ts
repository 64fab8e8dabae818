import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pskCeilings } from '../../src/server/adapters/db/schema-loans';
import { savePskAverage } from '../../src/server/modules/lending/psk-ceilings';
import { quoteLoan } from '../../src/server/modules/lending/quote-loan';
import { clientsOf, useTestApp } from '../support/test-app';

// Issue 10 item 12: the Bank of Russia's quarterly ceiling, stored per category, refuses offers above it.
// The test clock stands on 2026-11-24: the quarter starting 2026-10-01.
const t = useTestApp();
const client = clientsOf(t, '10.70.0');
const INSTALMENT = 'microloan-unsecured:upto-30000:31-60d'; // «Частями» 30 000 ₽ for 8 weeks (56 days)
const PAYDAY = 'microloan-unsecured:upto-30000:upto-30d';

const enter = (category: string, averagePercent: string) =>
  savePskAverage(
    t.database.db,
    { category, quarterStart: '2026-10-01', averagePercent, demo: false },
    { replace: true },
  );

describe('the quarterly PSK ceiling', () => {
  it('the demo seed marks its values as demo, for the categories of both products', async () => {
    const rows = await t.database.db
      .select()
      .from(pskCeilings)
      .where(eq(pskCeilings.quarterStart, '2026-10-01'));
    expect(rows.every((r) => r.demo)).toBe(true);
    expect(rows.find((r) => r.category === PAYDAY)).toMatchObject({
      averagePskPercent: '250.000',
      ceilingPskPercent: '292.000',
    });
    expect(rows.map((r) => r.category)).toContain(INSTALMENT);
  });

  it('the calculator refuses 182.500 % above a ceiling of 182.498 % and says why; at 182.500 % it prices', async () => {
    const c = client();
    const body = { productId: 'instalment', amount: '3000000', term: 8 };
    expect(await enter(INSTALMENT, '136.874')).toMatchObject({ ceilingPskPercent: '182.498', demo: false });
    const refused = await c.post('/api/quote', body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'QUOTE_INVALID',
      detail:
        'Полная стоимость такого займа — 182,500 % годовых, а предельное значение Банка России для категории «Потребительские микрозаймы без обеспечения до 30 000 ₽ включительно на срок от 31 до 60 дней» — 182,498 %. Выберите другие сумму или срок.',
      errors: [{ path: 'term', message: 'ПСК выше предельной (182,498 %)' }],
    });
    await enter(INSTALMENT, '136.875');
    const priced = await c.post('/api/quote', body);
    expect(priced.statusCode, priced.body).toBe(200);
    expect(priced.json().pskPercent).toBe('182.500');
    // 31 000 ₽ for 8 weeks is another category, with its own (demo) ceiling of 266.666 %.
    expect((await c.post('/api/quote', { ...body, amount: '3100000' })).statusCode).toBe(200);
  });

  it('a repeat payday offer at 292.000 % is refused under 291.998 % and offered under 292.000 %', async () => {
    const ask = () =>
      quoteLoan(t.deps, { productId: 'payday', amount: '1000000', term: 30, firstLoan: false });
    await enter(PAYDAY, '218.999');
    await expect(ask()).rejects.toMatchObject({ code: 'QUOTE_INVALID' });
    await enter(PAYDAY, '219');
    expect((await ask()).pskPercent).toBe('292.000');
  });
});
