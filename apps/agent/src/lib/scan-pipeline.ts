import { randomUUID } from 'node:crypto';
import type { ByteRun as Run, Finding, FoundBy, Origin } from '@afterimage/contracts';
import { carve, ConcatSource, formatFor, HEAD_BYTES, NameAllocator, readMetadata, sha256OfRuns, suggestName, thumbnailOf, type CarvedFile, type CarveFormat, type FileKind } from '@afterimage/carve-engine';
import { detectFilesystem, openVolumes, type ByteSource, type FsEntry } from '@afterimage/fs-parsers';
import type { ScanPipelineOptions, ThumbnailMaker } from './agent-services.js';

/** A file entry of some volume, with its runs made absolute in the scanned source. */
interface SourceEntry extends FsEntry {
  absoluteRuns: Run[];
}

const total = (runs: readonly Run[]) => runs.reduce((sum, r) => sum + r.length, 0);

/** Every volume's file entries, and whether any filesystem was found at all. */
async function filesystemEntries(source: ByteSource, signal: AbortSignal): Promise<{ entries: SourceEntry[]; filesystems: number }> {
  const layout = await openVolumes(source).catch(() => ({ volumes: [{ offset: 0, source }] }));
  const entries: SourceEntry[] = [];
  let filesystems = 0;
  for (const volume of layout.volumes) {
    const descriptor = await detectFilesystem(volume.source).catch(() => null);
    if (!descriptor) continue;
    const fs = await descriptor.open(volume.source, { signal }).catch(() => null);
    if (!fs) continue;
    filesystems++;
    for (const entry of await fs.entries({ signal }).catch(() => [])) {
      if (entry.isDirectory) continue;
      entries.push({ ...entry, absoluteRuns: entry.byteRuns.map((r) => ({ offset: r.offset + volume.offset, length: r.length })) });
    }
  }
  return { entries, filesystems };
}

/** What a file recovered through its entry says about itself: how its name and clusters were found. */
function entryReasons(entry: SourceEntry): string[] {
  const reasons = entry.inferredName ? entry.notes.filter((n) => n.includes('inferred')) : [];
  if (entry.confidence !== 'chain') reasons.push(`clusters guessed (${entry.confidence}) from the deleted entry's start cluster`);
  return reasons;
}

/** A file as its filesystem entry describes it, validated by the format's own structure check. */
async function throughEntry(source: ByteSource, entry: SourceEntry, format: CarveFormat, carved?: CarvedFile): Promise<CarvedFile | null> {
  const [first, ...more] = entry.absoluteRuns;
  if (carved && first && more.length === 0 && first.offset === carved.byteRuns[0]?.offset && entry.size === carved.size) {
    // The carve already walked and hashed exactly these bytes.
    const reasons = [...carved.validation.reasons, ...entryReasons(entry)];
    return { ...carved, byteRuns: entry.absoluteRuns, validation: { state: carved.validation.state, reasons } };
  }
  const view = new ConcatSource(source, entry.absoluteRuns);
  const match = await format.match(view, 0, { maxSize: view.size });
  if (!match) return null;
  const reasons = [...match.validation.reasons];
  if (match.length < entry.size) reasons.push(`${entry.size - match.length} bytes follow the end of the ${format.id} data (kept, as the filesystem recorded the file)`);
  reasons.push(...entryReasons(entry));
  const { metadata, hasThumbnail } = carved ?? (await readMetadata(await view.read(0, Math.min(HEAD_BYTES, view.size))));
  const kind: FileKind =
    match.kind ??
    (carved ? { id: carved.format, extension: carved.extension, mimeType: carved.mimeType } : { id: format.id, extension: format.extensions[0] ?? format.id, mimeType: format.mimeType });
  return {
    format: kind.id,
    extension: kind.extension,
    mimeType: kind.mimeType,
    byteRuns: entry.absoluteRuns,
    size: entry.size,
    sha256: await sha256OfRuns(source, entry.absoluteRuns),
    validation: { state: match.validation.state, reasons },
    metadata,
    hasThumbnail,
  };
}

/** Whether a byte offset lies inside a live file's runs (binary search over the sorted runs). */
function liveRunIndex(entries: readonly SourceEntry[]): (offset: number) => boolean {
  const runs = entries.filter((e) => !e.deleted).flatMap((e) => e.absoluteRuns).sort((a, b) => a.offset - b.offset);
  return (offset) => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const run = runs[mid] as Run;
      if (offset < run.offset) hi = mid - 1;
      else if (offset >= run.offset + run.length) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** The entry's name, or a better guess at a deleted one (its notes say how it was made). */
const bestName = (entry: FsEntry) => entry.inferredName ?? entry.name;

function formatForName(name: string): CarveFormat | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? formatFor(name.slice(dot + 1)) : undefined;
}

/**
 * Filesystem and carving in one pass: every volume's entries are read first, then the whole source
 * is carved; a carved file that starts where an entry starts takes the entry's name, path, runs and
 * size (so a deleted photo comes back bit-exact under its own name), and deleted media entries that
 * carving did not reach are validated through their own runs. One finding per photo. Carving looks
 * at the block grid it detects where a filesystem was found, and at every byte where none describes
 * the space (a raw dump may hold files at any offset).
 */
export async function scanMedia(source: ByteSource, { includeLive, keepCorrupt, signal, sink }: ScanPipelineOptions): Promise<void> {
  const { entries, filesystems } = await filesystemEntries(source, signal);
  const byStart = new Map<number, SourceEntry>();
  for (const entry of entries) {
    const first = entry.absoluteRuns[0];
    if (first && entry.size > 0 && total(entry.absoluteRuns) === entry.size && !byStart.has(first.offset)) byStart.set(first.offset, entry);
  }
  const insideLive = liveRunIndex(entries);
  const names = new NameAllocator();
  const used = new Set<SourceEntry>();
  const report = (file: CarvedFile, origin: Origin, foundBy: FoundBy, entry?: SourceEntry) => {
    if (origin === 'live' && !includeLive) return;
    const finding: Finding = {
      id: `f-${randomUUID().slice(0, 12)}`,
      ...file,
      byteRuns: [...file.byteRuns],
      name: entry ? bestName(entry) : suggestName(file, names),
      ...(entry ? { originalPath: entry.path.slice(0, entry.path.length - entry.name.length) + bestName(entry) } : {}),
      origin,
      foundBy,
    };
    sink.finding(finding);
  };

  const blockSize = filesystems > 0 ? 'auto' : 1;
  for await (const carved of carve(source, { blockSize, keepCorrupt, signal, onProgress: (p) => sink.progress(p) })) {
    const start = carved.byteRuns[0]?.offset ?? -1;
    const entry = byStart.get(start);
    const format = formatFor(carved.format) ?? formatFor(carved.extension);
    if (entry && format && carved.size <= entry.size) {
      used.add(entry);
      const viaEntry = await throughEntry(source, entry, format, carved);
      if (viaEntry) {
        report(viaEntry, entry.deleted ? 'deleted' : 'live', 'both', entry);
        continue;
      }
    }
    // A picture embedded in a live file (a preview inside a RAW or a video) is that file's business.
    if (!entry && insideLive(start)) continue;
    report(carved, 'lost', 'carving');
  }

  for (const entry of entries) {
    if (used.has(entry) || (!entry.deleted && !includeLive) || total(entry.absoluteRuns) !== entry.size || entry.size === 0) continue;
    const format = formatForName(entry.name);
    if (!format) continue;
    const viaEntry = await throughEntry(source, entry, format);
    if (viaEntry) report(viaEntry, entry.deleted ? 'deleted' : 'live', 'filesystem', entry);
  }
}

export const thumbnailForFinding: ThumbnailMaker = (source, finding) => thumbnailOf(source, finding);
