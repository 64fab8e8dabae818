import type { Writable } from 'node:stream';
import type { FastifyError, FastifyServerOptions } from 'fastify';

/**
 * JSON logs with a request id. Passwords, codes, passport data and phone numbers never reach a log: bodies are
 * not logged, cookies and tokens are redacted, and database errors are reduced to their SQL state, because a
 * driver's message can quote the values of the failed statement.
 */
export function logOptions(level: string, stream?: Writable): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.code',
        '*.passport',
      ],
      censor: '[скрыто]',
    },
    serializers: {
      err: (error: FastifyError) => {
        const stack = error.stack ?? '';
        if (error.name === 'DrizzleQueryError') {
          const { query, cause } = error as FastifyError & { query?: string; cause?: { code?: string } };
          return { type: error.name, message: 'Failed query', query, sqlState: cause?.code, stack: '' };
        }
        return { type: error.name, message: error.message, code: error.code, stack };
      },
    },
  };
}
