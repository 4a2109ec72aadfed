import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFolderTarget, type BackupTarget, type ContentSource } from '@afterimage/cloud-adapters';
import { agentOn, followBackup, recoverDemoCard, type RecoveredCard } from '../../testing/recovered-card.js';
import { JobsRepo } from './jobs-repo.js';
import type { TargetFactory } from './targets.js';
import { UploadSessions } from './upload-sessions.js';

let home: string;
let card: RecoveredCard;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'backup-resume-'));
  card = await recoverDemoCard(home);
});
afterAll(async () => rm(home, { recursive: true, force: true }));

const SLICE = 4096;

/** One read of a put's content: which folder, which file, from where. */
interface Read {
  root: string;
  path: string;
  start: number;
}

/**
 * Real local folders whose puts are watched: each read of the content is noted (path and offset), and
 * with `stopAtPut` that put stops after its first 4 KiB until the job is aborted, as when the agent
 * is stopped in the middle of an upload.
 */
function watchedFolders(reads: Read[], stopAtPut?: { n: number; reached: () => void }): TargetFactory {
  let puts = 0;
  const watched = (root: string, path: string, content: ContentSource, stop: boolean, signal?: AbortSignal): ContentSource => ({
    size: content.size,
    async *read(start = 0, end = content.size) {
      reads.push({ root, path, start });
      let sent = 0;
      for await (const chunk of content.read(start, end)) {
        for (let at = 0; at < chunk.length; at += SLICE) {
          if (stop && sent >= SLICE) {
            stopAtPut?.reached();
            await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }));
            signal?.throwIfAborted();
          }
          yield chunk.subarray(at, at + SLICE);
          sent += Math.min(SLICE, chunk.length - at);
        }
      }
    },
  });
  return (config) => {
    const inner = new LocalFolderTarget(config.root, undefined, config.offsite ?? false);
    const target: BackupTarget = {
      id: inner.id,
      kind: inner.kind,
      medium: inner.medium,
      offsite: inner.offsite,
      hashKinds: inner.hashKinds,
      limits: inner.limits,
      stat: (path) => inner.stat(path),
      list: (prefix) => inner.list(prefix),
      open: (path) => inner.open(path),
      put: (path, content, expected, options) => inner.put(path, watched(config.root, path, content, ++puts === stopAtPut?.n, options?.signal), expected, options),
    };
    return target;
  };
}

describe('an agent stopped in the middle of a backup', () => {
  it('goes on with the job when it starts again, resuming the interrupted upload from what was written and copying nothing twice', async () => {
    const db = join(home, 'resume.db');
    const N = card.report.files.length;
    let reached!: () => void;
    const stopped = new Promise<void>((resolve) => (reached = resolve));
    const firstReads: Read[] = [];
    const first = await agentOn(card, db, { createTarget: watchedFolders(firstReads, { n: 3, reached }) });
    const near = await first.agent.addBackupTarget({ kind: 'local-folder', root: join(home, 'near') });
    const far = await first.agent.addBackupTarget({ kind: 'local-folder', root: join(home, 'far'), offsite: true, medium: 'cloud' });
    const job = await first.agent.startBackup({ parallel: 1 });
    await stopped;
    await first.agent.shutdown();
    // The job is still running as far as the database knows, and the interrupted upload kept its session.
    expect(new JobsRepo(first.store).running().map((j) => j.id)).toEqual([job.id]);
    expect(new JobsRepo(first.store).get(job.id)?.progress).toMatchObject({ uploaded: 2, failed: 0 });
    const interrupted = firstReads[2]!;
    expect(interrupted).toEqual({ root: far.root, path: `2024/06/${card.report.files[1]!.name}`, start: 0 });
    expect(new UploadSessions(first.store).count(far.id)).toBe(1);
    first.store.close();

    const reads: Read[] = [];
    const second = await agentOn(card, db, { createTarget: watchedFolders(reads) }, false);
    expect(await second.agent.resumeBackups()).toEqual([job.id]);
    const { state, events } = await followBackup(second.agent, job.id);
    expect(state).toMatchObject({ status: 'done', resumed: 1, failures: [], after: { photos: N, meets321: N } });
    expect(state.progress).toMatchObject({ uploaded: 2 * N, alreadyThere: 0, failed: 0, filesTotal: 2 * N });
    const files = events.flatMap((e) => (e.type === 'file' ? [e.file] : []));
    expect(files).toHaveLength(2 * N - 2);
    expect(files.every((f) => f.outcome === 'uploaded')).toBe(true);
    // The interrupted upload went on from its first 4 KiB; every other one was read from the start, once.
    expect(reads.filter((r) => r.root === far.root && r.path === interrupted.path)).toEqual([{ ...interrupted, start: SLICE }]);
    expect(reads.filter((r) => r.start !== 0)).toHaveLength(1);
    expect(reads).toHaveLength(2 * N - 2);

    for (const root of [near.root, far.root]) {
      const names = (await readdir(join(root, '2024', '06'))).sort();
      expect(names).toEqual(card.report.files.map((f) => f.name).sort());
    }
    const status = await second.agent.backupStatus();
    for (const photo of status.photos) expect(photo.copies.filter((c) => c.kind === 'backup').map((c) => c.verifiedHash)).toEqual([photo.sha256, photo.sha256]);
    expect(new UploadSessions(second.store).count(far.id)).toBe(0);
    second.store.close();
  });
});
