import { describe, expect, it } from 'vitest';
import { smallJpeg } from '../../testing/helpers.js';
import { sniffMedia } from './media-sniff.js';

/** An ftyp box: major brand, minor version 0, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  return Buffer.concat([box, Buffer.alloc(64)]);
};
const ts = Buffer.alloc(400);
ts[0] = ts[188] = 0x47;

describe('google-photos sniffMedia', () => {
  it.each([
    ['an MP4', 'video', ftyp('isom', 'isom', 'mp41'), 'x.mp4', 'video/mp4'],
    ['a QuickTime movie', 'video', ftyp('qt  ', 'qt  '), 'x.mov', 'video/quicktime'],
    ['a 3GP clip', 'video', ftyp('3gp4', '3gp4'), 'x.3gp', 'video/3gpp'],
    ['a Matroska file', 'video', Buffer.from('1a45dfa3a3428286', 'hex'), 'x.mkv', 'video/x-matroska'],
    ['an AVI', 'video', Buffer.concat([Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1'), Buffer.alloc(32)]), 'x.avi', 'video/x-msvideo'],
    ['an MPEG transport stream', 'video', ts, 'x.mts', 'video/mp2t'],
    ['an iPhone HEIC', 'photo', ftyp('heic', 'mif1', 'heic'), 'IMG.HEIC', 'image/heic'],
    ['a HEIF of brand mif1', 'photo', ftyp('mif1', 'mif1', 'heic'), 'x.heif', 'image/heif'],
    ['a Canon CR3 raw', 'photo', ftyp('crx ', 'crx ', 'isom'), 'IMG_0001.CR3', 'image/x-canon-cr3'],
    ['an AVIF', 'photo', ftyp('avif', 'mif1', 'avif'), 'x.avif', 'image/avif'],
    ['a JPEG named like a video', 'photo', smallJpeg(), 'VID_0001.mp4', 'image/jpeg'],
    ['bytes that say nothing, named .mov', 'video', Buffer.alloc(64, 1), 'x.mov', 'video/quicktime'],
    ['bytes that say nothing, named .png', 'photo', Buffer.alloc(64, 1), 'x.png', 'image/png'],
  ])('%s is a %s', (_what, kind, head, name, mimeType) => {
    expect(sniffMedia(head, name)).toEqual({ kind, mimeType });
  });
});
