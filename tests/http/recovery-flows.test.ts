import { describe, expect, it } from 'vitest';
import { clientsOf, lastCodeSentTo, registerBorrower, useTestApp } from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '192.0.2');

describe('a finished password recovery ends every other open flow of the account', () => {
  it('R1 and R2 for one phone; R2 completes; R1 with its own right code is RECOVERY_NOT_FOUND and changes nothing', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const first = client();
    const r1 = (await first.post('/api/password-recovery', { phone: person.phone })).json().id;
    const code1 = await lastCodeSentTo(t.deps, person.phone);
    const second = client();
    const r2 = (await second.post('/api/password-recovery', { phone: person.phone })).json().id;
    const code2 = await lastCodeSentTo(t.deps, person.phone);
    expect(r2).not.toBe(r1);

    const done2 = await second.post(`/api/password-recovery/${r2}/complete`, {
      code: code2,
      newPassword: 'Осень-2026-второй',
    });
    expect(done2.statusCode).toBe(200);

    const done1 = await first.post(`/api/password-recovery/${r1}/complete`, {
      code: code1,
      newPassword: 'Осень-2026-первый',
    });
    expect(done1.statusCode).toBe(404);
    expect(done1.json().code).toBe('RECOVERY_NOT_FOUND');
    // The password is R2's: R1 changed nothing.
    const login = (password: string) => client().post('/api/auth/login', { phone: person.phone, password });
    expect((await login('Осень-2026-первый')).statusCode).toBe(401);
    expect((await login('Осень-2026-второй')).statusCode).toBe(200);
    // Nor can R1 ask for a new code.
    expect((await first.post(`/api/password-recovery/${r1}/resend`)).json().code).toBe('RECOVERY_NOT_FOUND');
  });

  it('R1 and R2 completed at the same moment: exactly one sets the password', async () => {
    const { person } = await registerBorrower(client(), t.deps);
    const flows = [];
    for (const c of [client(), client()]) {
      const id = (await c.post('/api/password-recovery', { phone: person.phone })).json().id;
      flows.push({ c, id, code: await lastCodeSentTo(t.deps, person.phone) });
    }
    const answers = await Promise.all(
      flows.map(({ c, id, code }, i) =>
        c.post(`/api/password-recovery/${id}/complete`, { code, newPassword: `Осень-2026-поток-${i}` }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 404]);
  });
});
