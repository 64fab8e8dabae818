import type { FastifyInstance } from 'fastify';
import type { ErrorCode } from '../../../contracts';
import { ZUuid } from '../../../contracts';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { resolveSession } from '../../modules/identity/session-store';
import type { PdfDocument } from '../../modules/servicing/servicing-documents';
import { readSessionToken } from '../session-cookie';

/**
 * A borrower's own PDF document (a binary answer, so outside the JSON route table): a session is required, and
 * another person's id answers `notFound` exactly like an id that does not exist.
 */
export function pdfRoute(
  app: FastifyInstance,
  deps: Deps,
  route: {
    path: string;
    summary: string;
    notFound: ErrorCode;
    load: (borrowerId: string, id: string) => Promise<PdfDocument | null>;
  },
) {
  app.get(route.path, { schema: { summary: route.summary, tags: ['me'] } }, async (request, reply) => {
    const token = readSessionToken(request, deps.config);
    const session = token ? await resolveSession(deps, token) : null;
    if (!session) throw new AppError('UNAUTHENTICATED');
    const id = ZUuid.safeParse((request.params as { id: string }).id);
    const document = id.success ? await route.load(session.borrowerId, id.data) : null;
    if (!document) throw new AppError(route.notFound);
    if (document.sha256) reply.header('x-document-sha256', document.sha256);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${encodeURIComponent(document.filename)}"`)
      .send(document.pdf);
  });
}
