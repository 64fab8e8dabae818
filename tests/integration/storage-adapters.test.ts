import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderStorage } from '../../src/server/adapters/storage/folder-storage';
import { S3Storage } from '../../src/server/adapters/storage/s3-storage';
import {
  MemoryStorage,
  StorageError,
  type StoragePort,
} from '../../src/server/adapters/storage/storage-port';

/** A stand-in of an S3-compatible service: path-style PUT/GET of one bucket, requiring a SigV4 Authorization. */
function s3StandIn() {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: { method: string; url: string; authorization: string; sha: string }[] = [];
  let failNext = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: String(req.headers.authorization ?? ''),
        sha: String(req.headers['x-amz-content-sha256'] ?? ''),
      });
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
        return;
      }
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=key-id/')) {
        res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
        return;
      }
      const key = decodeURIComponent(req.url ?? '');
      if (req.method === 'PUT') {
        objects.set(key, { body: Buffer.concat(chunks), type: String(req.headers['content-type']) });
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === 'GET') {
        const object = objects.get(key);
        if (!object) res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
        else res.writeHead(200, { 'content-type': object.type }).end(object.body);
      } else res.writeHead(405).end();
    });
  });
  return { server, objects, seen, failOnce: (n = 1) => (failNext = n) };
}

const contract = (name: string, make: () => StoragePort) =>
  describe(`${name}: the storage port's contract`, () => {
    it('stores and reads bytes back; a missing key is null', async () => {
      const storage = make();
      const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 255, 10]);
      await storage.put('support/abc/file-1', bytes, 'application/pdf');
      expect((await storage.get('support/abc/file-1'))?.equals(bytes)).toBe(true);
      expect(await storage.get('support/abc/none')).toBeNull();
    });
    it('refuses keys that could leave the store', async () => {
      const storage = make();
      for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'A/B', 'a//b', ''])
        await expect(storage.put(key, Buffer.from('x'), 'text/plain'), key).rejects.toBeInstanceOf(
          StorageError,
        );
    });
  });

contract('memory', () => new MemoryStorage());
contract('data folder', () => new FolderStorage(mkdtempSync(join(tmpdir(), 'storage-'))));

describe('S3-compatible adapter against a local stand-in', () => {
  const standIn = s3StandIn();
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (standIn.server as Server).close(() => resolve())));
  const make = (secret = 'secret') =>
    new S3Storage({
      endpoint,
      bucket: 'files',
      region: 'ru-central1',
      accessKeyId: 'key-id',
      secretAccessKey: secret,
      retries: 0,
    });

  contract('s3', () => make());

  it('signs every request with SigV4 for the bucket path, and sends the type', async () => {
    await make().put('support/c1/a1', Buffer.from('%PDF-1.4'), 'application/pdf');
    const put = standIn.seen.filter((r) => r.method === 'PUT').at(-1)!;
    expect(put.url).toBe('/files/support/c1/a1');
    expect(put.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=key-id\/\d{8}\/ru-central1\/s3\/aws4_request/,
    );
    expect(put.sha).toMatch(/^[0-9a-f]{64}$/);
    expect(standIn.objects.get('/files/support/c1/a1')?.type).toBe('application/pdf');
  });

  it('a 5xx is a retryable StorageError; a refusal is not', async () => {
    standIn.failOnce();
    const failure = await make()
      .put('support/c1/a2', Buffer.from('x'), 'image/png')
      .catch((e) => e);
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure.retryable).toBe(true);
    const refused = await new S3Storage({
      endpoint,
      bucket: 'files',
      region: 'ru-central1',
      accessKeyId: 'other',
      secretAccessKey: 'x',
      retries: 0,
    })
      .get('support/c1/a1')
      .catch((e) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect(refused.retryable).toBe(false);
  });
});
