import { describe, expect, it } from 'vitest';
import { takeLoan } from '../support/servicing';
import {
  clientsOf,
  lastCodeSentTo,
  newPerson,
  registerBorrower,
  useTestApp,
  type TestClient,
} from '../support/test-app';

const t = useTestApp();
const client = clientsOf(t, '100.64.25');

/** Born 10.05.1990, passport issued 20.06.2010 (valid until 45). */
async function borrower(c: TestClient, overrides: Partial<ReturnType<typeof newPerson>> = {}) {
  const person = newPerson({ birthDate: '1990-05-10', ...overrides });
  person.passport.issueDate = '2010-06-20';
  return (await registerBorrower(c, t.deps, person)).person;
}

const newPassport = () => ({
  ...newPerson().passport,
  issueDate: '2026-10-01',
  issuedBy: 'ГУ МВД России по Московской области',
});

/** Issue 15: a new passport after a marriage changes the name with it, checked again and confirmed by SMS. */
describe('a change of name with a new passport', () => {
  it('changes the name and the passport together, keeps the old ones with the contracts signed under them', async () => {
    const c = client();
    const person = await borrower(c);
    const loan = await takeLoan(t, c, person.phone);
    const contractNumber = (await c.get(`/api/me/loans/${loan.id}`)).json().contractNumber as string;

    const passport = newPassport();
    const newName = { surname: 'Смирнова', name: person.name, patronymic: person.patronymic };
    expect((await c.post('/api/me/passport/code', { passport, newName })).statusCode).toBe(200);
    const code = await lastCodeSentTo(t.deps, person.phone);
    // The code is bound to the name too: the same passport under another name is refused.
    const other = await c.put('/api/me/passport', {
      passport,
      newName: { ...newName, surname: 'Кузнецова' },
      code,
    });
    expect(other.json().code).toBe('CODE_INVALID');
    const changed = await c.put('/api/me/passport', { passport, newName, code });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      surname: 'Смирнова',
      name: person.name,
      passport: { number: passport.number },
    });

    const history = (await c.get('/api/me/passport-history')).json();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      fullName: `${person.surname} ${person.name} ${person.patronymic}`,
      contracts: [contractNumber],
    });
  });

  it('refuses a new name with the same passport, and a name that makes someone else', async () => {
    const c = client();
    const person = await borrower(c);
    const sameNumbers = await c.post('/api/me/passport/code', {
      passport: { ...person.passport, issueDate: '2026-10-01' },
      newName: { surname: 'Смирнова', name: person.name, patronymic: person.patronymic },
    });
    expect(sameNumbers.statusCode).toBe(400);
    expect(sameNumbers.json().errors[0].path).toBe('passport.number');

    // Another borrower with the same birth date already holds the name this borrower would take.
    const twin = await borrower(client(), { surname: 'Петрова', name: 'Анна', patronymic: 'Ивановна' });
    const duplicate = await c.post('/api/me/passport/code', {
      passport: newPassport(),
      newName: { surname: twin.surname, name: twin.name, patronymic: twin.patronymic },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('PERSON_ALREADY_REGISTERED');
    expect((await c.get('/api/me')).json().surname).toBe(person.surname);
  });
});
