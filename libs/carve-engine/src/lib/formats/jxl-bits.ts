/**
 * What reading the bits concluded, thrown to the parse's caller, which turns it into a result (the
 * messages become reasons). A byte-level scan meets a random FF 0A every 64 KiB of random bytes and
 * most of them end in one of these, so none takes a stack trace: capturing one cost ~3 µs, more than
 * the whole header parse.
 */
abstract class BitsVerdict extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** The bits ran out before the structure did (the caller reads more, or the file is truncated). */
export class OutOfBits extends BitsVerdict {
  override readonly name = 'OutOfBits';
}

/** The bits break a rule of the codestream (ISO/IEC 18181-1): not a JPEG XL file, or a damaged one. */
export class InvalidBits extends BitsVerdict {
  override readonly name = 'InvalidBits';
}

/** A check would take more work than it is worth (hostile counts): no verdict either way. */
export class NoVerdict extends BitsVerdict {
  override readonly name = 'NoVerdict';
}

/** Extensions real encoders might one day add are small; megabits of them are not a JPEG XL header. */
export const MAX_EXTENSION_BITS = 1 << 16;

/** Bits one gather of 4 bytes always holds, whatever the bit position in the first. */
const PIECE_BITS = 24;

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

  /**
   * The next n bits as a number (the first bit read is the least significant). Up to 24 bits come
   * from one 32-bit gather of the 4 bytes they lie in (at most 7 + 24 bits); longer reads are put
   * together from such pieces. A random FF 0A reads dozens of fields before it is rejected, on every
   * one in a byte-level scan, so this is on the scan's hot path.
   */
  read(n: number): number {
    const pos = this.pos;
    if (pos + n > this.data.length * 8) throw new OutOfBits(`need ${n} bits at bit ${pos}`);
    if (!(n > 0)) return 0;
    if (n <= PIECE_BITS) {
      this.pos = pos + n;
      return this.gather(pos, n);
    }
    let value = 0;
    for (let done = 0; done < n; done += PIECE_BITS) value += this.gather(pos + done, Math.min(PIECE_BITS, n - done)) * 2 ** done;
    this.pos = pos + n;
    return value;
  }

  /** n <= 24 bits at bit `at` (the caller checked the bounds; bytes past the end count as 0). */
  private gather(at: number, n: number): number {
    const d = this.data;
    const i = at >> 3;
    let word: number;
    // Never an index past the end: optimised code that met one once handles every read more slowly.
    if (i + 3 < d.length) word = d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24);
    else {
      word = 0;
      for (let k = d.length - 1; k >= i; k--) word = (word << 8) | d[k];
    }
    return (word >>> (at & 7)) & ((1 << n) - 1);
  }

  bool(): boolean {
    return this.read(1) === 1;
  }

  u32(dists: U32Dists): number {
    const dist = dists[this.read(2)];
    return this.read(dist[0]) + dist[1];
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
