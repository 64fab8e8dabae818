import { createHash, generateKeyPairSync, sign as signBytes, type KeyObject } from 'node:crypto';
import { IdentityProviderError } from './identity-provider-port';

/**
 * Signs ESIA's `client_secret`. ESIA wants a GOST R 34.10-2012 (256) signature made by certified crypto (КС3) with
 * the key of the lender's certificate, and `client_certificate_hash`: the GOST R 34.11-2012-256 hash of that
 * certificate's DER form, hex. Whether the signature is raw or detached CMS (PKCS#7) is a setting
 * (ESIA_SIGNATURE_FORMAT); both come back Base64URL-encoded as ESIA takes them.
 */
export interface EsiaSignerPort {
  /** The signature of `text` (UTF-8), Base64URL. Throws IdentityProviderError('unavailable') on signer failure. */
  sign(text: string): Promise<string>;
  /** `client_certificate_hash`, hex. */
  certificateHash(): Promise<string>;
}

export type SignatureFormat = 'raw' | 'cms';

/** Settings of the signing service (a CryptoPro-based sidecar run by the lender). */
export type HttpSignerOptions = {
  url: string;
  keyId: string;
  format: SignatureFormat;
  /** Bearer token of the signing service, if it wants one. */
  token?: string | undefined;
  timeoutMs?: number | undefined;
};

/**
 * The real signer: an HTTP call to the lender's signing service.
 * `POST {url}/sign` `{ keyId, format, data: base64 }` → `{ signature: base64 }`;
 * `GET {url}/keys/{keyId}/certificate-hash` → `{ hash: hex }` (cached after the first answer).
 * The service holds the key (a CryptoPro container); this process never sees it.
 */
export class HttpEsiaSigner implements EsiaSignerPort {
  private hash: Promise<string> | undefined;
  constructor(private readonly options: HttpSignerOptions) {}

  async sign(text: string): Promise<string> {
    const body = await this.call('/sign', {
      method: 'POST',
      body: JSON.stringify({
        keyId: this.options.keyId,
        format: this.options.format,
        data: Buffer.from(text, 'utf8').toString('base64'),
      }),
    });
    const signature = (body as { signature?: unknown }).signature;
    if (typeof signature !== 'string' || signature === '')
      throw new IdentityProviderError('unavailable', 'signer: no signature in the answer', 'esia');
    return Buffer.from(signature, 'base64').toString('base64url');
  }

  certificateHash(): Promise<string> {
    this.hash ??= this.call(`/keys/${encodeURIComponent(this.options.keyId)}/certificate-hash`, {
      method: 'GET',
    }).then((body) => {
      const hash = (body as { hash?: unknown }).hash;
      if (typeof hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hash))
        throw new IdentityProviderError('unavailable', 'signer: no certificate hash', 'esia');
      return hash.toLowerCase();
    });
    this.hash.catch(() => (this.hash = undefined));
    return this.hash;
  }

  private async call(path: string, init: { method: string; body?: string }): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body) headers['content-type'] = 'application/json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.options.url.replace(/\/+$/, '')}${path}`, {
        ...init,
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new IdentityProviderError('unavailable', `signer: ${(error as Error).name}`, 'esia');
    }
    if (!response.ok)
      throw new IdentityProviderError('unavailable', `signer: HTTP ${response.status}`, 'esia');
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new IdentityProviderError('unavailable', 'signer: not JSON', 'esia');
    }
  }
}

/**
 * A LOCAL STAND-IN for demo and tests, NOT GOST and NOT certified: an Ed25519 signature made with node:crypto over
 * the same text, and a SHA-256 of a made-up "certificate" as the certificate hash. Our ESIA stand-in server
 * verifies it with the public key; real ESIA never would. Production refuses it (config.ts).
 */
export class LocalEsiaSigner implements EsiaSignerPort {
  readonly publicKey: KeyObject;
  private readonly privateKey: KeyObject;
  constructor(keys?: { privateKey: KeyObject; publicKey: KeyObject }) {
    const pair = keys ?? generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  sign(text: string): Promise<string> {
    return Promise.resolve(signBytes(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64url'));
  }

  certificateHash(): Promise<string> {
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    return Promise.resolve(createHash('sha256').update(der).digest('hex'));
  }
}
