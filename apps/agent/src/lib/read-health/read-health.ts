import type { ByteRun, Finding, ScanProgress, Source } from '@afterimage/contracts';
import type { ByteSource } from '@afterimage/fs-parsers';
import { isMediaReadError } from '../imaging/read-errors.js';
import { AreaSet, SECTOR } from './area-set.js';
import { markUnreadBytes } from './damaged-finding.js';
import type { ImageMap } from './image-map.js';

export const READ_HEALTH_KEYS = ['badSectors', 'unreadableBytes', 'readErrors', 'badSectorsFromMap', 'firstReadErrorAt'] as const;
export type ReadHealthFields = Pick<ScanProgress, (typeof READ_HEALTH_KEYS)[number]>;

/** At most this much of an image's failing areas is read again sector by sector in one scan; past it, a failed read counts as one bad sector. */
export const MAX_PROBE_BYTES = 64 * 1024 * 1024;

export interface ReadHealthOptions {
  readonly kind: Source['kind'];
  readonly size: number;
  /** The imaging map of an image source: its unread areas are bad sectors from the start. */
  readonly map?: ImageMap | undefined;
  /** The progress a resumed scan had stored: the read errors it had met are still counted. */
  readonly resumed?: ScanProgress | undefined;
  /** The scan's: once it fires, failing areas are no longer read again. */
  readonly signal: AbortSignal;
  onChange(fields: ReadHealthFields): void;
  /** A device gave a read error: the caller stops the scan (rule 2 of DESIGN.md); the device is not read again. */
  onDeviceError?(offset: number, error: unknown): void;
}

/**
 * Counts what a scan could not read. A device's failed read is only recorded (the device is read as
 * little as possible); an image's failing area is read again sector by sector, so its bad sectors are
 * counted exactly (a failing medium under an image file, or a flaky network share). A folder's file
 * that fails to read counts as one bad sector and its size. The imaging map of an image gives its
 * unread areas from the start, and every finding that lies in one says so (markUnreadBytes).
 * Nothing here costs a scan that meets no error more than a try/catch per read.
 */
export class ReadHealth {
  private readonly bad = new AreaSet();
  /** Failed reads not read again (a device's, or past MAX_PROBE_BYTES): each holds at least one bad sector. */
  private readonly failed = new AreaSet();
  private readonly probed = new AreaSet();
  private probedBytes = 0;
  private readErrors: number;
  private firstReadErrorAt: number | undefined;
  private readonly mapSectors: number;
  private readonly mapBytes: number;
  private readonly earlier: { sectors: number; bytes: number };
  private folder = { sectors: 0, bytes: 0 };
  private queue: Promise<void> = Promise.resolve();
  private reader: ByteSource | undefined;

  constructor(private readonly options: ReadHealthOptions) {
    const { map, resumed } = options;
    this.mapSectors = map ? map.bad.sectors : 0;
    this.mapBytes = map ? map.bad.bytes + map.notTried.bytes : 0;
    this.readErrors = resumed?.readErrors ?? 0;
    this.firstReadErrorAt = resumed?.firstReadErrorAt;
    const met = this.readErrors > 0;
    this.earlier = {
      sectors: met ? Math.max(0, (resumed?.badSectors ?? 0) - (resumed?.badSectorsFromMap ?? 0)) : 0,
      bytes: met ? Math.max(0, (resumed?.unreadableBytes ?? 0) - this.mapBytes) : 0,
    };
  }

  fields(): ReadHealthFields {
    const badSectors = this.mapSectors + this.earlier.sectors + this.bad.sectors + this.failed.size + this.folder.sectors;
    const unreadableBytes = this.mapBytes + this.earlier.bytes + this.bad.bytes + this.failed.bytes + this.folder.bytes;
    return {
      ...(badSectors > 0 ? { badSectors } : {}),
      ...(unreadableBytes > 0 ? { unreadableBytes } : {}),
      ...(this.readErrors > 0 ? { readErrors: this.readErrors } : {}),
      ...(this.mapSectors > 0 ? { badSectorsFromMap: this.mapSectors } : {}),
      ...(this.firstReadErrorAt !== undefined ? { firstReadErrorAt: this.firstReadErrorAt } : {}),
    };
  }

  /** A finding with its unread bytes (per the imaging map) told in its validation. */
  annotate(finding: Finding): Finding {
    return this.options.map ? markUnreadBytes(finding, this.options.map) : finding;
  }

  /**
   * The source as the scan reads it: every read and error passes through unchanged, a failing
   * medium's errors are counted first. A device's loses `file`, so no worker thread opens it past
   * this count; an image keeps it, so the carve's threads still read it (they report through `unreadable`).
   */
  watch(source: ByteSource): ByteSource {
    this.reader = source;
    const guarded = async <T>(offset: number, length: number, read: () => Promise<T>): Promise<T> => {
      try {
        return await read();
      } catch (error) {
        if (isMediaReadError(error)) await this.readFailed(offset, length, error);
        throw error;
      }
    };
    const readInto = source.readInto?.bind(source);
    return {
      label: source.label,
      size: source.size,
      ...(this.options.kind !== 'device' && source.file ? { file: source.file } : {}),
      read: (offset, length) => guarded(offset, length, () => source.read(offset, length)),
      ...(readInto ? { readInto: (target: Buffer, offset: number) => guarded(offset, target.length, () => readInto(target, offset)) } : {}),
      close: () => source.close(),
    };
  }

  /**
   * A read of this source made on another thread (the agent's scanning thread) failed: counted, and
   * its area read again here, as watch() does for a read made in this thread; resolves once done.
   */
  readFailedElsewhere(offset: number, length: number, error: unknown): Promise<void> {
    return isMediaReadError(error) ? this.readFailed(offset, length, error) : Promise.resolve();
  }

  /** An area the pipeline could not read and went past: a carve thread's, or a folder's file (its own bytes). */
  unreadable(area: ByteRun, cause: unknown): void {
    if (!isMediaReadError(cause) || this.options.kind === 'device') return;
    if (this.options.kind === 'folder') {
      this.readErrors++;
      this.folder = { sectors: this.folder.sectors + 1, bytes: this.folder.bytes + area.length };
      this.changed();
      return;
    }
    const end = Math.min(area.offset + area.length, this.options.size);
    // Read in this thread, it was counted (and read again) when it failed.
    if (this.probed.covers(area.offset, end) || this.failed.covers(area.offset, end)) return;
    this.readErrors++;
    this.firstReadErrorAt ??= area.offset;
    void this.readAgain(area.offset, end);
  }

  /** Resolves once every failing area handed in so far has been read again. */
  settled(): Promise<void> {
    return this.queue;
  }

  private readFailed(offset: number, length: number, error: unknown): Promise<void> {
    this.readErrors++;
    this.firstReadErrorAt ??= offset;
    const end = Math.min(offset + Math.max(length, 1), this.options.size);
    if (this.options.kind !== 'device') return this.readAgain(offset, end);
    this.failed.add(offset, Math.max(end, offset + 1));
    this.changed();
    this.options.onDeviceError?.(offset, error);
    return Promise.resolve();
  }

  /** Reads [start, end) again sector by sector (what was not read so already), one area at a time. */
  private readAgain(start: number, end: number): Promise<void> {
    const run = this.queue.then(() => this.sectorBySector(start, end)).finally(() => this.changed());
    this.queue = run.catch(() => undefined);
    return this.queue;
  }

  private async sectorBySector(start: number, end: number): Promise<void> {
    const reader = this.reader;
    const from = Math.floor(start / SECTOR) * SECTOR;
    const to = Math.min(Math.ceil(end / SECTOR) * SECTOR, this.options.size);
    for (const gap of this.probed.gaps(from, to)) {
      for (let at = gap.start; at < gap.end; at += SECTOR) {
        if (this.options.signal.aborted) return;
        if (!reader || this.probedBytes >= MAX_PROBE_BYTES) {
          this.failed.add(at, gap.end);
          break;
        }
        const sectorEnd = Math.min(at + SECTOR, this.options.size);
        this.probedBytes += sectorEnd - at;
        try {
          await reader.read(at, sectorEnd - at);
        } catch (error) {
          if (!isMediaReadError(error)) {
            // Not a bad sector (the medium is gone, say): stop reading here.
            this.failed.add(at, gap.end);
            break;
          }
          this.bad.add(at, sectorEnd);
        }
        this.probed.add(at, sectorEnd);
      }
    }
  }

  private changed(): void {
    this.options.onChange(this.fields());
  }
}
