import type { AttachmentUpload } from '../../../contracts/support';

/** Reads chosen files as base64 for the JSON body (the server checks their type by content and their size). */
export async function toUploads(files: readonly File[]): Promise<AttachmentUpload[]> {
  return Promise.all(
    files.map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { filename: file.name || 'file', contentBase64: btoa(binary) };
    }),
  );
}

/** «1,2 МБ» for a size in bytes. */
export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`
    : `${Math.max(1, Math.round(bytes / 1024))} КБ`;

/** Image and PDF files a phone makes; the server has the last word (by content). */
export const ACCEPTED_FILES = 'image/jpeg,image/png,image/webp,image/heic,application/pdf';
