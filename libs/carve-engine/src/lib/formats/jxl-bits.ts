/** The bits ran out before the structure did (the caller reads more, or the file is truncated). */
export class OutOfBits extends Error {
  override readonly name = 'OutOfBits';
}

/** The bits break a rule of the codestream (ISO/IEC 18181-1): not a JPEG XL file, or a damaged one. */
export class InvalidBits extends Error {
  override readonly name = 'InvalidBits';
}

/** A check would take more work than it is worth (hostile counts): no verdict either way. */
export class NoVerdict extends Error {
  override readonly name = 'NoVerdict';
}

/** Extensions real encoders might one day add are small; megabits of them are not a JPEG XL header. */
export const MAX_EXTENSION_BITS = 1 << 16;

/** One U32 distribution: `bits` extra bits added to `offset` (a plain value when bits is 0). */
export type Dist = readonly [bits: number, offset: number];
export type U32Dists = readonly [Dist, Dist, Dist, Dist];

export const val = (v: number): Dist => [0, v];
export const bits = (n: number, offset = 0): Dist => [n, offset];
/** Enum(): U32(Val(0), Val(1), BitsOffset(4, 2), BitsOffset(6, 18)). */
const ENUM: U32Dists = [val(0), val(1), bits(4, 2), bits(6, 18)];

/**
 * Reads a JPEG XL bitstream over a buffer: bits least significant first within each byte, the field
 * encodings of the codestream's headers (U32, U64, F16, Bool, Enum, extensions), byte alignment.
 */
export class BitReader {
  private pos = 0;

  constructor(private readonly data: Buffer) {}

  /** Bits consumed so far. */
  get bitPos(): number {
    return this.pos;
  }

  get bitsLeft(): number {
    return this.data.length * 8 - this.pos;
  }

  read(n: number): number {
    if (this.pos + n > this.data.length * 8) throw new OutOfBits(`need ${n} bits at bit ${this.pos}`);
    let value = 0;
    for (let i = 0; i < n; i++, this.pos++) value += ((this.data[this.pos >> 3] >> (this.pos & 7)) & 1) * 2 ** i;
    return value;
  }

  bool(): boolean {
    return this.read(1) === 1;
  }

  u32(dists: U32Dists): number {
    const [n, offset] = dists[this.read(2)];
    return this.read(n) + offset;
  }

  /** U64(); values past 2^53 are not real in a header, only hostile. */
  u64(): number {
    const selector = this.read(2);
    if (selector < 3) return selector === 0 ? 0 : selector === 1 ? 1 + this.read(4) : 17 + this.read(8);
    let value = this.read(12);
    for (let shift = 12; this.bool(); shift += 8) {
      const more = shift === 60 ? this.read(4) : this.read(8);
      value += more * 2 ** shift;
      if (shift === 60) break;
    }
    if (!Number.isSafeInteger(value)) throw new InvalidBits('a U64 field is out of range');
    return value;
  }

  /** F16(): a half float; infinities and NaN are invalid. */
  f16(): number {
    const v = this.read(16);
    const exponent = (v >> 10) & 31;
    if (exponent === 31) throw new InvalidBits('an F16 field is not finite');
    const mantissa = v & 0x3ff;
    const magnitude = exponent === 0 ? mantissa * 2 ** -24 : (1 + mantissa / 1024) * 2 ** (exponent - 15);
    return v & 0x8000 ? -magnitude : magnitude;
  }

  enumValue(allowed: readonly number[], name: string): number {
    const value = this.u32(ENUM);
    if (!allowed.includes(value)) throw new InvalidBits(`${name} ${value} is not defined`);
    return value;
  }

  /**
   * Extensions: a U64 mask, one U64 bit count per set bit, then that many bits nobody here needs. The
   * first edition of the format defines no extension; more than MAX_EXTENSION_BITS is taken for noise.
   */
  extensions(): void {
    const mask = this.u64();
    let total = 0;
    for (let i = 0; i < 53 && mask >= 2 ** i; i++) if (Math.floor(mask / 2 ** i) % 2 === 1) total += this.u64();
    if (total > MAX_EXTENSION_BITS) throw new InvalidBits(`${total} bits of extensions`);
    this.skip(total);
  }

  skip(n: number): void {
    if (!Number.isSafeInteger(n) || this.pos + n > this.data.length * 8) throw new OutOfBits(`need ${n} bits at bit ${this.pos}`);
    this.pos += n;
  }

  /** ZeroPadToByte(): the padding bits must be zero. */
  padToByte(): void {
    const pad = (8 - (this.pos & 7)) & 7;
    if (this.read(pad) !== 0) throw new InvalidBits(`non-zero padding bits at byte ${this.pos >> 3}`);
  }
}
