/**
 * A tiny image built in memory for the scanning thread's warm-up (scan-thread-worker.ts): 64 KiB of
 * zeros holding one 8×8 grey baseline JPEG with an EXIF block (camera make and model, the time it was
 * taken), so the warm-up scan loads the engine's and the filesystem parsers' modules, walks and checks a
 * JPEG, reads its metadata and names it, without reading any source or writing anything.
 */
const WARM_IMAGE_SIZE = 64 * 1024;
const JPEG_AT = 4096;

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A little-endian TIFF block: IFD0 with Make, Model and a pointer to the Exif IFD, which holds DateTimeOriginal. */
function exifBlock(): Buffer {
  const make = Buffer.from('Afterimage\0', 'latin1');
  const model = Buffer.from('WarmUp\0', 'latin1');
  const date = Buffer.from('2024:05:01 12:00:00\0', 'latin1');
  const ifd0 = 8;
  const exifIfd = ifd0 + 2 + 3 * 12 + 4;
  const strings = exifIfd + 2 + 12 + 4;
  const tiff = Buffer.alloc(strings + make.length + model.length + date.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number): void => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(3, ifd0);
  entry(ifd0 + 2, 0x010f, 2, make.length, strings);
  entry(ifd0 + 14, 0x0110, 2, model.length, strings + make.length);
  entry(ifd0 + 26, 0x8769, 4, 1, exifIfd);
  tiff.writeUInt16LE(1, exifIfd);
  entry(exifIfd + 2, 0x9003, 2, date.length, strings + make.length + model.length);
  Buffer.concat([make, model, date]).copy(tiff, strings);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/** Baseline JPEG, one 8×8 grey block: one-code Huffman tables (DC 0, AC end of block), so the scan data is two bits. */
function tinyJpeg(): Buffer {
  const oneCodeTable = (tableClass: number) => Buffer.from([tableClass << 4, 1, ...new Array<number>(15).fill(0), 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe1, exifBlock()),
    segment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    segment(0xc4, oneCodeTable(0)),
    segment(0xc4, oneCodeTable(1)),
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    // DC "0" (no difference), AC "0" (end of block), padded with ones.
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
}

/** The warm-up image: built anew on each call (a few KiB), nothing kept. */
export function warmImage(): Buffer {
  const image = Buffer.alloc(WARM_IMAGE_SIZE);
  tinyJpeg().copy(image, JPEG_AT);
  return image;
}
