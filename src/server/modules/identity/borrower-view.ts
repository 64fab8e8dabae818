import { eq } from 'drizzle-orm';
import type { Me } from '../../../contracts';
import type { DbOrTx } from '../../adapters/db/database';
import { borrowers } from '../../adapters/db/schema';
import { AppError } from '../../app-error';
import type { FieldCipher } from '../../security/secrets';

type BorrowerRow = typeof borrowers.$inferSelect;

export type PassportParts = { series: string; number: string };

export const sealPassport = (cipher: FieldCipher, p: PassportParts) =>
  cipher.encrypt(`${p.series} ${p.number}`);

export function openPassport(cipher: FieldCipher, encrypted: string): PassportParts {
  const [series = '', number = ''] = cipher.decrypt(encrypted).split(' ');
  return { series, number };
}

/** What the borrower sees of themself. */
export function toMe(cipher: FieldCipher, row: BorrowerRow): Me {
  return {
    id: row.id,
    phone: row.phone,
    surname: row.surname,
    name: row.name,
    patronymic: row.patronymic,
    birthDate: row.birthDate,
    sex: row.sex,
    passport: {
      ...openPassport(cipher, row.passportEncrypted),
      issueDate: row.passportIssueDate,
      issuedBy: row.passportIssuedBy,
      divisionCode: row.passportDivisionCode,
    },
    registeredAt: row.createdAt.toISOString(),
  };
}

export async function loadBorrower(db: DbOrTx, borrowerId: string): Promise<BorrowerRow> {
  const [row] = await db.select().from(borrowers).where(eq(borrowers.id, borrowerId));
  if (!row) throw new AppError('UNAUTHENTICATED');
  return row;
}
