import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../source/buffer-source.js';
import { openCbcSource } from './cbc-source.js';
import { CorruptBackupError, WrongPasswordError } from './errors.js';
import { parseKeybag } from './keybag.js';
import { MAX_PBKDF2_ROUNDS, passcodeKey, unlockClassKeys, unwrapKey } from './unlock.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const wrap = (kek: Buffer, key: Buffer) => {
  const cipher = createCipheriv('id-aes256-wrap', kek, hex('a6a6a6a6a6a6a6a6'));
  return Buffer.concat([cipher.update(key), cipher.final()]);
};
const tlv = (tag: string, value: Buffer | number) => {
  const body = typeof value === 'number' ? Buffer.alloc(4) : value;
  if (typeof value === 'number') body.writeUInt32BE(value);
  const head = Buffer.alloc(8);
  head.write(tag, 'latin1');
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
};

describe('RFC 3394 AES key unwrap', () => {
  it('gives RFC 3394 §4.6 (256-bit key, 256-bit KEK) back, and nothing for a wrong KEK or a flipped bit', () => {
    const kek = hex('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F');
    const wrapped = hex('28C9F404C4B810F4 CBCCB35CFB87F826 3F5786E2D80ED326 CBC7F0E71A99F43B FB988B9B7A02DD21');
    expect(unwrapKey(kek, wrapped)).toEqual(hex('00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F'));
    expect(unwrapKey(Buffer.alloc(32), wrapped)).toBeUndefined();
    const flipped = Buffer.from(wrapped);
    flipped[20]! ^= 1;
    expect(unwrapKey(kek, flipped)).toBeUndefined();
    expect(unwrapKey(kek, wrapped.subarray(0, 20))).toBeUndefined();
  });
});

describe('the backup keybag', () => {
  const classKey = randomBytes(32);
  const keybagFor = (password: string, iter = 10, dpic = 20) => {
    const salt = randomBytes(20);
    const dpsl = randomBytes(20);
    const key = pbkdf2Sync(pbkdf2Sync(password, dpsl, dpic, 32, 'sha256'), salt, iter, 32, 'sha1');
    return Buffer.concat([
      tlv('VERS', 3), tlv('TYPE', 1), tlv('UUID', randomBytes(16)), tlv('SALT', salt), tlv('ITER', iter), tlv('DPIC', dpic), tlv('DPSL', dpsl),
      tlv('UUID', randomBytes(16)), tlv('CLAS', 3), tlv('WRAP', 2), tlv('KTYP', 0), tlv('WPKY', wrap(key, classKey)),
      tlv('UUID', randomBytes(16)), tlv('CLAS', 6), tlv('WRAP', 1), tlv('WPKY', randomBytes(40)),
    ]);
  };

  it('unlocks the class keys with the right password (PBKDF2-SHA256 then PBKDF2-SHA1) and refuses a wrong one', async () => {
    const keybag = parseKeybag(keybagFor('sesame'));
    expect(keybag).toMatchObject({ version: 3, type: 1, iterations: 10, dpic: 20 });
    expect(keybag.classKeys.map((k) => [k.protectionClass, k.wrap])).toEqual([[3, 2], [6, 1]]);
    const unlocked = unlockClassKeys(keybag, await passcodeKey(keybag, 'sesame'), '/backup');
    expect([...unlocked]).toEqual([[3, classKey]]);
    expect(() => unlockClassKeys(keybag, Buffer.alloc(32), '/backup')).toThrow(WrongPasswordError);
  });

  it('refuses PBKDF2 round counts no real backup uses, before running them', async () => {
    for (const [iter, dpic] of [[0xffffffff, 20], [10, MAX_PBKDF2_ROUNDS + 1], [0, 20]] as const) {
      const keybag = parseKeybag(keybagFor('sesame', 1, 1));
      Object.assign(keybag, { iterations: iter, dpic });
      await expect(passcodeKey(keybag, 'sesame')).rejects.toThrow(CorruptBackupError);
    }
  });

  it('ends damaged keybags with a CorruptBackupError', () => {
    const good = keybagFor('sesame');
    const pastEnd = Buffer.from(good);
    pastEnd.writeUInt32BE(0xfffffff0, 4);
    const shortNumber = Buffer.concat([tlv('ITER', Buffer.from([1, 2]))]);
    for (const blob of [pastEnd, good.subarray(0, good.length - 3), shortNumber, Buffer.alloc(70_000)]) {
      expect(() => parseKeybag(blob)).toThrow(CorruptBackupError);
    }
  });
});

describe('AES-CBC file source', () => {
  const key = randomBytes(32);
  const encrypt = (plain: Buffer): Buffer => {
    const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
    return Buffer.concat([cipher.update(plain), cipher.final()]);
  };

  it('reads any slice of the plain bytes and knows their size from the padding', async () => {
    for (const length of [0, 1, 15, 16, 17, 1000]) {
      const plain = randomBytes(length);
      const { source, paddingValid } = await openCbcSource(bufferSource(encrypt(plain)), key, 'f');
      expect(paddingValid).toBe(true);
      expect(source.size).toBe(length);
      expect(await source.read(0, length)).toEqual(plain);
      if (length > 20) expect(await source.read(15, 500)).toEqual(plain.subarray(15, 515));
    }
  });

  it('keeps the whole ciphertext length and says so when the padding is wrong; refuses partial blocks', async () => {
    const unpadded = createCipheriv('aes-256-cbc', key, Buffer.alloc(16)).setAutoPadding(false);
    const plain = Buffer.concat([randomBytes(47), Buffer.from([0])]);
    const cipher = Buffer.concat([unpadded.update(plain), unpadded.final()]);
    const opened = await openCbcSource(bufferSource(cipher), key, 'f');
    expect([opened.paddingValid, opened.source.size]).toEqual([false, 48]);
    expect(await opened.source.read(0, 48)).toEqual(plain);
    await expect(openCbcSource(bufferSource(cipher.subarray(0, 40)), key, 'f')).rejects.toThrow(CorruptBackupError);
  });
});
