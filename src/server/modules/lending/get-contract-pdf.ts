import { AppError } from '../../app-error';
import type { Deps } from '../../deps';
import { findContractDocument } from './contract-repository';

/** A contract's PDF as it is downloaded: the bytes, a file name and the SHA-256 the signature is bound to. */
export type ContractPdf = { pdf: Buffer; filename: string; sha256: string };

/** The borrower's own contract as a PDF; another person's contract (or a missing id) throws CONTRACT_NOT_FOUND. */
export async function getContractPdf(
  deps: Deps,
  { borrowerId, contractId }: { borrowerId: string; contractId: string },
): Promise<ContractPdf> {
  const contract = await findContractDocument(deps.db, borrowerId, contractId);
  if (!contract) throw new AppError('CONTRACT_NOT_FOUND');
  return { pdf: contract.pdf, filename: `contract-${contract.number}.pdf`, sha256: contract.sha256 };
}
