import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.js';
import { LedgerRepo } from './ledger-repo.js';
import { UploadSessions } from './upload-sessions.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const sha = (c: string) => c.repeat(64);
const copy = (s: string, targetId: string, location: string, copiedAt: string, verifiedHash = 'v1') => ({ sha256: sha(s), targetId, location, medium: 'cloud' as const, offsite: true, verifiedHash, hashKind: 'md5' as const, copiedAt });

describe('the copies ledger', () => {
  it('keeps every copy of a photo across a reopen, one row per place on a target', () => {
    const path = join(dir, 'ledger.db');
    const first = openStore(path);
    const ledger = new LedgerRepo(first);
    ledger.record(copy('a', 't1', '2024/06/a.jpg', '2025-01-01T00:00:01Z'));
    ledger.record(copy('a', 't2', '2024/06/a.jpg', '2025-01-01T00:00:02Z'));
    ledger.record(copy('b', 't1', '2024/06/b.jpg', '2025-01-01T00:00:03Z'));
    // The same place copied again (verified again): still one row, refreshed.
    ledger.record(copy('a', 't1', '2024/06/a.jpg', '2025-01-01T00:00:04Z', 'v2'));
    first.close();

    const again = new LedgerRepo(openStore(path));
    expect(again.copiesOf(sha('a')).map((c) => [c.targetId, c.location, c.verifiedHash, c.hashKind, c.medium, c.offsite])).toEqual([
      ['t2', '2024/06/a.jpg', 'v1', 'md5', 'cloud', true],
      ['t1', '2024/06/a.jpg', 'v2', 'md5', 'cloud', true],
    ]);
    expect(again.placesOn('t1')).toEqual(new Map([['2024/06/a.jpg', sha('a')], ['2024/06/b.jpg', sha('b')]]));
    expect(again.forgetTarget('t1')).toBe(2);
    expect([...again.all().keys()]).toEqual([sha('a')]);
  });

  it('keeps resumable upload sessions per target across a reopen, until deleted', async () => {
    const path = join(dir, 'sessions.db');
    const first = openStore(path);
    await new UploadSessions(first).forTarget('t1').set('2024/06/a.jpg', { url: 'http://x/upload?id=1', committed: 327680 });
    first.close();
    const sessions = new UploadSessions(openStore(path));
    expect(await sessions.forTarget('t1').get('2024/06/a.jpg')).toEqual({ url: 'http://x/upload?id=1', committed: 327680 });
    expect(await sessions.forTarget('t2').get('2024/06/a.jpg')).toBeUndefined();
    await sessions.forTarget('t1').delete('2024/06/a.jpg');
    expect(sessions.count('t1')).toBe(0);
  });
});
