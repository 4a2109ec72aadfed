import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarvedFile } from '../types.js';
import { PSD_HEAD_BYTES, readPsdHeader } from './psd-header.js';
import { checkResources, section, type ResourceBlock } from './psd-sections.js';

/** Image resource 1036 (Photoshop 5+) holds the document's JPEG thumbnail; 1033 is Photoshop 4's. */
const THUMBNAIL_RESOURCES = new Set([0x040c, 0x0409]);
/** The thumbnail resource's header before the JFIF data (format, sizes, bits, planes). */
const THUMBNAIL_HEADER = 28;
const JPEG_RGB = 1;
/** Real thumbnails are 160 pixels a side, a few kilobytes. */
const MAX_THUMBNAIL = 4 * 1024 * 1024;

/** The JPEG thumbnail Photoshop stores among a document's image resources (sharp cannot read PSD). */
export async function psdPreview(source: CarveSource, file: Pick<CarvedFile, 'byteRuns' | 'size'>, signal?: AbortSignal): Promise<Buffer | undefined> {
  const start = file.byteRuns[0]?.offset;
  if (start === undefined || file.byteRuns.length !== 1) return undefined;
  const reader = new BoundedReader(source, start, file.size, signal);
  const head = await reader.bytes(start, Math.min(PSD_HEAD_BYTES, reader.end - start));
  if (!head || !readPsdHeader(head)) return undefined;
  const colours = await section(reader, start + PSD_HEAD_BYTES, false, 'colour mode data');
  if (colours.kind !== 'ok') return undefined;
  const resources = await section(reader, colours.end, false, 'image resources');
  if (resources.kind !== 'ok') return undefined;
  let found: ResourceBlock | undefined;
  await checkResources(reader, colours.end + 4, resources.end, (block) => {
    found = THUMBNAIL_RESOURCES.has(block.id) && block.size > THUMBNAIL_HEADER && block.size <= MAX_THUMBNAIL ? block : undefined;
    return found !== undefined;
  });
  if (!found) return undefined;
  const thumbnail = await reader.bytes(found.data, found.size);
  if (thumbnail === null || thumbnail.readUInt32BE(0) !== JPEG_RGB) return undefined;
  const jpeg = thumbnail.subarray(THUMBNAIL_HEADER);
  return jpeg[0] === 0xff && jpeg[1] === 0xd8 ? Buffer.from(jpeg) : undefined;
}
