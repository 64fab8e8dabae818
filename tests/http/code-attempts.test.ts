import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/server/app-error';
import { issueCode, verifyCode } from '../../src/server/modules/identity/one-time-codes';
import {
  clientsOf,
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  useTestApp,
  type TestClient,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '192.0.2');

/** A wrong code: the right one with its last digit changed. */
const wrong = (code: string) => `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;

/** Sends twenty wrong codes at once and counts the answers by code. */
async function twentyAtOnce(c: TestClient, url: string, body: Record<string, string>) {
  const answers = await Promise.all(Array.from({ length: 20 }, () => c.post(url, body)));
  const counts: Record<string, number> = {};
  for (const a of answers) counts[a.json().code] = (counts[a.json().code] ?? 0) + 1;
  return counts;
}

describe('one-time codes: at most 5 tries per code, even when the guesses arrive at once', () => {
  it('20 wrong POST /api/registration/{id}/confirm at once: exactly 5 checked, 15 TOO_MANY_ATTEMPTS; the code is burnt', async () => {
    const c = client();
    const person = newPerson();
    const id = (await c.post('/api/registration', { phone: person.phone, password: person.password })).json()
      .id;
    const code = await lastCodeSentTo(t.deps, person.phone);
    const counts = await twentyAtOnce(c, `/api/registration/${id}/confirm`, { code: wrong(code) });
    expect(counts).toEqual({ CODE_INVALID: 5, TOO_MANY_ATTEMPTS: 15 });
    const right = await c.post(`/api/registration/${id}/confirm`, { code });
    expect(right.json().code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('20 wrong recovery completions at once: exactly 5 checked', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const c = client();
    const id = (await c.post('/api/password-recovery', { phone: person.phone })).json().id;
    const code = await lastCodeSentTo(t.deps, person.phone);
    const counts = await twentyAtOnce(c, `/api/password-recovery/${id}/complete`, {
      code: wrong(code),
      newPassword: 'Осень-2026-новый',
    });
    expect(counts).toEqual({ CODE_INVALID: 5, TOO_MANY_ATTEMPTS: 15 });
  });

  it('a signing code (bound to a document) the same way; a right fifth try still signs', async () => {
    const phone = newPerson().phone;
    const subjectId = randomUUID();
    const binding = 'sha256-of-the-contract';
    const message = (c: string) => `${c} — код подписи договора`;
    await issueCode(t.deps, {
      purpose: 'signature',
      subjectId,
      phone,
      sendTo: phone,
      ip: '192.0.2.99',
      binding,
      message,
    });
    const code = await lastCodeSentTo(t.deps, phone);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => verifyCode(t.deps, { subjectId, code: wrong(code), binding })),
    );
    const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as AppError).code : 'OK'));
    expect(codes.filter((x) => x === 'CODE_INVALID')).toHaveLength(5);
    expect(codes.filter((x) => x === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);

    const other = randomUUID();
    await issueCode(t.deps, {
      purpose: 'signature',
      subjectId: other,
      phone,
      sendTo: phone,
      ip: '192.0.2.99',
      binding,
      message,
    });
    const otherCode = await lastCodeSentTo(t.deps, phone);
    for (let i = 0; i < 4; i++)
      await expect(
        verifyCode(t.deps, { subjectId: other, code: wrong(otherCode), binding }),
      ).rejects.toThrow();
    await expect(verifyCode(t.deps, { subjectId: other, code: otherCode, binding })).resolves.toMatchObject({
      codeId: expect.any(String),
    });
  });
});
