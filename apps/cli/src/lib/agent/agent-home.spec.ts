import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAdvert, removeAdvert, resolveHome, writeAdvert } from './agent-home.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'cli-home-'));
});
afterEach(async () => rm(home, { recursive: true, force: true }));

const advert = { url: 'http://127.0.0.1:7170', pid: 4242, kind: 'foreground' as const, startedAt: '2026-01-01T00:00:00.000Z' };

describe("the agent home's agent.json", () => {
  it('resolves the home as the agent does: --home, then AFTERIMAGE_HOME', () => {
    expect(resolveHome('/srv/x/../afterimage')).toBe('/srv/afterimage');
    const before = process.env['AFTERIMAGE_HOME'];
    process.env['AFTERIMAGE_HOME'] = '/tmp/somewhere';
    expect(resolveHome()).toBe('/tmp/somewhere');
    if (before === undefined) delete process.env['AFTERIMAGE_HOME'];
    else process.env['AFTERIMAGE_HOME'] = before;
  });

  it('is written private to the user, read back, and removed only by the agent it names', async () => {
    await writeAdvert(home, advert);
    expect((await stat(join(home, 'agent.json'))).mode & 0o777).toBe(0o600);
    expect(await readAdvert(home)).toEqual(advert);
    await removeAdvert(home, 1);
    expect(await readAdvert(home)).toEqual(advert);
    await removeAdvert(home, advert.pid);
    expect(await readAdvert(home)).toBeUndefined();
  });

  it('reads a damaged, foreign or oversized file as no agent', async () => {
    for (const text of ['{', '[]', JSON.stringify({ ...advert, url: 'http://evil.example:80' }), JSON.stringify({ ...advert, kind: 'root' }), `{"url":"${'x'.repeat(10_000)}"}`]) {
      await writeFile(join(home, 'agent.json'), text);
      expect(await readAdvert(home)).toBeUndefined();
    }
  });
});
