import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecoveryReportSchema, type Finding } from '@afterimage/contracts';
import { LocalAgentServices } from '../agent-services.js';
import { scanMedia, thumbnailForFinding } from '../scan-pipeline.js';
import { openStore, type Db } from '../store/open-store.js';
import { phoneBackup, phoneManifest, scanToEnd, sha256, snapshotFolder } from '../../testing/folder-fixtures.js';

const manifest = phoneManifest();
const plain = phoneBackup('plain');
let home: string;
const opened: { services: LocalAgentServices; store: Db }[] = [];

function agent(db = 'afterimage.db'): LocalAgentServices {
  const store = openStore(join(home, db));
  const services = new LocalAgentServices({ version: 'test', pipeline: scanMedia, thumbnail: thumbnailForFinding, store });
  opened.push({ services, store });
  return services;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'iphone-source-'));
});
afterAll(async () => {
  for (const { services, store } of opened) await services.shutdown().finally(() => store.close());
  await rm(home, { recursive: true, force: true });
});

const byName = (findings: Finding[], name: string) => findings.find((f) => f.name === name) as Finding;

describe('an iPhone backup as a source', () => {
  const before = snapshotFolder(plain);
  let services: LocalAgentServices;
  let findings: Finding[];
  let scanId: string;

  beforeAll(async () => {
    services = agent();
    const source = await services.addFolderSource({ path: plain });
    expect(source).toMatchObject({ kind: 'folder', folderKind: 'iphone-backup', encrypted: false, path: plain, sizeBytes: manifest.cameraRoll.reduce((s, m) => s + m.size, 0) });
    expect(source.label).toContain(manifest.info.deviceName);
    expect(source.description).toContain('6 photos and videos in its camera roll, 1 of them in Recently Deleted');
    expect(await services.addFolderSource({ path: `${plain}/` })).toEqual(source);
    scanId = (await services.startScan({ sourceId: source.id })).id;
    ({ findings } = await scanToEnd(services, scanId));
  });

  it('makes every camera-roll photo and video a finding under the phone’s name, with its bytes, times and folder, and nothing else', async () => {
    expect(findings.map((f) => f.name).sort()).toEqual(manifest.cameraRoll.map((m) => m.name).sort());
    for (const media of manifest.cameraRoll) {
      const found = byName(findings, media.name);
      expect(found).toMatchObject({
        sha256: media.sha256,
        size: media.size,
        originalPath: `/${media.relativePath}`,
        file: { path: `${media.fileId.slice(0, 2)}/${media.fileId}` },
        byteRuns: [{ offset: 0, length: media.size }],
        origin: media.trashed ? 'deleted' : 'live',
        foundBy: 'filesystem',
        times: { createdAt: media.createdAt, modifiedAt: media.modifiedAt },
        format: { heic: 'heic', mov: 'mov', jpg: 'jpeg', mp4: 'mp4' }[media.relativePath.split('.').pop()!.toLowerCase()],
        validation: { state: 'complete' },
        confidence: 'high',
      });
      expect(found.metadata.takenAt).toBeDefined();
    }
    expect(findings.map((f) => f.originalPath)).not.toContain(expect.stringMatching(/\.AAE$|Photos\.sqlite$/));
    const state = await services.getScan(scanId);
    expect(state).toMatchObject({ status: 'done', findingCount: 6, progress: { filesDone: 6, filesTotal: 6 } });
  });

  it('marks the Recently Deleted photo with when it was deleted and when the phone purges it', () => {
    const media = manifest.cameraRoll.find((m) => m.trashed)!;
    const found = byName(findings, media.name);
    expect(found.trash).toEqual({ by: 'iphone-recently-deleted', deletedAt: media.trashed!.at, purgeAt: media.trashed!.purgeAt });
    expect(found.times?.deletedAt).toBe(media.trashed!.at);
    expect(findings.filter((f) => f.trash)).toHaveLength(1);
  });

  it('points each half of the Live Photo at the other', () => {
    const still = byName(findings, 'IMG_0001.HEIC');
    const movie = byName(findings, 'IMG_0001.MOV');
    expect(still.livePhotoPair).toBe(movie.id);
    expect(movie.livePhotoPair).toBe(still.id);
    expect(findings.filter((f) => f.livePhotoPair)).toHaveLength(2);
  });

  it('pages, previews and recovers through the backup, every copy verified, Live Photo halves side by side, the backup untouched', async () => {
    const page = await services.findingsPage({ scanId, sort: 'name', limit: 2, filter: { origins: ['deleted'] } });
    expect(page).toMatchObject({ total: 1, findings: [{ name: 'IMG_0003.HEIC' }] });
    const jpeg = byName(findings, 'Birthday cake.jpg');
    expect((await services.thumbnail({ scanId, findingId: jpeg.id })).mimeType).toBe('image/jpeg');
    const destination = join(home, 'recovered');
    const report = RecoveryReportSchema.parse(await services.recover({ scanId, destination }));
    expect(report.failed).toEqual([]);
    expect(report.files.map((f) => f.path).sort()).toEqual(manifest.cameraRoll.map((m) => `${m.relativePath.slice(0, m.relativePath.lastIndexOf('/'))}/${m.name}`).sort());
    for (const entry of report.files) expect(sha256(await readFile(join(destination, entry.path)))).toBe(entry.sha256);
    const trashed = report.files.find((f) => f.trash)!;
    expect(trashed).toMatchObject({ name: 'IMG_0003.HEIC', trash: { purgeAt: manifest.cameraRoll.find((m) => m.trashed)!.trashed!.purgeAt } });
    const modified = manifest.cameraRoll.find((m) => m.name === 'IMG_0004.MP4')!.modifiedAt;
    expect((await stat(join(destination, 'Media/DCIM/100APPLE/IMG_0004.MP4'))).mtime.toISOString()).toBe(modified);
    expect(JSON.parse(await readFile(join(destination, 'report.json'), 'utf8'))).toEqual(report);
    expect(snapshotFolder(plain)).toEqual(before);
  });

  it('refuses a destination inside the backup folder, and writes nothing there', async () => {
    await expect(services.recover({ scanId, destination: join(plain, 'Recovered') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(snapshotFolder(plain)).toEqual(before);
  });
});
