// The whole demo in a real browser: the real agent, the built dashboard under `next start`, and
// Debian's chromium driven by playwright-core. Sources -> scan -> thumbnails -> recover -> verified
// summary, then the recovered files' hashes are checked against the demo card's manifest.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTakenAt } from '../lib/format';
import { freePort, startAgent, startWeb, workspaceRoot, type Running } from './processes';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = resolve(workspaceRoot, 'reports/screenshots');

interface ManifestFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
  deleted: boolean;
  takenAt: string;
  make: string;
  model: string;
}
const manifest = JSON.parse(await readFile(resolve(workspaceRoot, 'fixtures/demo-card/demo-card.json'), 'utf8')) as { files: ManifestFile[] };
const deleted = manifest.files.filter((f) => f.deleted);

/** Long names come back whole; a deleted 8.3 name's lost first letter is inferred from its live neighbours. */
function manifestEntryFor(shownName: string): ManifestFile | undefined {
  return deleted.find((f) => f.name === shownName);
}

function statusForHost(url: string, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.once('error', fail);
    req.end();
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(400); // let the progress bar's transition settle
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

describe.skipIf(!existsSync(CHROMIUM))(`demo flow in a browser${existsSync(CHROMIUM) ? '' : ` (skipped: ${CHROMIUM} is absent; apt-get install chromium)`}`, () => {
  let tmp: string;
  let agent: Running & { url: string; token: string };
  let web: Running & { url: string };
  let browser: Browser;
  let webPort: number;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'afterimage-web-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    webPort = await freePort();
    const home = join(tmp, 'home');
    agent = await startAgent(home, `http://127.0.0.1:${webPort}`);
    // No AFTERIMAGE_TOKEN: the dashboard reads $AFTERIMAGE_HOME/agent.token, as for a person.
    web = await startWeb(webPort, { AFTERIMAGE_AGENT_URL: agent.url, AFTERIMAGE_HOME: home });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await agent?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('refuses a foreign Host header (DNS rebinding) and serves its own', async () => {
    expect(await statusForHost(web.url, `attacker.example:${webPort}`)).toBe(403);
    expect(await statusForHost(web.url, `127.0.0.1:${webPort + 1}`)).toBe(403);
    expect(await statusForHost(web.url, `localhost:${webPort}`)).toBe(200);
  });

  it('scans the demo card, shows its deleted photos and recovers them verified', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(web.url);

    const demo = page.locator('[data-testid=source-card][data-source-id=demo-card]');
    await demo.waitFor();
    await expect.poll(() => page.getByTestId('agent-status').textContent()).toContain(agent.url.replace('http://', ''));
    await shot(page, 'web-1-sources.png');

    await demo.click();
    await page.getByTestId('scan-button').click();
    await page.locator('[data-testid=scan-progress][data-phase=done]').waitFor();
    const cards = page.getByTestId('finding-card');
    await expect.poll(() => cards.count()).toBe(deleted.length);
    await expect.poll(() => page.locator('[data-testid=finding-thumb][data-state=ready]').count()).toBe(deleted.length);
    expect(await page.getByTestId('scan-status').textContent()).toContain(`${deleted.length} photos found`);

    // Each card names a deleted photo of the manifest, with its date and camera.
    const shown = await cards.evaluateAll((els) =>
      els.map((el) => ({
        name: el.querySelector('[data-testid=finding-name]')?.textContent ?? '',
        taken: el.querySelector('[data-testid=finding-taken]')?.textContent ?? '',
        camera: el.querySelector('[data-testid=finding-camera]')?.textContent ?? '',
        origin: el.getAttribute('data-origin'),
      })),
    );
    const matched = new Set<string>();
    for (const card of shown) {
      const entry = manifestEntryFor(card.name);
      expect(entry, `${card.name} is one of the deleted photos`).toBeDefined();
      matched.add(entry!.name);
      expect(card.taken).toContain(formatTakenAt(entry!.takenAt));
      expect(card.camera).toBe(`${entry!.make} ${entry!.model}`);
      expect(card.origin).toBe('deleted');
    }
    expect(matched.size).toBe(deleted.length);
    expect(shown.map((c) => c.name)).toContain('Birthday cake.jpg');
    await shot(page, 'web-2-scanned.png');

    const destination = join(tmp, 'recovered');
    await page.getByTestId('destination-input').fill(destination);
    await page.getByTestId('recover-button').click();
    const summary = page.getByTestId('recovery-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.getAttribute('data-recovered')).toBe(String(deleted.length));
    expect(await summary.getAttribute('data-failed')).toBe('0');
    expect(await page.getByTestId('recovery-title').textContent()).toBe(`${deleted.length} photos recovered and verified`);
    expect(await page.getByTestId('recovery-verified').textContent()).toContain('SHA-256 matched');
    expect(await page.getByTestId('recovery-destination').textContent()).toBe(destination);
    await shot(page, 'web-3-recovered.png');

    const written = (await filesUnder(destination)).filter((p) => !/report\.(json|csv)$/.test(p));
    const hashes = await Promise.all(written.map(async (p) => createHash('sha256').update(await readFile(p)).digest('hex')));
    expect(hashes.sort()).toEqual(deleted.map((f) => f.sha256).sort());
    expect((await readFile(join(destination, 'report.csv'), 'utf8')).trim().split('\r\n')).toHaveLength(deleted.length + 1);

    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'web-4-phone.png');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says in plain words when a recovery cannot start', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(web.url);
    await page.locator('[data-testid=source-card][data-source-id=demo-card]').click();
    await page.getByTestId('scan-button').click();
    await page.locator('[data-testid=scan-progress][data-phase=done]').waitFor();
    // A file where a folder should be: the agent refuses, the page shows its message.
    const notAFolder = join(tmp, 'not-a-folder');
    await rm(notAFolder, { force: true });
    await writeFile(notAFolder, 'x');
    await page.getByTestId('destination-input').fill(notAFolder);
    await page.getByTestId('recover-button').click();
    const error = page.getByTestId('recovery-error').or(page.getByTestId('recovery-failures'));
    await error.waitFor({ timeout: 30_000 });
    const text = (await error.textContent()) ?? '';
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/TRPCClientError|stack|undefined/);
    await shot(page, 'web-5-error.png');
    await page.close();
  });
});
