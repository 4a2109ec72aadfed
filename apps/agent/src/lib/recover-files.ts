import { mkdir, open, rename, rm, statfs, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { Finding, RecoveryFailure, RecoveryReport, ReportEntry } from '@afterimage/contracts';
import { ServiceError, errorMessage } from '@afterimage/contracts';
import type { ByteSource } from '@afterimage/fs-parsers';
import { nearestExisting } from './destination-guard.js';
import { isInsideFolder } from './folders/outside-folder.js';
import { copyRuns, sha256OfFile } from './recovery/file-copy.js';
import { planTargets } from './recovery-targets.js';
import { reportCsv } from './report-csv.js';

const CHUNK = 1 << 20;
/** Files written at the same time by one recovery. */
const COPY_LANES = 2;

export { relativeTarget } from './recovery-targets.js';

async function writeFinding(source: ByteSource, finding: Finding, target: string, options: Pick<RecoverOptions, 'signal' | 'onBytes'>): Promise<void> {
  const handle = await open(target, 'wx', 0o644);
  try {
    const written = await copyRuns(source, finding.byteRuns, handle, (n) => options.onBytes?.(n, finding), options.signal);
    if (written < finding.size) throw new ServiceError('UNREADABLE', `The source ended before ${finding.name} did.`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The copy keeps the time the filesystem recorded, so photo apps sort it where it belongs. */
async function keepModifiedTime(path: string, finding: Finding): Promise<void> {
  const when = finding.times?.modifiedAt ? new Date(finding.times.modifiedAt) : undefined;
  if (when && !Number.isNaN(when.getTime())) await utimes(path, when, when);
}

async function freeBytes(path: string): Promise<number> {
  const fs = await statfs((await nearestExisting(path)).path);
  return fs.bavail * fs.bsize;
}

export interface RecoverOptions {
  /** The source every finding's byteRuns are in (a disk or an image); absent when `bytesOf` gives each finding's bytes. */
  source?: ByteSource;
  sourcePath: string;
  /** The source's size for the report (default `source.size`). */
  sourceSize?: number;
  destination: string;
  findings: Finding[];
  version: string;
  /** For a folder source: a finding's own bytes (its file, an iPhone backup's file decrypted), closed after it is written. */
  bytesOf?: (finding: Finding) => Promise<ByteSource>;
  /** Folders (as given and with links resolved) no file may be written into: a folder source's. */
  forbidden?: readonly string[];
  /** Stops the recovery: the file being written is dropped (its partial copy removed); the report lists what was done until then. */
  signal?: AbortSignal;
  /** Each file as it is written (not yet checked), verified (re-read, its sha256 matched) or failed. */
  onFile?(outcome: FileOutcome): void;
  /** Bytes of `finding` written to the destination, as they are. */
  onBytes?(bytes: number, finding: Finding): void;
}

export interface FileOutcome {
  finding: Finding;
  /** Relative to the destination. */
  path: string;
  outcome: 'written' | 'verified' | 'failed';
  reason?: string;
}

/** Writes one finding through the source, or through its own bytes for a folder source. */
async function writeThrough(options: RecoverOptions, finding: Finding, target: string): Promise<void> {
  if (!options.bytesOf) {
    if (!options.source) throw new ServiceError('INTERNAL', 'Recovery was given no source to read.');
    return writeFinding(options.source, finding, target, options);
  }
  const bytes = await options.bytesOf(finding);
  try {
    await writeFinding(bytes, finding, target, options);
  } finally {
    await bytes.close();
  }
}

/** Refuses a recovery of `findings` into `destination` when it has not the room for them (NO_SPACE). */
export async function assertRoomFor(destination: string, findings: readonly Finding[]): Promise<void> {
  const needed = findings.reduce((sum, f) => sum + f.size, 0) + CHUNK;
  const available = await freeBytes(destination);
  if (available < needed) {
    throw new ServiceError('NO_SPACE', `Not enough free space in ${destination}: ${needed} bytes needed, ${available} available.`);
  }
}

/**
 * Writes each finding under the destination, re-reads the written copy and keeps it only when its
 * sha256 equals the one measured on the source (rule 4 of DESIGN.md), then writes report.json.
 */
export async function recoverFiles(options: RecoverOptions): Promise<RecoveryReport> {
  const { destination, findings } = options;
  await assertRoomFor(destination, findings);
  await mkdir(destination, { recursive: true });
  const targets = planTargets(findings);
  let full = false;
  // Kept by the finding's place in the list: files are copied side by side, the report lists them in the order asked.
  const verified: (ReportEntry | undefined)[] = [];
  const failedAt: (RecoveryFailure | undefined)[] = [];
  const fail = (finding: Finding, index: number, path: string, reason: string) => {
    failedAt[index] = { findingId: finding.id, name: finding.name, reason };
    options.onFile?.({ finding, path, outcome: 'failed', reason });
  };
  const recoverOne = async (finding: Finding, index: number): Promise<void> => {
    const relative = targets.get(finding.id) as string;
    if (full) {
      fail(finding, index, relative, 'Not written: the destination is full.');
      return;
    }
    const target = join(destination, relative);
    const partial = join(dirname(target), `.${posix.basename(relative)}.partial`);
    try {
      if (options.forbidden && (await isInsideFolder(options.forbidden, target))) {
        throw new ServiceError('FORBIDDEN', `Not written: ${relative} would be inside the source folder.`);
      }
      await mkdir(dirname(target), { recursive: true });
      await rm(partial, { force: true });
      await writeThrough(options, finding, partial);
      options.onFile?.({ finding, path: relative, outcome: 'written' });
      const written = await sha256OfFile(partial, options.signal);
      if (written !== finding.sha256) throw new ServiceError('INTERNAL', `The written copy's sha256 ${written} differs from the source's.`);
      await keepModifiedTime(partial, finding);
      await rename(partial, target);
      const { id, name, format, size, sha256, byteRuns, foundBy, origin, originalPath, times, validation, confidence, metadata, file, trash, livePhotoPair } = finding;
      const folderFacts = { ...(file ? { file } : {}), ...(trash ? { trash } : {}), ...(livePhotoPair ? { livePhotoPair } : {}) };
      verified[index] = { findingId: id, name, path: relative, format, size, sha256, byteRuns, foundBy, origin, originalPath, times, validation, confidence, metadata, ...folderFacts };
      options.onFile?.({ finding, path: relative, outcome: 'verified' });
    } catch (error) {
      await rm(partial, { force: true });
      // Stopped in the middle of this file: it was not tried to the end, so it did not fail.
      if (options.signal?.aborted) return;
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOSPC' ? 'The destination is full.' : errorMessage(error);
      fail(finding, index, relative, reason);
      full ||= code === 'ENOSPC';
    }
  };
  // Files are copied COPY_LANES at a time, each lane taking the next finding: one file's hash runs
  // while another's write waits on the disk.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < findings.length && !options.signal?.aborted) {
      const index = next++;
      await recoverOne(findings[index], index);
    }
  };
  await Promise.all(Array.from({ length: COPY_LANES }, lane));
  const files = verified.filter((entry) => entry !== undefined);
  const failed = failedAt.filter((failure) => failure !== undefined);
  const report: RecoveryReport = {
    tool: 'afterimage',
    version: options.version,
    createdAt: new Date().toISOString(),
    source: { path: options.sourcePath, sizeBytes: options.sourceSize ?? options.source?.size ?? 0 },
    destination,
    files,
    failed,
  };
  await writeFile(join(destination, '.report.json.partial'), JSON.stringify(report, null, 2) + '\n');
  await rename(join(destination, '.report.json.partial'), join(destination, 'report.json'));
  await writeFile(join(destination, '.report.csv.partial'), reportCsv(report));
  await rename(join(destination, '.report.csv.partial'), join(destination, 'report.csv'));
  return report;
}
