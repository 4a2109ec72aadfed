import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Source } from '@afterimage/contracts';
import { LocalAgentServices } from '../agent-services.js';
import { scanMedia, thumbnailForFinding } from '../scan-pipeline.js';
import { openStore, type Db } from '../store/open-store.js';
import { phoneBackup, phoneManifest, scanToEnd, sha256, snapshotFolder } from '../../testing/folder-fixtures.js';

const { password, cameraRoll } = phoneManifest();
const encrypted = phoneBackup('encrypted');
let home: string;
let first: { services: LocalAgentServices; store: Db };

const agent = () => {
  const store = openStore(join(home, 'afterimage.db'));
  return { services: new LocalAgentServices({ version: 'test', pipeline: scanMedia, thumbnail: thumbnailForFinding, store }), store };
};
const stop = async ({ services, store }: typeof first) => services.shutdown().finally(() => store.close());

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'backup-password-'));
  first = agent();
});
afterAll(async () => rm(home, { recursive: true, force: true }));

describe('an encrypted iPhone backup', () => {
  const before = snapshotFolder(encrypted);
  let source: Source;
  let scanId: string;
  let findings: Finding[];

  it('is refused without its password (NEEDS_PASSWORD) and with a wrong one (WRONG_PASSWORD), saying so plainly', async () => {
    await expect(first.services.addFolderSource({ path: encrypted })).rejects.toMatchObject({ code: 'NEEDS_PASSWORD', message: expect.stringContaining('encrypted') });
    await expect(first.services.addFolderSource({ path: encrypted, password: 'Tr0ub4dor&3' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD', message: expect.stringContaining('does not open') });
    expect(await first.services.listSources()).toEqual([]);
  });

  it('opens with its password and gives the same photos, bit for bit, as the plain backup', async () => {
    source = await first.services.addFolderSource({ path: encrypted, password });
    expect(source).toMatchObject({ folderKind: 'iphone-backup', encrypted: true, needsPassword: false });
    // Added again without the password: the agent still holds it.
    expect(await first.services.addFolderSource({ path: encrypted })).toEqual(source);
    scanId = (await first.services.startScan({ sourceId: source.id })).id;
    ({ findings } = await scanToEnd(first.services, scanId));
    expect(findings.map((f) => [f.name, f.sha256]).sort()).toEqual(cameraRoll.map((m) => [m.name, m.sha256]).sort());
    const report = await first.services.recover({ scanId, destination: join(home, 'first') });
    expect(report.files).toHaveLength(cameraRoll.length);
    for (const entry of report.files) expect(sha256(await readFile(join(home, 'first', entry.path)))).toBe(entry.sha256);
  });

  it('keeps the password in memory only: not in the database, not in the agent’s home', async () => {
    await stop(first);
    for (const name of await readdir(home, { recursive: true })) {
      const bytes = await readFile(join(home, name)).catch(() => undefined);
      expect(bytes?.includes(password) ?? false, name).toBe(false);
    }
  });

  it('after a restart needs the password again for a scan, a preview and a recovery; unlock gives it back', async () => {
    const again = agent();
    try {
      expect(await again.services.listSources()).toEqual([{ ...source, needsPassword: true }]);
      const needs = { code: 'NEEDS_PASSWORD', message: expect.stringContaining('needs the backup password') };
      await expect(again.services.startScan({ sourceId: source.id })).rejects.toMatchObject(needs);
      await expect(again.services.thumbnail({ scanId, findingId: findings[0]!.id })).rejects.toMatchObject(needs);
      await expect(again.services.recover({ scanId, destination: join(home, 'second') })).rejects.toMatchObject(needs);
      await expect(again.services.unlockSource({ sourceId: source.id, password: 'nope' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
      expect((await again.services.unlockSource({ sourceId: source.id, password })).needsPassword).toBe(false);
      const report = await again.services.recover({ scanId, destination: join(home, 'second') });
      expect(report.files.map((f) => f.sha256).sort()).toEqual(cameraRoll.map((m) => m.sha256).sort());
      expect(snapshotFolder(encrypted)).toEqual(before);
    } finally {
      await stop(again);
    }
  });
});
