import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTestBplist } from '../../testing/bplist-writer.js';
import { committedBackup, loadIphoneBackupManifest } from '../../testing/iphone-backup.js';
import { CorruptError } from '../errors.js';
import { parseBinaryPlist } from './bplist.js';
import { parsePlistDict } from './plist.js';
import { PlistUid } from './plist-value.js';
import { parseXmlPlist } from './xml-plist.js';

/** A one-object bplist around `body` (object 0 at offset 8), with 1-byte offsets and refs. */
function bplistOf(body: Buffer, count = 1, refSize = 1): Buffer {
  const table = Buffer.from([8]);
  const trailer = Buffer.alloc(32);
  trailer[6] = 1;
  trailer[7] = refSize;
  trailer.writeBigUInt64BE(BigInt(count), 8);
  trailer.writeBigUInt64BE(BigInt(8 + body.length), 24);
  return Buffer.concat([Buffer.from('bplist00'), body, table, trailer]);
}

describe('binary property lists', () => {
  it('reads every kind of value a backup uses', () => {
    const when = new Date(Date.UTC(2024, 5, 21, 18));
    const bytes = writeTestBplist({ yes: true, no: false, n: 42, big: 2n ** 60n, negative: -5, s: 'Média', d: Buffer.from([1, 2, 3]), t: when, u: { uid: 7 }, a: ['x', 1] });
    const value = parseBinaryPlist(bytes) as Record<string, unknown>;
    expect(value['yes']).toBe(true);
    expect(value['no']).toBe(false);
    expect(value['n']).toBe(42);
    expect(value['big']).toBe(2n ** 60n);
    expect(value['negative']).toBe(-5);
    expect(value['d']).toEqual(Buffer.from([1, 2, 3]));
    expect(value['t']).toEqual(when);
    expect(value['u']).toEqual(new PlistUid(7));
    expect(value['a']).toEqual(['x', 1]);
    expect(Object.getPrototypeOf(value)).toBeNull();
  });

  it("reads the fixture's Manifest.plist (Apple-style compact refs) and its UTF-16 strings", () => {
    const folder = committedBackup('encrypted');
    const manifest = parsePlistDict(readFileSync(join(folder, 'Manifest.plist')), 'Manifest.plist');
    expect(manifest['IsEncrypted']).toBe(true);
    expect((manifest['Lockdown'] as Record<string, unknown>)['DeviceName']).toBe(loadIphoneBackupManifest().info.deviceName);
    const utf16 = Buffer.concat([Buffer.from([0x62]), Buffer.from('é!', 'utf16le').swap16()]);
    expect(parseBinaryPlist(bplistOf(utf16))).toBe('é!');
  });

  it('ends hostile plists with a CorruptError: loops, references and lengths out of range, bad trailers', () => {
    const selfArray = bplistOf(Buffer.from([0xa1, 0x00]));
    const refPastEnd = bplistOf(Buffer.from([0xa1, 0x05]));
    const hugeString = bplistOf(Buffer.from([0x5f, 0x13, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    const badOffsetSize = bplistOf(Buffer.from([0x09]));
    badOffsetSize[badOffsetSize.length - 26] = 9;
    const hugeCount = bplistOf(Buffer.from([0x09]), 2 ** 40);
    for (const [name, bytes] of Object.entries({ selfArray, refPastEnd, hugeString, badOffsetSize, hugeCount, short: Buffer.from('bplist00') })) {
      expect(() => parseBinaryPlist(bytes), name).toThrow(CorruptError);
    }
  });

  it('decodes a shared object once, so a doubling chain stays cheap', () => {
    // Object i is an array holding object i+1 twice: 2^60 paths, 61 objects.
    const depth = 60;
    const body: number[] = [];
    for (let i = 0; i < depth; i++) body.push(0xa2, i + 1, i + 1);
    body.push(0x09);
    const offsets = Array.from({ length: depth + 1 }, (_, i) => 8 + 3 * i);
    const trailer = Buffer.alloc(32);
    trailer[6] = 1;
    trailer[7] = 1;
    trailer.writeBigUInt64BE(BigInt(depth + 1), 8);
    trailer.writeBigUInt64BE(BigInt(8 + body.length), 24);
    const bytes = Buffer.concat([Buffer.from('bplist00'), Buffer.from(body), Buffer.from(offsets), trailer]);
    expect(() => parseBinaryPlist(bytes)).not.toThrow();
  });
});

describe('XML property lists', () => {
  it("reads the fixture's Info.plist", () => {
    const info = parsePlistDict(readFileSync(join(committedBackup('plain'), 'Info.plist')), 'Info.plist');
    expect(info['Device Name']).toBe('Afterimage Test iPhone');
    expect(info['Last Backup Date']).toEqual(new Date('2024-06-21T18:00:00Z'));
    expect(info['Installed Applications']).toEqual([]);
  });

  it('reads every element, with entities and base64', () => {
    const text = `<?xml version="1.0"?><!-- c --><plist version="1.0"><dict><key>a&amp;b</key><string>x &lt; y &#233;</string>
      <key>i</key><integer>-12</integer><key>r</key><real>1.5</real><key>t</key><true/><key>f</key><false/>
      <key>d</key><data> AQID </data><key>e</key><string/><key>l</key><array><integer>1</integer><dict/></array></dict></plist>`;
    expect(parseXmlPlist(text)).toEqual({ 'a&b': 'x < y é', i: -12, r: 1.5, t: true, f: false, d: Buffer.from([1, 2, 3]), e: '', l: [1, {}] });
  });

  it('ends malformed or hostile XML with a CorruptError, without recursion', () => {
    const deep = `<plist>${'<array>'.repeat(100_000)}${'</array>'.repeat(100_000)}</plist>`;
    const cases = {
      deep,
      unclosed: '<plist><dict><key>a</key><string>b</dict></plist>',
      keyWithoutValue: '<plist><dict><key>a</key></dict></plist>',
      valueWithoutKey: '<plist><dict><string>b</string></dict></plist>',
      unknown: '<plist><blob/></plist>',
      badInteger: '<plist><integer>12x</integer></plist>',
      badDate: '<plist><date>yesterday</date></plist>',
      truncated: '<plist><array><string>a</string>',
      twoRoots: '<plist><true/><false/></plist>',
    };
    for (const [name, text] of Object.entries(cases)) expect(() => parseXmlPlist(text), name).toThrow(CorruptError);
    expect(() => parsePlistDict(Buffer.from('hello'), 'x.plist')).toThrow(/neither a binary/);
    expect(() => parsePlistDict(Buffer.from('<plist><array/></plist>'), 'x.plist')).toThrow(/does not hold a dictionary/);
  });
});
