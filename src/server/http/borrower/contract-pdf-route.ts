import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { contracts } from '../../adapters/db/schema-loans';
import type { Deps } from '../../deps';
import { pdfRoute } from './pdf-route';

/** The contract PDF, for its borrower only. */
export function contractPdfRoute(app: FastifyInstance, deps: Deps) {
  pdfRoute(app, deps, {
    path: '/api/me/contracts/:id/pdf',
    summary: 'Договор (PDF)',
    notFound: 'CONTRACT_NOT_FOUND',
    load: async (borrowerId, id) => {
      const [contract] = await deps.db
        .select({ pdf: contracts.pdf, number: contracts.number, sha256: contracts.documentSha256 })
        .from(contracts)
        .where(and(eq(contracts.id, id), eq(contracts.borrowerId, borrowerId)));
      return contract
        ? { pdf: contract.pdf, filename: `contract-${contract.number}.pdf`, sha256: contract.sha256 }
        : null;
    },
  });
}
