import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ErrorCode } from '../../../contracts';
import { ZUuid } from '../../../contracts';
import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import type { PdfDocument } from '../../modules/servicing/servicing-documents';
import { route } from '../route';

/**
 * A borrower's own PDF document, registered through route() like every route (sessions, maintenance): another
 * person's id — or an id that is not one — answers `notFound` exactly like an id that does not exist.
 */
export function pdfRoute(
  app: FastifyInstance,
  deps: Deps,
  document: {
    path: string;
    summary: string;
    notFound: ErrorCode;
    load: (borrowerId: string, id: string) => Promise<PdfDocument | null>;
  },
) {
  const endpoint = {
    method: 'GET',
    path: document.path,
    params: z.object({ id: z.string().max(64) }),
    summary: document.summary,
    produces: 'application/pdf',
  } as const;
  route(app, deps, endpoint, { audience: 'borrower' }, async ({ actor, params }) => {
    const id = ZUuid.safeParse(params.id);
    const pdf = id.success ? await document.load(actor.borrowerId, id.data) : null;
    if (!pdf) throw new AppError(document.notFound);
    return { file: pdf.pdf, filename: pdf.filename, sha256: pdf.sha256 };
  });
}
