import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat } from '../types.js';
import { FTYP, FTYP_HEAD_BYTES, ftypKind, type FtypFamily } from './isobmff-brands.js';
import { matchIsobmff, type IsobmffNeeds } from './shared/isobmff-match.js';

export interface FtypDescriptor extends Pick<CarveFormat, 'id' | 'extensions' | 'mimeType' | 'maxSize' | 'preview'> {
  /** The brands this descriptor takes (the others share the ftyp signature and take theirs). */
  readonly family: FtypFamily;
  readonly needs: IsobmffNeeds['needs'];
}

/**
 * A descriptor for ISO base media files that start with an ftyp box: one signature for HEIF, AVIF, CR3,
 * MP4, MOV, 3GP…, each descriptor taking its family of brands and naming the kind from them.
 */
export function ftypFormat(spec: FtypDescriptor): CarveFormat {
  const { family, needs, ...descriptor } = spec;
  return {
    ...descriptor,
    signatures: [{ offset: 4, bytes: FTYP }],
    headerBytes: FTYP_HEAD_BYTES,
    checkHeader: (head) => ftypKind(head)?.family === family,
    async match(source, offset, limits) {
      const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal);
      const head = await reader.bytes(offset, Math.min(FTYP_HEAD_BYTES, reader.end - offset));
      const type = head ? ftypKind(head) : undefined;
      if (type?.family !== family) return null;
      return matchIsobmff(reader, offset, { needs, kind: type.kind });
    },
  };
}
