import { describe, expect, it, vi } from 'vitest';
import type * as Secrets from '../../src/server/security/secrets';
import { hashPassword } from '../../src/server/security/secrets';
import { clientsOf, newPerson, registerBorrower, TestClient, useTestApp } from '../support/test-app';

vi.mock('../../src/server/security/secrets', async (importOriginal) => {
  const original = await importOriginal<typeof Secrets>();
  return { ...original, hashPassword: vi.fn(original.hashPassword) };
});

const t = useTestApp();
const client = clientsOf(t, '192.0.2');
const hashed = () => vi.mocked(hashPassword).mock.calls.length;

describe('POST /api/registration with a registered phone is no free oracle', () => {
  it('keeps the 409 and its message, and does the same work as a new phone (one argon2id hash each)', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const before = hashed();
    const taken = await client().post('/api/registration', {
      phone: person.phone,
      password: 'Другой-пароль-2026',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'PHONE_ALREADY_REGISTERED',
      detail: 'Личный кабинет по этому номеру уже используется',
    });
    expect(hashed() - before).toBe(1);

    const fresh = newPerson();
    const between = hashed();
    const started = await client().post('/api/registration', {
      phone: fresh.phone,
      password: fresh.password,
    });
    expect(started.statusCode).toBe(201);
    expect(hashed() - between).toBe(1);
  });

  it('is limited per phone like a code: the registered phone’s registration budget is 10 a day', async () => {
    const { person } = await registerBorrower(client(), t.deps); // its registration spent one
    const answers: number[] = [];
    for (let i = 0; i < 10; i++)
      answers.push(
        (await client().post('/api/registration', { phone: person.phone, password: person.password }))
          .statusCode,
      );
    expect(answers).toEqual([...Array(9).fill(409), 429]);
  });

  it('is limited per IP: 201 and 409 answers share the address’s 30 registrations a day', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const prober = new TestClient(t.app, '198.51.100.123');
    for (let i = 0; i < 25; i++) {
      const p = newPerson();
      expect(
        (await prober.post('/api/registration', { phone: p.phone, password: p.password })).statusCode,
      ).toBe(201);
    }
    const answers: number[] = [];
    for (let i = 0; i < 6; i++)
      answers.push(
        (await prober.post('/api/registration', { phone: person.phone, password: person.password }))
          .statusCode,
      );
    expect(answers).toEqual([409, 409, 409, 409, 409, 429]);
  });
});
