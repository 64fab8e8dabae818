import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZKopecks } from '../../src/contracts/kopecks';
import { responseSerializerCompiler } from '../../src/server/http/response-serializer';

const Card = z.object({
  id: z.uuid(),
  amount: ZKopecks,
  days: z.number().int(),
  overdue: z.boolean(),
  kind: z.enum(['payday', 'instalment']),
  title: z.string(),
  version: z.literal(1),
  closedOn: z.iso.date().nullable(),
  note: z.string().optional(),
  next: z.object({ dueDate: z.iso.date(), amount: ZKopecks }).nullable(),
  schedule: z.array(z.object({ n: z.number(), amount: ZKopecks })),
  // Parts the writers leave to Zod.
  result: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true) }),
    z.object({ ok: z.literal(false), why: z.string() }),
  ]),
  tags: z.record(z.string(), z.number()),
  name: z.string().trim(),
  strict: z.strictObject({ a: z.number() }),
});

const serializerOf = (schema: z.ZodType) =>
  responseSerializerCompiler({ schema, method: 'GET', url: '/test', httpStatus: '200' } as never);
const viaZod = (schema: z.ZodType, value: unknown) => JSON.stringify(z.encode(schema, value as never));

const card = {
  id: '0190b9a4-7c2e-7000-8000-000000000001',
  amount: '1250000',
  days: 3,
  overdue: false,
  kind: 'payday',
  title: 'Заём «до зарплаты» "в кавычках"\n\u2028',
  version: 1,
  closedOn: null,
  next: { dueDate: '2026-12-24', amount: '1300000', extra: 'left out' },
  schedule: [
    { n: 1, amount: '100', hidden: true },
    { n: 2, amount: '200' },
  ],
  result: { ok: false, why: 'нет' },
  tags: { a: 1 },
  name: '  Вера ',
  strict: { a: 1 },
  secret: 'never sent',
};

describe('the response serializer', () => {
  it('writes what Zod encodes and JSON.stringify writes: the same keys, order and text', () => {
    const serialize = serializerOf(Card);
    for (const value of [card, { ...card, note: 'есть', closedOn: '2026-12-01', next: null, schedule: [] }]) {
      expect(serialize(value)).toBe(viaZod(Card, value));
      expect(JSON.parse(serialize(value))).toEqual(z.encode(Card, value as never));
    }
    expect(serialize(card)).not.toContain('never sent');
    expect(serializerOf(z.array(Card))([card, card])).toBe(viaZod(z.array(Card), [card, card]));
  });

  it.each([
    ['a number for a string', { ...card, amount: 1250000 }],
    ['a missing property', { ...card, kind: undefined }],
    ['a value outside the enum', { ...card, kind: 'mortgage' }],
    ['NaN', { ...card, days: Number.NaN }],
    ['an array for an object', { ...card, next: [] }],
    ['a bad union member', { ...card, result: { ok: false } }],
    ['an extra key of a strict object', { ...card, strict: { a: 1, b: 2 } }],
  ])('refuses %s as Zod does (ResponseSerializationError)', (_what, value) => {
    const serialize = serializerOf(Card);
    expect(() => serialize(value)).toThrow();
    try {
      serialize(value);
    } catch (error) {
      expect(isResponseSerializationError(error)).toBe(true);
    }
  });

  it('checks types only: formats and patterns are not re-checked on every answer', () => {
    expect(JSON.parse(serializerOf(Card)({ ...card, amount: 'abc' })).amount).toBe('abc');
  });
});
