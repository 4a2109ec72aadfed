import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DROPBOX_BLOCK_SIZE, DropboxContentHasher } from './dropbox-content-hash.js';

function contentHash(bytes: Buffer, chunkSize = bytes.length || 1): string {
  const hasher = new DropboxContentHasher();
  for (let at = 0; at < bytes.length; at += chunkSize) hasher.update(bytes.subarray(at, at + chunkSize));
  return hasher.digest();
}

/** The definition, written out one block at a time (an independent construction for cross-checks). */
function byTheDefinition(bytes: Buffer): string {
  const blocks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += DROPBOX_BLOCK_SIZE) {
    blocks.push(createHash('sha256').update(bytes.subarray(at, at + DROPBOX_BLOCK_SIZE)).digest());
  }
  return createHash('sha256').update(Buffer.concat(blocks)).digest('hex');
}

/** 0, 1, …, 255, 0, 1, … of the given length (the pattern rdrop2's tests use). */
function counting(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = i & 0xff;
  return bytes;
}

describe('Dropbox content_hash', () => {
  it('combines the block hashes of Dropbox’s published milky-way-nasa.jpg example into the published hash', () => {
    // https://www.dropbox.com/developers/reference/content-hash: three blocks (4194304, 4194304, 1322815 bytes).
    const blockHashes = [
      '2a846fa617c3361fc117e1c5c1e1838c336b6a5cef982c1a2d9bdf68f2f1992a',
      'c68469027410ea393eba6551b9fa1e26db775f00eae70a0c3c129a0011a39cf9',
      '7376192de020925ce6c5ef5a8a0405e931b0a9a8c75517aacd9ca24a8a56818b',
    ];
    const combined = createHash('sha256').update(Buffer.concat(blockHashes.map((h) => Buffer.from(h, 'hex')))).digest('hex');
    expect(combined).toBe('485291fa0ee50c016982abbfa943957bcd231aae0492ccbaa22c58e3997b35e0');
  });

  it('hashes an empty file as the SHA-256 of the empty string (no block, per the docs)', () => {
    expect(contentHash(Buffer.alloc(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  // Known-good values published in rdrop2's tests (tests/testthat/test-08-rdrop2-content-hash.R).
  it.each([
    ['a short string', Buffer.from('hello rdrop2'), '1aa2b7623dfff520c4abdc1227d10bc4e229b74005b66b3458345830e556f4de'],
    ['exactly one block', counting(DROPBOX_BLOCK_SIZE), '894bbb52d1212d6bcbe9967f1a2169138c4d4af0c8dfbaeae86cd1d3f0c03faf'],
    ['one block and one byte', Buffer.concat([counting(DROPBOX_BLOCK_SIZE), Buffer.from([255])]), '9149387a91f71c7c2149b8427d15526b71c1a38d6c6f999ad71486a2ce788d57'],
    ['three and a half blocks', counting(3.5 * DROPBOX_BLOCK_SIZE), 'f61d3ae93fa4f7646d37949fc0885141bf682faa9a130896b93459c650335d0f'],
  ])('hashes %s to rdrop2’s published value', (_what, bytes, hash) => {
    expect(contentHash(bytes)).toBe(hash);
    expect(contentHash(bytes, 1_000_003)).toBe(hash);
  });

  it('gives the same digest whatever the chunk boundaries, across block edges', () => {
    const bytes = randomBytes(2 * DROPBOX_BLOCK_SIZE + 12345);
    const expected = byTheDefinition(bytes);
    for (const size of [65_536, 1_000_000, DROPBOX_BLOCK_SIZE - 1, DROPBOX_BLOCK_SIZE, DROPBOX_BLOCK_SIZE + 1]) {
      expect(contentHash(bytes, size)).toBe(expected);
    }
  });
});
