// The shapes a Finding is made of come from the contracts.
import type { ByteRun, MediaMetadata, Validation } from '@afterimage/contracts';
import type { CarveSource } from './byte-source.js';

export type { ByteRun, MediaMetadata, Validation, ValidationState } from '@afterimage/contracts';

/** Bytes that must be found `offset` bytes after the start of a file. */
export interface Signature {
  readonly offset: number;
  readonly bytes: readonly number[];
}

/** What the engine grants a format for one candidate. */
export interface MatchLimits {
  /** The format may not claim more bytes than this from the candidate's start. */
  readonly maxSize: number;
  readonly signal?: AbortSignal;
}

/** A format's verdict on a candidate: how long the file is and how sound. */
export interface FormatMatch {
  readonly length: number;
  readonly validation: Validation;
  /** Pixel size read from the file's own structure (e.g. a JPEG frame header), when known. */
  readonly dimensions?: { readonly width: number; readonly height: number };
  /**
   * The real type when one signature covers several (TIFF → CR2, NEF, DNG…; ISO-BMFF `ftyp` → HEIC,
   * AVIF, CR3, MP4, MOV…): the finding is reported under this id, extension and MIME type.
   */
  readonly kind?: FileKind;
  /**
   * Absolute byte ranges inside the file whose content the format cannot verify (raw sensor strips):
   * a complete file found starting strictly inside one shows the structure claims too much, and the
   * engine cuts the file before it (see foreign-file.ts).
   */
  readonly payload?: readonly ByteRun[];
}

/** What a file is called: a format id (`cr2`), its usual extension (`cr2`) and its MIME type. */
export interface FileKind {
  readonly id: string;
  readonly extension: string;
  readonly mimeType: string;
}

/**
 * One carvable format. The engine indexes `signatures` and calls the checks on candidates; a format
 * never scans the source itself, it only reads the candidate's bytes through the source, bounded.
 */
export interface CarveFormat {
  readonly id: string;
  /** File extensions without the dot; the first is used for carved files. */
  readonly extensions: readonly string[];
  readonly mimeType: string;
  readonly signatures: readonly Signature[];
  /** Default upper bound on a file's size (MatchLimits.maxSize never exceeds it). */
  readonly maxSize: number;
  /** How many bytes from the candidate's start `checkHeader` wants to see. */
  readonly headerBytes: number;
  /** Cheap rejection of false starts from bytes already in memory (may be shorter at the source's end). */
  checkHeader(head: Buffer): boolean;
  /** Walks the candidate to its end; null = a false start, nothing to report. */
  match(source: CarveSource, offset: number, limits: MatchLimits): Promise<FormatMatch | null>;
  /**
   * Optional: an embedded preview image (a RAW's JPEG preview, a video's cover art) as JPEG bytes,
   * read from the file's runs through `source`, bounded; undefined when there is none.
   */
  preview?(source: CarveSource, file: Pick<CarvedFile, 'byteRuns' | 'size'>, signal?: AbortSignal): Promise<Buffer | undefined>;
}

/** A file carved out of a source. */
export interface CarvedFile {
  readonly format: string;
  readonly extension: string;
  readonly mimeType: string;
  readonly byteRuns: readonly ByteRun[];
  readonly size: number;
  /** Lower-case hex SHA-256 of the bytes in `byteRuns`, in order. */
  readonly sha256: string;
  readonly validation: Validation;
  readonly metadata: MediaMetadata;
  /** True when the file carries an embedded (EXIF) thumbnail; `thumbnailOf` can render one otherwise. */
  readonly hasThumbnail: boolean;
}
