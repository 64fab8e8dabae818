import './zod-locale';
import { z } from 'zod';

/**
 * Money on the wire: a decimal string of kopecks ("1250000" = 12 500,00 ₽), never negative, never a float.
 * This is the schema the API's requests and responses use (OpenAPI: a string with a pattern).
 */
export const ZKopecks = z
  .string()
  .regex(/^(0|[1-9]\d{0,15})$/, 'Сумма — целое число копеек')
  .describe('Сумма в копейках, строкой');

/**
 * A ledger balance on the wire: kopecks with the ledger's sign (receivables positive; overpayment and income
 * negative), e.g. "-24000". Only where a balance is shown as the ledger keeps it (the back office's card).
 */
export const ZSignedKopecks = z
  .string()
  .regex(/^(0|-?[1-9]\d{0,15})$/, 'Сумма — целое число копеек со знаком')
  .describe('Сумма в копейках со знаком учёта, строкой');

/**
 * The kopecks codec: the wire string ↔ the bigint the server computes with (Zod 4 `z.codec`). `decode` checks
 * the wire form and gives a bigint; `encode` gives the canonical string and throws a ZodError for a negative
 * amount or one of more than 16 digits (the wire never carries those).
 *
 * The endpoint schemas keep ZKopecks (the string) so the OpenAPI document and the response serialiser describe
 * and send a string; code turns its bigints into that string through `kopecksToWire` below, not by hand.
 */
export const ZKopecksCodec = z.codec(ZKopecks, z.bigint(), {
  decode: (wire) => BigInt(wire),
  encode: (kopecks) => kopecks.toString(),
});

/** Kopecks (bigint) → the wire string: 1_250_000n → "1250000". Throws a ZodError for a negative amount. */
export const kopecksToWire = (kopecks: bigint): string => ZKopecksCodec.encode(kopecks);

/** The wire string → kopecks (bigint): "1250000" → 1_250_000n. Throws a ZodError for anything else. */
export const kopecksFromWire = (wire: string): bigint => ZKopecksCodec.decode(wire);
