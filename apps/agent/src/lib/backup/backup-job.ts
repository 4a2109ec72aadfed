import { fileContent, isLocationNeutral, type BackupTarget, type HashKind, type StoredObject } from '@afterimage/cloud-adapters';
import type { BackupFile, BackupTargetConfig } from '@afterimage/contracts';
import { alternatePath, hashFile, preferredPath } from './backup-paths.js';
import { plainReason, stopsTarget } from './errors.js';
import type { LedgerRepo } from './ledger-repo.js';
import type { PlannedCopy } from './plan.js';
import type { RecoveredPhoto } from './recovered-photos.js';
import type { UploadSessions } from './upload-sessions.js';

export interface RunCopiesOptions {
  copies: readonly PlannedCopy[];
  targetFor(config: BackupTargetConfig): BackupTarget;
  ledger: LedgerRepo;
  sessions: UploadSessions;
  /** Uploads at a time. */
  parallel: number;
  signal: AbortSignal;
  /** Each copy's outcome, once it is final (a copy counts in the ledger before this is called). */
  onFile(file: BackupFile, copy: PlannedCopy): void;
  /** Bytes of one copy acknowledged so far while it uploads. */
  onCommitted(copy: PlannedCopy, committed: number): void;
}

/**
 * The hash kind by which a stored object holds this photo, or undefined when it does not: every byte-exact kind
 * both sides know matches (and the size), else a location-neutral one matches (Google Photos gives photos back
 * without their GPS data, so that copy is the photo without its location and the ledger says so).
 */
async function holds(stored: StoredObject, photo: RecoveredPhoto, source: string, kinds: readonly HashKind[]): Promise<HashKind | undefined> {
  const common = [...new Set<HashKind>(['sha256', ...kinds])].filter((k) => stored.hashes[k]);
  const exact = common.filter((k) => !isLocationNeutral(k));
  if (common.length === 0 || (stored.size !== photo.size && exact.length === common.length)) return undefined;
  const local = await hashFile(source, ['sha256', ...common]);
  if (local.sha256 !== photo.sha256) throw new Error(`The recovered file ${source} has changed since it was recovered (its sha256 differs); recover it again.`);
  if (stored.size === photo.size && exact.length > 0 && exact.every((k) => local[k] === stored.hashes[k])) return [...kinds, 'sha256' as const].find((k) => exact.includes(k));
  return common.find((k) => isLocationNeutral(k) && local[k] === stored.hashes[k]);
}

/**
 * Puts each planned copy on its target, `parallel` at a time. A copy is recorded in the ledger only
 * once the target's put resolved (the provider's hash of the stored object matched the bytes sent)
 * or a stored object already there hashes the same; a failure is reported with its reason and the
 * others go on. A target that refuses sign-in or is full is not tried again in this run.
 */
export async function runCopies(options: RunCopiesOptions): Promise<void> {
  const { ledger, signal } = options;
  const places = new Map<string, Map<string, string>>();
  const stopped = new Map<string, string>();
  const placesOn = (targetId: string): Map<string, string> => {
    const known = places.get(targetId) ?? ledger.placesOn(targetId);
    places.set(targetId, known);
    return known;
  };

  /** Claims a path on the target for this photo: its preferred one unless another photo has it. */
  const claim = (targetId: string, photo: RecoveredPhoto, preferred: boolean): string | undefined => {
    const taken = placesOn(targetId);
    const path = preferred && [undefined, photo.sha256].includes(taken.get(preferredPath(photo))) ? preferredPath(photo) : alternatePath(photo);
    if (![undefined, photo.sha256].includes(taken.get(path))) return undefined;
    taken.set(path, photo.sha256);
    return path;
  };

  const copyOne = async (copy: PlannedCopy): Promise<Omit<BackupFile, 'sha256' | 'name' | 'targetId' | 'size'>> => {
    const { photo, target: config } = copy;
    const source = photo.files[0]?.path;
    if (!source) return { path: preferredPath(photo), outcome: 'failed', reason: 'The recovered file is no longer where the recovery put it.' };
    const target = options.targetFor(config);
    let path = claim(config.id, photo, true);
    let there = path ? await target.stat(path) : null;
    let same = there ? await holds(there, photo, source, target.hashKinds) : undefined;
    if (there && !same && path === preferredPath(photo)) {
      path = claim(config.id, photo, false);
      there = path ? await target.stat(path) : null;
      same = there ? await holds(there, photo, source, target.hashKinds) : undefined;
    }
    if (!path) return { path: preferredPath(photo), outcome: 'failed', reason: `Both ${preferredPath(photo)} and ${alternatePath(photo)} hold other photos.` };
    if (there && !same) return { path, outcome: 'failed', reason: `${path} already holds another file.` };
    let outcome: BackupFile['outcome'] = 'already-there';
    if (!there) {
      there = await target.put(path, fileContent(source, photo.size), { size: photo.size, sha256: photo.sha256 }, {
        signal,
        sessions: options.sessions.forTarget(config.id),
        onProgress: (p) => options.onCommitted(copy, Math.min(p.committed, photo.size)),
      });
      outcome = 'uploaded';
    }
    // The kind that vouched for the copy: the one that matched, or after a put the first the target reports (a put reports only those that hold).
    const kind = same ?? [...target.hashKinds, 'sha256' as const].find((k) => there.hashes[k]);
    const verified = kind ? there.hashes[kind] : undefined;
    ledger.record({
      sha256: photo.sha256,
      targetId: config.id,
      location: there.path || path,
      medium: config.medium,
      offsite: config.offsite,
      verifiedHash: verified ?? photo.sha256,
      hashKind: verified && kind ? kind : 'sha256',
      copiedAt: new Date().toISOString(),
    });
    return { path: there.path || path, outcome };
  };

  let next = 0;
  const worker = async () => {
    while (next < options.copies.length && !signal.aborted) {
      const copy = options.copies[next++];
      if (!copy) return;
      const base = { sha256: copy.photo.sha256, name: copy.photo.name, targetId: copy.target.id, size: copy.photo.size };
      const stop = stopped.get(copy.target.id);
      if (stop) {
        options.onFile({ ...base, path: preferredPath(copy.photo), outcome: 'failed', reason: stop }, copy);
        continue;
      }
      try {
        options.onFile({ ...base, ...(await copyOne(copy)) }, copy);
      } catch (error) {
        if (signal.aborted) return;
        const reason = plainReason(error, copy.target);
        if (stopsTarget(error)) stopped.set(copy.target.id, reason);
        options.onFile({ ...base, path: preferredPath(copy.photo), outcome: 'failed', reason }, copy);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel, options.copies.length)) }, worker));
  signal.throwIfAborted();
}
