import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { checkStorageKey, StorageError, type StoragePort } from './storage-port';

/** Where the S3-compatible service is and how to sign for it (Yandex Object Storage, VK Cloud, MinIO...). */
export type S3StorageOptions = {
  /** The service's base URL, e.g. the provider's storage endpoint; path-style addressing `<endpoint>/<bucket>/<key>`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Retries of a failed request inside aws4fetch (0 in tests). */
  retries?: number;
};

/**
 * The real store: an S3-compatible object storage over plain HTTPS with AWS Signature V4 (aws4fetch signs `fetch`
 * requests; no SDK). PUT stores, GET reads (404 → null); 5xx and network failures are retryable StorageErrors, other
 * refusals are not.
 */
export class S3Storage implements StoragePort {
  private readonly client: AwsClient;
  constructor(private readonly options: S3StorageOptions) {
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      service: 's3',
      region: options.region,
      retries: options.retries ?? 3,
    });
  }

  private urlOf(key: string) {
    const base = this.options.endpoint.replace(/\/+$/, '');
    return `${base}/${encodeURIComponent(this.options.bucket)}/${checkStorageKey(key)}`;
  }

  private async send(key: string, init: RequestInit): Promise<Response> {
    try {
      return await this.client.fetch(this.urlOf(key), init);
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(`s3: ${(error as Error).message}`, true, 's3');
    }
  }

  private failure(response: Response, what: string) {
    return new StorageError(
      `s3 ${what}: HTTP ${response.status}`,
      response.status >= 500 || response.status === 429,
      's3',
    );
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const response = await this.send(key, {
      method: 'PUT',
      body: new Uint8Array(bytes),
      // The payload's hash is signed too (aws4fetch would send UNSIGNED-PAYLOAD): the service checks the bytes.
      headers: {
        'content-type': contentType,
        'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex'),
      },
    });
    await response.arrayBuffer();
    if (!response.ok) throw this.failure(response, 'put');
  }

  async get(key: string): Promise<Buffer | null> {
    const response = await this.send(key, { method: 'GET' });
    if (response.status === 404) {
      await response.arrayBuffer();
      return null;
    }
    if (!response.ok) throw this.failure(response, 'get');
    return Buffer.from(await response.arrayBuffer());
  }
}
