import { createHash, createHmac } from 'node:crypto';
import type { DrawHashes } from '../../../domain/draw';

/** The draw's hash functions by Node's crypto (domain/draw.ts stays pure). */
export const nodeDrawHashes: DrawHashes = {
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmacSha256Hex: (key, data) => createHmac('sha256', key).update(data).digest('hex'),
};
