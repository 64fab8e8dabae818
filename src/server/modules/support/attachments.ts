import { createHash, randomUUID } from 'node:crypto';
import type { AttachmentUpload } from '../../../contracts/support';
import { sniffAttachment } from '../../../domain/support';
import type { DbOrTx } from '../../adapters/db/database';
import type { Deps } from '../../deps';
import { AppError } from '../../app-error';
import { findAttachment, insertAttachment } from './support-repository';

/** An upload that passed the checks: its bytes, the sniffed type, a safe file name. */
export type CheckedAttachment = { filename: string; bytes: Buffer; contentType: string; sha256: string };

/**
 * Decodes and checks uploads before anything is written: at most SUPPORT_ATTACHMENT_MAX_BYTES each (413
 * ATTACHMENT_TOO_LARGE), and the type from the bytes themselves — JPEG, PNG, WebP, HEIC or PDF — whatever the name
 * says (415 ATTACHMENT_REJECTED). The stored name keeps the person's name but ends in the sniffed extension.
 */
export function checkAttachments(
  deps: Pick<Deps, 'config'>,
  uploads: readonly AttachmentUpload[] = [],
): CheckedAttachment[] {
  return uploads.map((upload) => {
    const bytes = Buffer.from(upload.contentBase64, 'base64');
    if (bytes.length > deps.config.support.attachmentMaxBytes) throw new AppError('ATTACHMENT_TOO_LARGE');
    const kind = sniffAttachment(bytes);
    if (!kind || bytes.length === 0) throw new AppError('ATTACHMENT_REJECTED');
    const base = upload.filename.replace(/\.[^.]*$/, '').slice(0, 150) || 'file';
    return {
      filename: `${base}.${kind.ext}`,
      bytes,
      contentType: kind.mime,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
}

/**
 * Puts checked files into the storage port and records them against the message, inside the caller's transaction.
 * A file written for a transaction that then rolls back stays unreferenced under a random key (harmless).
 */
export async function saveAttachments(
  deps: Pick<Deps, 'storage' | 'clock'>,
  db: DbOrTx,
  target: { conversationId: string; messageId: string },
  files: readonly CheckedAttachment[],
): Promise<void> {
  for (const file of files) {
    const id = randomUUID();
    const storageKey = `support/${target.conversationId}/${id}`;
    await deps.storage.put(storageKey, file.bytes, file.contentType);
    await insertAttachment(db, {
      id,
      conversationId: target.conversationId,
      messageId: target.messageId,
      filename: file.filename,
      contentType: file.contentType,
      size: file.bytes.length,
      sha256: file.sha256,
      storageKey,
      createdAt: deps.clock.now(),
    });
  }
}

/**
 * The bytes of an attachment: a borrower only of their own conversation and never of an internal note (404
 * ATTACHMENT_NOT_FOUND, the same as a missing one); the desk any.
 */
export async function readAttachment(
  deps: Pick<Deps, 'db' | 'storage'>,
  request: { conversationId: string; attachmentId: string; borrowerId?: string },
): Promise<{ file: Buffer; filename: string; contentType: string; sha256: string }> {
  const row = await findAttachment(deps.db, request.conversationId, request.attachmentId, {
    ...(request.borrowerId ? { borrowerId: request.borrowerId } : {}),
  });
  const file = row ? await deps.storage.get(row.storageKey) : null;
  if (!row || !file) throw new AppError('ATTACHMENT_NOT_FOUND');
  return { file, filename: row.filename, contentType: row.contentType, sha256: row.sha256 };
}
