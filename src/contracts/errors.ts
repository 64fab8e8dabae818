import { z } from 'zod';

/** Every error the API can answer with. The web client switches on these, never on text. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'PHONE_ALREADY_REGISTERED',
  'PERSON_ALREADY_REGISTERED',
  'PASSWORD_TOO_WEAK',
  'CAPTCHA_INVALID',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'CODE_RESEND_TOO_EARLY',
  'PHONE_NOT_CONFIRMED',
  'REGISTRATION_NOT_FOUND',
  'RECOVERY_NOT_FOUND',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_INVALID',
  'SESSION_NOT_FOUND',
  'MAINTENANCE',
  'NOT_READY',
  'NOT_FOUND',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'URI_TOO_LONG',
  'SMS_UNAVAILABLE',
  'PRODUCT_NOT_FOUND',
  'QUOTE_INVALID',
  'APPLICATION_NOT_FOUND',
  'APPLICATION_IN_PROGRESS',
  'LOAN_ALREADY_ACTIVE',
  'LOANS_PER_YEAR_LIMIT',
  'PASSPORT_EXPIRED',
  'WAIT_AFTER_HIGH_PSK_LOAN',
  'CARD_INVALID',
  'CONTRACT_NOT_FOUND',
  'CONTRACT_REISSUED',
  'BUREAU_UNAVAILABLE',
  'PAYOUT_ALREADY_SENT',
  'LOAN_NOT_FOUND',
  'LOAN_NOT_ACTIVE',
  'LOAN_NOT_CLOSED',
  'PAYMENT_NOT_FOUND',
  'PAYMENT_AMOUNT_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'ACQUIRING_UNAVAILABLE',
  'PROLONGATION_NOT_AVAILABLE',
  'PROLONGATION_NOT_FOUND',
  'NO_OVERPAYMENT',
  'CONVERSATION_NOT_FOUND',
  'CONVERSATION_CLOSED',
  'CONVERSATION_NOT_CLOSED',
  'ATTACHMENT_NOT_FOUND',
  'ATTACHMENT_REJECTED',
  'ATTACHMENT_TOO_LARGE',
  'CANNED_ANSWER_NOT_FOUND',
  'MESSAGE_NOT_EDITABLE',
  'INTERNAL',
] as const;

export const ZErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ZErrorCode>;

export const ZFieldError = z.object({
  path: z.string().describe('Путь к полю, например passport.series'),
  message: z.string(),
});
export type FieldError = z.infer<typeof ZFieldError>;

/** RFC 9457 problem details, with our stable `code`. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: ZErrorCode,
  instance: z.string().optional(),
  errors: z.array(ZFieldError).optional(),
  retryAfterSec: z.number().int().optional(),
  attemptsLeft: z.number().int().optional(),
});
export type Problem = z.infer<typeof ZProblem>;
