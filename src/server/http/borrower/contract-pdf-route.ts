import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ZUuid } from '../../../contracts';
import { contracts } from '../../adapters/db/schema-loans';
import { AppError } from '../../app-error';
import type { Deps } from '../../services/deps';
import { resolveSession } from '../../services/session-store';
import { readSessionToken } from '../session-cookie';

/** The contract PDF, for its borrower only (a binary answer, so outside the JSON route table). */
export function contractPdfRoute(app: FastifyInstance, deps: Deps) {
  app.get(
    '/api/me/contracts/:id/pdf',
    { schema: { summary: 'Договор (PDF)', tags: ['me'] } },
    async (request, reply) => {
      const token = readSessionToken(request, deps.config);
      const session = token ? await resolveSession(deps, token) : null;
      if (!session) throw new AppError('UNAUTHENTICATED');
      const id = ZUuid.safeParse((request.params as { id: string }).id);
      if (!id.success) throw new AppError('CONTRACT_NOT_FOUND');
      const [contract] = await deps.db
        .select({ pdf: contracts.pdf, number: contracts.number, sha256: contracts.documentSha256 })
        .from(contracts)
        .where(and(eq(contracts.id, id.data), eq(contracts.borrowerId, session.borrowerId)));
      if (!contract) throw new AppError('CONTRACT_NOT_FOUND');
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="contract-${encodeURIComponent(contract.number)}.pdf"`,
        )
        .header('x-document-sha256', contract.sha256)
        .send(contract.pdf);
    },
  );
}
