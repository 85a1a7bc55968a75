// Signing secrets: generated as Standard Webhooks `whsec_` keys, stored encrypted (AES-256-GCM under a
// key derived from WEBHOOK_SECRET_KEY) because the gateway must read them back to sign, so a hash will
// not do. A database dump alone does not let anyone forge the gateway's events.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

/** A new secret: 32 random bytes, base64, with the `whsec_` prefix the Standard Webhooks libraries expect. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export class SecretBox {
  readonly #key: Buffer;

  constructor(secretKey: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secretKey, 'employee-gateway', 'webhook-signing-secrets', 32));
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  open(stored: string): string {
    const [format, packed] = stored.split(':');
    if (format !== FORMAT || !packed) throw new Error('unknown webhook secret format');
    const bytes = Buffer.from(packed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
