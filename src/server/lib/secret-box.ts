import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';

/**
 * Secrets at rest (remote-access credentials): AES-256-GCM under a key derived with HKDF-SHA256 from
 * AFTERSALES_SECRET_KEY, a random 12-byte IV per secret, and additional authenticated data binding the
 * ciphertext to its row (a ciphertext copied onto another grant does not decrypt). Each ciphertext is
 * stored with the id of the key that sealed it, so a rotated-out key (AFTERSALES_SECRET_KEY_PREVIOUS) still
 * opens old rows until they are re-sealed (docs/secret-key-rotation.md).
 */
export type Sealed = { keyId: string; ciphertext: string };

export type SecretBox = {
  /** The id of the current key: rows under any other key are due for re-encryption. */
  currentKeyId: string;
  seal(plain: string, aad: string): Sealed;
  /** Throws when the key is unknown or the ciphertext was altered. */
  open(sealed: Sealed, aad: string): string;
  hasKey(keyId: string): boolean;
};

const SALT = Buffer.from('aftersales/secret-box/salt/v1');
const INFO = Buffer.from('aftersales/remote-access/aes-256-gcm/v1');
const FORMAT = 'v1';

type Key = { id: string; key: Buffer };

function deriveKey(material: string): Key {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(material, 'utf8'), SALT, INFO, 32));
  // The id is a fingerprint of the derived key (never the key): short, stable, safe to store and show.
  const id = `k1-${createHash('sha256').update('aftersales key id').update(key).digest('hex').slice(0, 12)}`;
  return { id, key };
}

export class SecretKeyError extends Error {}

export function createSecretBox(keys: { current: string; previous: string | null }): SecretBox {
  const current = deriveKey(keys.current);
  const byId = new Map<string, Key>([[current.id, current]]);
  if (keys.previous) {
    const previous = deriveKey(keys.previous);
    byId.set(previous.id, previous);
  }
  return {
    currentKeyId: current.id,
    hasKey: (keyId) => byId.has(keyId),
    seal(plain, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return { keyId: current.id, ciphertext: [FORMAT, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join('.') };
    },
    open(sealed, aad) {
      const key = byId.get(sealed.keyId);
      if (!key) throw new SecretKeyError(`no configured key has id ${sealed.keyId}`);
      const [format, iv, tag, body] = sealed.ciphertext.split('.');
      if (format !== FORMAT || !iv || !tag || body === undefined) throw new SecretKeyError('unreadable ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

const boxes = new WeakMap<Config, SecretBox>();

/** The configuration's secret box (built once per configuration), or null when no key is configured. */
export function secretBoxOf(config: Config): SecretBox | null {
  if (!config.secretKeys) return null;
  let box = boxes.get(config);
  if (!box) {
    box = createSecretBox(config.secretKeys);
    boxes.set(config, box);
  }
  return box;
}
