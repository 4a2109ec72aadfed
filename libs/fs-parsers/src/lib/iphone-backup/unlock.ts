import { createDecipheriv, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { CorruptBackupError, WrongPasswordError } from './errors.js';
import type { Keybag } from './keybag.js';

/**
 * Opening an encrypted backup's keys with its password (iOS 10.2 and later, as Apple's iOS Security
 * Guide and the public iphone-dataprotection work describe): the passcode key is
 * PBKDF2-HMAC-SHA1(PBKDF2-HMAC-SHA256(password, DPSL, DPIC, 32), SALT, ITER, 32) (without DPSL/DPIC,
 * before iOS 10.2, only the SHA-1 stage); each class key wrapped with the passcode (WRAP bit 2) is
 * RFC 3394 AES key-unwrapped with it. The unwrap's integrity check (the A6A6… initial value) is how
 * a wrong password shows.
 */
const derive = promisify(pbkdf2);

/** Real backups ask for 10,000,000 SHA-256 rounds (DPIC) and 10,000 SHA-1 rounds (ITER); more than this is refused. */
export const MAX_PBKDF2_ROUNDS = 20_000_000;

/** RFC 3394 §2.2.3.1 default initial value. */
const RFC3394_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');

/** RFC 3394 AES key unwrap; undefined when the integrity check fails (wrong key-encryption key or damaged input). */
export function unwrapKey(kek: Buffer, wrapped: Buffer): Buffer | undefined {
  if (kek.length !== 32 || wrapped.length < 24 || wrapped.length % 8 !== 0 || wrapped.length > 1024) return undefined;
  try {
    const decipher = createDecipheriv('id-aes256-wrap', kek, RFC3394_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return undefined;
  }
}

function rounds(value: number | undefined, tag: string): number {
  if (value === undefined || value < 1) throw new CorruptBackupError(`the backup keybag has no usable ${tag} (PBKDF2 rounds)`);
  if (value > MAX_PBKDF2_ROUNDS) {
    throw new CorruptBackupError(
      `the backup keybag asks for ${value} PBKDF2 rounds in ${tag}; real backups use at most 10,000,000, so more than ${MAX_PBKDF2_ROUNDS} is treated as damage`,
    );
  }
  return value;
}

/** The key the backup password gives. Runs PBKDF2 off the main thread; the signal is checked between the stages. */
export async function passcodeKey(keybag: Keybag, password: string, signal?: AbortSignal): Promise<Buffer> {
  const iterations = rounds(keybag.iterations, 'ITER');
  if (!keybag.salt || keybag.salt.length === 0 || keybag.salt.length > 256) throw new CorruptBackupError('the backup keybag has no usable SALT');
  let secret = Buffer.from(password, 'utf8');
  if (keybag.dpsl !== undefined || keybag.dpic !== undefined) {
    const dpic = rounds(keybag.dpic, 'DPIC');
    if (!keybag.dpsl || keybag.dpsl.length === 0 || keybag.dpsl.length > 256) throw new CorruptBackupError('the backup keybag has no usable DPSL');
    signal?.throwIfAborted();
    secret = await derive(secret, keybag.dpsl, dpic, 32, 'sha256');
  }
  signal?.throwIfAborted();
  const key = await derive(secret, keybag.salt, iterations, 32, 'sha1');
  signal?.throwIfAborted();
  return key;
}

/** The class keys by protection class. WrongPasswordError when no passcode-wrapped class key unwraps. */
export function unlockClassKeys(keybag: Keybag, key: Buffer, folder: string): Map<number, Buffer> {
  const unlocked = new Map<number, Buffer>();
  let tried = 0;
  for (const classKey of keybag.classKeys) {
    if ((classKey.wrap & 2) === 0) continue;
    tried++;
    const clear = unwrapKey(key, classKey.wrappedKey);
    if (clear) unlocked.set(classKey.protectionClass, clear);
  }
  if (tried === 0) throw new CorruptBackupError('the backup keybag holds no class key wrapped with the backup password');
  if (unlocked.size === 0) throw new WrongPasswordError(folder);
  return unlocked;
}

/** A wrapped key as Manifest.plist (ManifestKey) and Manifest.db (EncryptionKey) store it: 4-byte little-endian class, then 40 bytes. */
export function splitWrappedKey(value: Buffer, what: string): { protectionClass: number; wrapped: Buffer } {
  if (value.length !== 44) throw new CorruptBackupError(`${what} is ${value.length} bytes, not a 4-byte class and a 40-byte wrapped key`);
  return { protectionClass: value.readUInt32LE(0), wrapped: value.subarray(4) };
}

/** A file's (or Manifest.db's) own AES-256 key, unwrapped with its class key. */
export function unwrapForClass(classKeys: Map<number, Buffer>, protectionClass: number, wrapped: Buffer, what: string): Buffer {
  const classKey = classKeys.get(protectionClass);
  if (!classKey) throw new CorruptBackupError(`${what} uses protection class ${protectionClass}, which the backup keybag does not unlock`);
  const key = unwrapKey(classKey, wrapped);
  if (!key || key.length !== 32) throw new CorruptBackupError(`the key of ${what} does not unwrap with its class key (damaged entry)`);
  return key;
}
