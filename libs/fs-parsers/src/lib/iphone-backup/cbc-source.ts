import { createDecipheriv } from 'node:crypto';
import { FsParserError } from '../errors.js';
import { type ByteSource, checkRead, readExact } from '../source/byte-source.js';
import { CorruptBackupError } from './errors.js';

/**
 * The plain bytes of a file an encrypted backup stores as AES-256-CBC with a zero IV and PKCS#7
 * padding, as a ByteSource with random access: CBC block i decrypts from ciphertext blocks i-1 and i
 * alone, so a read fetches only the blocks it covers (plus the one before). The size is the
 * ciphertext's less its padding, read from the last block; a last block whose padding is not valid
 * (a wrong key, a damaged or truncated file) leaves the whole ciphertext length and says so.
 */
const BLOCK = 16;
const ZERO_IV = Buffer.alloc(BLOCK);

export interface CbcSource {
  source: ByteSource;
  /** False when the last block does not end in valid PKCS#7 padding. */
  paddingValid: boolean;
}

function decrypt(key: Buffer, iv: Buffer, blocks: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(blocks), decipher.final()]);
}

/** Blocks [first, last] decrypted, read from `cipher` with the block before as the IV. */
async function decryptBlocks(cipher: ByteSource, key: Buffer, first: number, last: number): Promise<Buffer> {
  const from = Math.max(0, first - 1) * BLOCK;
  const bytes = await readExact(cipher, from, (last + 1) * BLOCK - from, `encrypted blocks ${first}–${last} of ${cipher.label}`);
  return first === 0 ? decrypt(key, ZERO_IV, bytes) : decrypt(key, bytes.subarray(0, BLOCK), bytes.subarray(BLOCK));
}

export async function openCbcSource(cipher: ByteSource, key: Buffer, label: string): Promise<CbcSource> {
  if (key.length !== 32) throw new CorruptBackupError(`${label}: the file key is ${key.length} bytes, not 32`);
  if (cipher.size % BLOCK !== 0) throw new CorruptBackupError(`${label}: ${cipher.size} encrypted bytes are not a whole number of 16-byte AES blocks`);
  let size = cipher.size;
  let paddingValid = true;
  if (cipher.size > 0) {
    const lastBlock = cipher.size / BLOCK - 1;
    const tail = await decryptBlocks(cipher, key, lastBlock, lastBlock);
    const pad = tail.readUInt8(BLOCK - 1);
    paddingValid = pad >= 1 && pad <= BLOCK && tail.subarray(BLOCK - pad).every((byte) => byte === pad);
    if (paddingValid) size -= pad;
  }
  let closed = false;
  const source: ByteSource = {
    label,
    size,
    async read(offset: number, length: number): Promise<Buffer> {
      if (closed) throw new FsParserError(`${label}: read after close`);
      const wanted = checkRead(label, size, offset, length);
      if (wanted === 0) return Buffer.alloc(0);
      const first = Math.floor(offset / BLOCK);
      const plain = await decryptBlocks(cipher, key, first, Math.floor((offset + wanted - 1) / BLOCK));
      return plain.subarray(offset - first * BLOCK, offset - first * BLOCK + wanted);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await cipher.close();
    },
  };
  return { source, paddingValid };
}
