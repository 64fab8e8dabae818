import type { FieldCipher } from '../../security/secrets';

/** Passport series (4 digits) and number (6 digits). */
export type PassportParts = { series: string; number: string };

/** Encrypts series and number for borrowers.passport_encrypted (AES-256-GCM through the cipher). */
export const sealPassport = (cipher: FieldCipher, p: PassportParts) =>
  cipher.encrypt(`${p.series} ${p.number}`);

/** Decrypts a sealed passport back into series and number. */
export function openPassport(cipher: FieldCipher, encrypted: string): PassportParts {
  const [series = '', number = ''] = cipher.decrypt(encrypted).split(' ');
  return { series, number };
}

/**
 * The borrower by id; throws UNAUTHENTICATED when missing. Kept under this name for the other modules
 * (lending, servicing); inside identity use getBorrower from the repository.
 */
export { getBorrower as loadBorrower } from './borrower-repository';
