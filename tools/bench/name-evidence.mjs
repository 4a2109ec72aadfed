// Whether a photo's name still exists anywhere on the volume after the history (live or deleted
// entries, entries in orphan folders after a quick format, catalog slack): the volume's bytes are
// searched for the filesystem's own record of that name, independently of any recovery tool.
//   FAT32  every 32-byte slot that looks like a short entry (not a folder or label) of the photo's
//          size, with the long-name slots before it: the long name equals the photo's, or the short
//          name does (case-insensitively). A deleted short-only entry lost its first byte to the 0xE5
//          mark: it counts as the name (a tool must infer that letter), flagged firstLetterLost.
//   exFAT  every File entry (0x85, deleted 0x05) whose Stream Extension has the photo's size and
//          whose File Name entries spell its name.
//   HFS+   a catalog file record with that name (key: length, parentID, UTF-16BE name; then record
//          type 2), anywhere in the HFS+ partition: live records or deleted ones left in node slack. A
//          thread record alone names a file but not where its bytes are, so it does not count.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

function readVolume(image, offset) {
  const fd = openSync(image, 'r');
  try {
    const size = fstatSync(fd).size - offset;
    const buffer = Buffer.alloc(size);
    for (let done = 0; done < size; ) {
      const n = readSync(fd, buffer, done, Math.min(64 << 20, size - done), offset + done);
      if (n === 0) break;
      done += n;
    }
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** NAME.EXT as a FAT short entry's 11 bytes, or null when the name needs a long name. */
function shortName(name) {
  const m = /^([A-Z0-9_~$!#%&'()@^`{}-]{1,8})(?:\.([A-Z0-9_~$!#%&'()@^`{}-]{1,3}))?$/.exec(name.toUpperCase());
  return m ? m[1].padEnd(8) + (m[2] ?? '').padEnd(3) : null;
}

function fatEntries(buf, sizes) {
  const found = [];
  for (let off = 0; off + 32 <= buf.length; off += 32) {
    const attr = buf[off + 11];
    if (attr === 0x0f || (attr & 0xd8) !== 0 || buf[off] === 0) continue;
    const size = buf.readUInt32LE(off + 28);
    if (!sizes.has(size)) continue;
    let long = '';
    for (let at = off - 32, k = 0; at >= 0 && k < 20 && buf[at + 11] === 0x0f; at -= 32, k++) {
      long += Buffer.concat([buf.subarray(at + 1, at + 11), buf.subarray(at + 14, at + 26), buf.subarray(at + 28, at + 32)]).toString('utf16le');
    }
    long = long.split('\0')[0] ?? '';
    found.push({ size, short: buf.subarray(off, off + 11).toString('latin1'), deleted: buf[off] === 0xe5, long });
  }
  return found;
}

function exfatEntries(buf, sizes) {
  const found = [];
  for (let off = 0; off + 96 <= buf.length; off += 32) {
    if (buf[off] !== 0x85 && buf[off] !== 0x05) continue;
    const s = off + 32;
    if (buf[s] !== 0xc0 && buf[s] !== 0x40) continue;
    const size = Number(buf.readBigUInt64LE(s + 24));
    if (!sizes.has(size)) continue;
    const length = buf[s + 3];
    let name = '';
    for (let k = 0, e = s + 32; k < Math.ceil(length / 15) && e + 32 <= buf.length && (buf[e] === 0xc1 || buf[e] === 0x41); k++, e += 32) {
      name += buf.subarray(e + 2, e + 32).toString('utf16le');
    }
    found.push({ size, name: name.slice(0, length), deleted: buf[off] === 0x05 });
  }
  return found;
}

/** Map file.id → { exists, firstLetterLost } for `files` (each { id, name, photo }) on the final image. */
export function nameEvidence(image, card, files) {
  const buf = readVolume(image, card.volumeOffset);
  const sizes = new Set(files.map((f) => f.photo.data.length));
  const result = new Map();
  if (card.tskType === 'hfs') {
    for (const f of files) {
      const name = Buffer.from(f.name, 'utf16le').swap16();
      const key = Buffer.concat([Buffer.from([(f.name.length >> 8) & 0xff, f.name.length & 0xff]), name]);
      // Only a file record (type 2 right after its key: keyLength, parentID, the name) ties the name to
      // the file's blocks; a thread record left in slack (type 3/4 before parentID and the name) names
      // the file but says nothing of where its bytes are.
      let exists = false;
      for (let at = buf.indexOf(key); at !== -1 && !exists; at = buf.indexOf(key, at + 1)) {
        const start = at - 6;
        const keyLength = start >= 0 ? buf.readUInt16BE(start) : 0;
        const record = start + 2 + keyLength;
        exists = keyLength === 6 + 2 * f.name.length && record + 2 <= buf.length && buf.readUInt16BE(record) === 2;
      }
      result.set(f.id, { exists, firstLetterLost: false });
    }
    return result;
  }
  if (card.tskType === 'exfat') {
    const entries = exfatEntries(buf, sizes);
    for (const f of files) result.set(f.id, { exists: entries.some((e) => e.size === f.photo.data.length && e.name === f.name), firstLetterLost: false });
    return result;
  }
  const entries = fatEntries(buf, sizes);
  for (const f of files) {
    const mine = entries.filter((e) => e.size === f.photo.data.length);
    const short = shortName(f.name);
    const whole = mine.some((e) => e.long.toUpperCase() === f.name.toUpperCase() || (short && !e.deleted && e.short === short));
    const lostFirst = !whole && short !== null && mine.some((e) => e.deleted && e.long === '' && e.short.slice(1) === short.slice(1));
    result.set(f.id, { exists: whole || lostFirst, firstLetterLost: lostFirst });
  }
  return result;
}
