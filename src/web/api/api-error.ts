import type { ErrorCode, FieldError, Problem } from '../../contracts';

/** Our own code for a request that never reached the server (no network, DNS, connection reset). */
export type ApiErrorCode = ErrorCode | 'NETWORK';

export const NETWORK_ERROR_MESSAGE = 'Нет связи с сервером. Проверьте интернет и попробуйте ещё раз';

/**
 * A failed API call: the RFC 9457 problem the server answered with, or a problem made up on the client for a
 * network failure or an answer that is not a problem. `detail` is Russian and safe to show.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly retryAfterSec: number | undefined;
  readonly attemptsLeft: number | undefined;
  /** When the answer came, so that `retryAfterSec` can be counted down. */
  readonly receivedAt = Date.now();

  constructor(problem: {
    status: number;
    code: ApiErrorCode;
    detail: string;
    errors?: FieldError[] | undefined;
    retryAfterSec?: number | undefined;
    attemptsLeft?: number | undefined;
  }) {
    super(problem.detail);
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.retryAfterSec = problem.retryAfterSec;
    this.attemptsLeft = problem.attemptsLeft;
  }

  static fromProblem(problem: Problem, retryAfterHeader: number | undefined): ApiError {
    return new ApiError({ ...problem, retryAfterSec: problem.retryAfterSec ?? retryAfterHeader });
  }

  static network(): ApiError {
    return new ApiError({ status: 0, code: 'NETWORK', detail: NETWORK_ERROR_MESSAGE });
  }

  /** Epoch milliseconds after which a retry makes sense, or null when the server set no pause. */
  get retryAt(): number | null {
    return this.retryAfterSec === undefined ? null : this.receivedAt + this.retryAfterSec * 1000;
  }
}

export const isApiError = (error: unknown, ...codes: ApiErrorCode[]): error is ApiError =>
  error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
