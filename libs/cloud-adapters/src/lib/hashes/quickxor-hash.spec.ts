import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { QuickXorHasher } from './quickxor-hash.js';

/**
 * Published test vectors (base64 input → base64 QuickXorHash): the table in rclone's
 * backend/onedrive/quickxorhash/quickxorhash_test.go (the same vectors are reused by other
 * implementations' tests), and the `hello world` example in the PyPI `quickxorhash` package's README.
 */
const VECTORS: ReadonlyArray<[input: string, hash: string]> = [
  ['', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ['Sg==', 'SgAAAAAAAAAAAAAAAQAAAAAAAAA='],
  ['tbQ=', 'taAFAAAAAAAAAAAAAgAAAAAAAAA='],
  ['0pZP', '0rDEEwAAAAAAAAAAAwAAAAAAAAA='],
  ['/aNzzCFPS/A=', '/RjFHJgRgicsAR4ACAAAAAAAAAA='],
  ['2fuxhBJXtpWFe8dOfdGeHw==', 'O9tHLAghgSvYohKFyMMxnNCHaHg='],
  ['T6LYJIfDh81JrAK309H2JMJTXis=', 'zBTHrspn3mEcohlJdIUAbjGNaNg='],
  ['DWAAX5/CIfrmErgZa8ot6ZraeSbu', 'LR2Z0PjuRYGKQB/mhQAuMrAGZbQ='],
  ['Mb7EGva2rEE5fENDL85P+BsapHEEjv2/siVhKjvAQe02feExVOQSkfmuYzU/kTF1MaKjPmKF/w+cbvwfdWL8aQ==', 'n1anP5NfvD4XDYWIeRPW3ZkPv1Y='],
  [
    'jyibxJSzO6ZiZ0O1qe3tG/bvIAYssvukh9suIT5wEy1JBINVgPiqdsTW0cOpP0aUfP7mgqLfADkzI/m/GgCuVhr8oFLrOCoTx1/psBOWwhltCbhUx51Icm9aH8tY4Z3ccU+6BKpYQkLCy0B/A9Zc',
    'hZfLIilSITC6N3e3tQ/iSgEzkto=',
  ],
  [
    'PfxMcUd0vIW6VbHG/uj/Y0W6qEoKmyBD0nYebEKazKaKG+UaDqBEcmQjbfQeVnVLuodMoPp7P7TR1htX5n2VnkHh22xDyoJ8C/ZQKiSNqQfXvh83judf4RVr9exJCud8Uvgip6aVZTaPrJHVjQhMCp/dEnGvqg0oN5OVkM2qqAXvA0teKUDhgNM71sDBVBCGXxNOR2bpbD1iM4dnuT0ey4L+loXEHTL0fqMeUcEi2asgImnlNakwenDzz0x57aBwyq3AspCFGB1ncX4yYCr/OaCcS5OKi/00WH+wNQU3',
    'QX/YEpG0gDsmhEpCdWhsxDzsfVE=',
  ],
  [Buffer.from('hello world').toString('base64'), 'aCgDG9jwBhDc4Q1yawMZAAAAAAA='],
];

function quickXor(bytes: Buffer, chunkSize = bytes.length || 1): string {
  const hasher = new QuickXorHasher();
  for (let at = 0; at < bytes.length; at += chunkSize) hasher.update(bytes.subarray(at, at + chunkSize));
  return hasher.digest();
}

/** Microsoft's pseudo-code taken literally, on a 160-bit BigInt: XOR in rotate(byte, 11·i), then the length. */
function byTheDefinition(bytes: Buffer): string {
  const width = 160n;
  const mask = (1n << width) - 1n;
  let block = 0n;
  bytes.forEach((byte, i) => {
    const shift = BigInt((i * 11) % 160);
    const value = BigInt(byte);
    block ^= ((value << shift) | (value >> (width - shift))) & mask;
  });
  block ^= BigInt(bytes.length) << 96n;
  const out = Buffer.alloc(20);
  for (let i = 0; i < 20; i++) out[i] = Number((block >> BigInt(8 * i)) & 0xffn);
  return out.toString('base64');
}

describe('QuickXorHash (OneDrive)', () => {
  it.each(VECTORS)('hashes the published vector %s to %s', (input, hash) => {
    expect(quickXor(Buffer.from(input, 'base64'))).toBe(hash);
  });

  it('gives the same digest whatever the chunk boundaries', () => {
    const bytes = randomBytes(5000);
    const whole = quickXor(bytes);
    for (const size of [1, 2, 7, 11, 64, 159, 160, 161, 1000]) expect(quickXor(bytes, size)).toBe(whole);
  });

  it('agrees with a literal reading of the definition on random data of many lengths', () => {
    for (const length of [0, 1, 19, 20, 21, 159, 160, 161, 319, 320, 1234]) {
      const bytes = randomBytes(length);
      expect(quickXor(bytes, 37)).toBe(byTheDefinition(bytes));
    }
  });

  it('changes when one bit of a large input changes', () => {
    const bytes = randomBytes(1 << 20);
    const before = quickXor(bytes);
    bytes[777_777] ^= 0x10;
    expect(quickXor(bytes)).not.toBe(before);
  });
});
