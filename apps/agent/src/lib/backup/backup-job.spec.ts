import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFolderTarget } from '@afterimage/cloud-adapters';
import { agentOn, followBackup, recoverDemoCard, type RecoveredCard } from '../../testing/recovered-card.js';

let home: string;
let card: RecoveredCard;
const N = 12;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'backup-job-'));
  card = await recoverDemoCard(home);
});
afterAll(async () => rm(home, { recursive: true, force: true }));

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** Every file under a folder, relative, sorted. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
}

const mtimes = async (root: string) => Promise.all((await filesUnder(root)).map(async (f) => [f, (await stat(join(root, f))).mtimeMs]));

describe('a backup job to two local folders (one offsite, a cloud client keeps it in sync)', () => {
  it('brings every recovered photo to 3-2-1, each copy verified on disk, and a second run uploads nothing', async () => {
    // All 12 photos of the card, the 7 deleted ones and the 5 live ones.
    expect(card.report.files).toHaveLength(12);
    const { agent } = await agentOn(card, join(home, '321.db'));
    const near = await agent.addBackupTarget({ kind: 'local-folder', root: join(home, '321', 'near') });
    const far = await agent.addBackupTarget({ kind: 'local-folder', root: join(home, '321', 'far'), offsite: true, medium: 'cloud' });
    expect(near).toMatchObject({ kind: 'local-folder', offsite: false, medium: 'disk' });
    expect(far).toMatchObject({ offsite: true, medium: 'cloud' });

    const before = await agent.backupStatus();
    expect(before.totals).toMatchObject({ photos: N, meets321: 0, lacking: { copies: N, media: N, offsite: N } });

    const { state, events } = await followBackup(agent, (await agent.startBackup({})).id);
    expect(state).toMatchObject({ status: 'done', failures: [], notes: [], after: { photos: N, meets321: N } });
    expect(state.progress).toMatchObject({ filesTotal: 2 * N, uploaded: 2 * N, alreadyThere: 0, failed: 0 });
    expect(state.progress.bytesDone).toBe(state.progress.bytesTotal);
    expect(events.filter((e) => e.type === 'file')).toHaveLength(2 * N);

    const after = await agent.backupStatus();
    expect(after.totals.meets321).toBe(N);
    for (const photo of after.photos) {
      expect(photo.copies.map((c) => c.kind)).toEqual(['recovered', 'backup', 'backup']);
      for (const copy of photo.copies.filter((c) => c.kind === 'backup')) {
        const root = copy.targetId === near.id ? near.root : far.root;
        expect(copy.location).toBe(`2024/06/${photo.name}`);
        expect(copy).toMatchObject({ hashKind: 'sha256', verifiedHash: photo.sha256 });
        expect(await sha256(join(root, copy.location))).toBe(photo.sha256);
      }
    }
    expect(await filesUnder(near.root)).toHaveLength(N);

    // Again: the ledger says every photo meets 3-2-1, so nothing is even looked at.
    const times = await mtimes(far.root);
    const again = await followBackup(agent, (await agent.startBackup({})).id);
    expect(again.state.progress).toMatchObject({ filesTotal: 0, uploaded: 0 });
    expect(again.events.filter((e) => e.type === 'file')).toEqual([]);

    // The ledger forgets the far folder's copies (removed, then added again): the folder's own hash check finds them all there.
    agent.removeBackupTarget(far.id);
    expect((await agent.backupStatus()).totals.meets321).toBe(0);
    const farAgain = await agent.addBackupTarget({ kind: 'local-folder', root: far.root, offsite: true, medium: 'cloud' });
    const third = await followBackup(agent, (await agent.startBackup({ parallel: 2 })).id);
    expect(third.state.progress).toMatchObject({ filesTotal: N, uploaded: 0, alreadyThere: N, failed: 0 });
    expect(third.state.after).toEqual({ photos: N, meets321: N });
    expect(await mtimes(farAgain.root)).toEqual(times);
  });

  it('reports the files a destination refuses, counts nothing for them, and goes on with the rest', async () => {
    const { agent } = await agentOn(card, join(home, 'refused.db'));
    const near = await agent.addBackupTarget({ kind: 'local-folder', root: join(home, 'refused', 'near') });
    const far = await agent.addBackupTarget({ kind: 'local-folder', root: join(home, 'refused', 'far'), offsite: true, medium: 'cloud' });
    const blocked = card.report.files[2]!;
    // A folder where one photo's copy would go on the far target, and a file where the near target's month folder would be.
    await mkdir(join(far.root, '2024', '06', blocked.name), { recursive: true });
    await mkdir(join(near.root, '2024'), { recursive: true });
    await writeFile(join(near.root, '2024', '06'), 'not a folder');

    const { state, events } = await followBackup(agent, (await agent.startBackup({})).id);
    expect(state.status).toBe('done');
    expect(state.progress).toMatchObject({ filesTotal: 2 * N, uploaded: N - 1, failed: N + 1 });
    const failed = events.flatMap((e) => (e.type === 'file' && e.file.outcome === 'failed' ? [e.file] : []));
    expect(failed.filter((f) => f.targetId === near.id)).toHaveLength(N);
    expect(failed.filter((f) => f.targetId === far.id).map((f) => f.name)).toEqual([blocked.name]);
    for (const f of failed) expect(f.reason).toMatch(/in the way/);
    expect(state.failures).toHaveLength(N + 1);

    const status = await agent.backupStatus();
    const blockedStatus = status.photos.find((p) => p.sha256 === blocked.sha256)!;
    expect(blockedStatus.copies.map((c) => c.kind)).toEqual(['recovered']);
    expect(blockedStatus.lacking).toEqual(['copies', 'media', 'offsite']);
    for (const photo of status.photos.filter((p) => p.sha256 !== blocked.sha256)) {
      expect(photo.copies.map((c) => c.targetId)).toEqual([expect.stringMatching(/^rec-/), far.id]);
      expect(photo.lacking).toEqual(['copies']);
    }
    // What the far folder holds (a refused put may keep its hidden partial to resume; it is no copy).
    const listed = [];
    for await (const object of new LocalFolderTarget(far.root).list()) listed.push(object);
    expect(listed.map((o) => o.path).sort()).toEqual(card.report.files.filter((f) => f !== blocked).map((f) => `2024/06/${f.name}`).sort());
  });

  it('says what it cannot fix: a drive that is not plugged in, and no target offsite', async () => {
    const { agent } = await agentOn(card, join(home, 'short.db'));
    await agent.addBackupTarget({ kind: 'local-folder', root: join(home, 'short', 'near') });
    const unplugged = await agent.addBackupTarget({ kind: 'local-folder', root: join(home, 'short', 'usb'), offsite: true });
    await rm(unplugged.root, { recursive: true });
    const { state } = await followBackup(agent, (await agent.startBackup({})).id);
    expect(state.progress).toMatchObject({ filesTotal: N, uploaded: N, failed: 0 });
    expect(state.notes).toEqual([
      expect.stringMatching(new RegExp(`^${unplugged.id} .* was not used: The folder .* is not there \\(is the drive plugged in\\?\\)`)),
      expect.stringMatching(/^12 photos cannot get an offsite copy/),
      expect.stringMatching(/^12 photos cannot be on two kinds of media/),
      expect.stringMatching(/^12 photos cannot reach three copies/),
    ]);
    expect(state.after).toEqual({ photos: N, meets321: 0 });
  });
});
