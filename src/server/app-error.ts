import type { ErrorCode, FieldError } from '../contracts';

/** The one error type services throw; the HTTP layer turns it into problem+json by its code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extra: {
      detail?: string;
      errors?: FieldError[];
      retryAfterSec?: number;
      attemptsLeft?: number;
    } = {},
  ) {
    super(extra.detail ?? code);
    this.name = 'AppError';
  }
}
