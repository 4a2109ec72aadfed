import type { Hasher } from './hasher.js';

const WIDTH_BITS = 160;
const WIDTH_BYTES = WIDTH_BITS / 8;
const SHIFT = 11;
/** 11 × 160 ≡ 0 (mod 160): byte n and byte n + 160 land on the same bits of the 160-bit block. */
const PERIOD = WIDTH_BITS;

/**
 * OneDrive's QuickXorHash, from Microsoft's description
 * (https://learn.microsoft.com/onedrive/developer/code-snippets/quickxorhash): a 160-bit block starts
 * at zero; byte n of the input, rotated left by 11·n bits, is XORed into it; the input length as a
 * little-endian 64-bit number is XORed into the block's last 8 bytes; the 20 bytes are given in
 * base64 (Graph's `file.hashes.quickXorHash`).
 *
 * Since the rotation repeats every 160 bytes, update() only XOR-folds the input into 160 lanes (one
 * per position mod 160); digest() rotates each lane into place once. The bit layout: bit k of the
 * block is bit (k mod 8) of byte ⌊k/8⌋.
 */
export class QuickXorHasher implements Hasher {
  private readonly lanes = new Uint8Array(PERIOD);
  private lane = 0;
  private length = 0;

  update(chunk: Buffer): void {
    const lanes = this.lanes;
    let lane = this.lane;
    for (let i = 0; i < chunk.length; i++) {
      lanes[lane] ^= chunk[i];
      if (++lane === PERIOD) lane = 0;
    }
    this.lane = lane;
    this.length += chunk.length;
  }

  digest(): string {
    const block = Buffer.alloc(WIDTH_BYTES);
    for (let n = 0; n < PERIOD; n++) {
      const bit = (n * SHIFT) % WIDTH_BITS;
      const spread = this.lanes[n] << (bit & 7);
      const at = bit >> 3;
      block[at] ^= spread & 0xff;
      block[(at + 1) % WIDTH_BYTES] ^= spread >> 8;
    }
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(this.length));
    for (let i = 0; i < 8; i++) block[WIDTH_BYTES - 8 + i] ^= length[i];
    return block.toString('base64');
  }
}
