import { CorruptBackupError } from './errors.js';

/**
 * The backup keybag (Manifest.plist `BackupKeyBag`), as Apple's iOS Security Guide and the public
 * iphone-dataprotection research describe it: a run of TLV records (4-byte ASCII tag, 4-byte
 * big-endian length, value). First the keybag's own attributes (VERS, TYPE, UUID, HMCK, WRAP, SALT,
 * ITER, and since iOS 10.2 DPWT, DPIC, DPSL); then, each opened by a UUID, one class key per
 * protection class (CLAS, WRAP, KTYP, WPKY: the class key wrapped with RFC 3394).
 */
export interface ClassKey {
  /** The protection class (1 = Complete … 11 = Always, the classes files name in ProtectionClass). */
  protectionClass: number;
  /** Bit 2 (value 2): wrapped with the passcode key, i.e. the backup password. */
  wrap: number;
  keyType?: number;
  wrappedKey: Buffer;
}

export interface Keybag {
  version?: number;
  type?: number;
  salt?: Buffer;
  iterations?: number;
  /** iOS 10.2 and later: the first, SHA-256 PBKDF2 stage's salt and rounds. */
  dpsl?: Buffer;
  dpic?: number;
  classKeys: ClassKey[];
}

/** Real keybags are about 1–2 KB; the most tags and bytes this reader walks. */
export const MAX_KEYBAG_BYTES = 64 * 1024;
const MAX_TAGS = 1024;

export function parseKeybag(blob: Buffer): Keybag {
  if (blob.length > MAX_KEYBAG_BYTES) throw new CorruptBackupError(`the backup keybag is ${blob.length} bytes, more than the ${MAX_KEYBAG_BYTES} a keybag can need`);
  const keybag: Keybag = { classKeys: [] };
  let seenUuid = false;
  let current: Partial<ClassKey> | undefined;
  const finish = (): void => {
    if (current?.protectionClass !== undefined && current.wrappedKey) keybag.classKeys.push({ wrap: 0, ...current } as ClassKey);
    current = undefined;
  };
  let at = 0;
  for (let tags = 0; at < blob.length; tags++) {
    if (tags >= MAX_TAGS) throw new CorruptBackupError(`the backup keybag holds more than ${MAX_TAGS} records`);
    if (at + 8 > blob.length) throw new CorruptBackupError(`the backup keybag ends inside a record header at byte ${at}`);
    const tag = blob.toString('latin1', at, at + 4);
    const length = blob.readUInt32BE(at + 4);
    if (length > blob.length - at - 8) throw new CorruptBackupError(`keybag record ${tag} at byte ${at} claims ${length} bytes, past the end`);
    const value = blob.subarray(at + 8, at + 8 + length);
    const uint = (): number => {
      if (value.length !== 4) throw new CorruptBackupError(`keybag record ${tag} holds ${value.length} bytes, not a 4-byte number`);
      return value.readUInt32BE(0);
    };
    at += 8 + length;
    if (tag === 'UUID') {
      if (seenUuid) {
        finish();
        current = {};
      }
      seenUuid = true;
      continue;
    }
    if (current) {
      if (tag === 'CLAS') current.protectionClass = uint();
      else if (tag === 'WRAP') current.wrap = uint();
      else if (tag === 'KTYP') current.keyType = uint();
      else if (tag === 'WPKY') current.wrappedKey = Buffer.from(value);
      continue;
    }
    if (tag === 'VERS') keybag.version = uint();
    else if (tag === 'TYPE') keybag.type = uint();
    else if (tag === 'SALT') keybag.salt = Buffer.from(value);
    else if (tag === 'ITER') keybag.iterations = uint();
    else if (tag === 'DPSL') keybag.dpsl = Buffer.from(value);
    else if (tag === 'DPIC') keybag.dpic = uint();
  }
  finish();
  return keybag;
}
