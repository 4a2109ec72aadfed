// The demo in a real browser: the real agent, the built dashboard under `next start`, and Debian's
// chromium driven by playwright-core. Sources -> scan (/scans/ID) -> results and details -> recover (a
// job followed file by file up to N of N) -> verified summary, shown again from the address; the recovered files' hashes are checked against the demo card's manifest. Then:
// coming back to a scan later, a destination on the source refused in the agent's words, the
// filters on filesystem findings, and every page in a phone-sized window.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTakenAt } from '../lib/format';
import { collectErrors, DESKTOP, fitsWidth, hasChromium, PHONE, shot, skipNote } from './browser';
import { workspaceRoot } from './processes';
import { startRecoverStack, type RecoverStack } from './recover-stack';

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

/** Picks the demo card on / and starts a scan; resolves on the scan's page once it is done. */
async function scanDemoCard(page: Page, url: string, options: { includeLive?: boolean } = {}): Promise<string> {
  await page.goto(url);
  await page.locator('[data-testid=source-card][data-source-id=demo-card]').click();
  if (options.includeLive) await page.getByTestId('option-include-live').check();
  await page.getByTestId('scan-button').click();
  await page.waitForURL(/\/scans\/[\w-]+$/);
  await page.locator('[data-testid=scan-progress][data-phase=done]').waitFor({ timeout: 60_000 });
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

/** Starts noting each files-done/total pair the recovery's progress shows, as it changes. */
async function recordRecoverySteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const steps: [number, number][] = [];
    (window as unknown as { recoverySteps: [number, number][] }).recoverySteps = steps;
    const note = () => {
      const el = document.querySelector('[data-testid=recovery-progress]');
      if (!el) return;
      const step: [number, number] = [Number(el.getAttribute('data-files-done')), Number(el.getAttribute('data-files-total'))];
      const last = steps.at(-1);
      if (!last || last[0] !== step[0] || last[1] !== step[1]) steps.push(step);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-files-done', 'data-files-total'] });
  });
}

const recoverySteps = (page: Page) => page.evaluate(() => (window as unknown as { recoverySteps: [number, number][] }).recoverySteps);

/** The agent's count shown on a filter choice (filter-<group>-<value>). */
const chipCount = (page: Page, choice: string) => page.getByTestId(`filter-${choice}`).locator('..').getAttribute('data-count').then(Number);

const gridTotal = (page: Page) => page.getByTestId('results-count').getAttribute('data-total').then(Number);

describe.skipIf(!hasChromium)(`the demo card in a browser${skipNote}`, () => {
  let stack: RecoverStack;
  let scanId = '';

  beforeAll(async () => {
    stack = await startRecoverStack('web-demo');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a foreign Host header (DNS rebinding) and serves its own', async () => {
    expect(await statusForHost(stack.web.url, `attacker.example:${stack.webPort}`)).toBe(403);
    expect(await statusForHost(stack.web.url, `127.0.0.1:${stack.webPort + 1}`)).toBe(403);
    expect(await statusForHost(stack.web.url, `localhost:${stack.webPort}`)).toBe(200);
  });

  it('scans the demo card, shows its deleted photos with their details and recovers them verified', async () => {
    const page = await stack.browser.newPage({ viewport: DESKTOP });
    const errors = collectErrors(page);
    await page.goto(stack.web.url);
    const demo = page.locator('[data-testid=source-card][data-source-id=demo-card]');
    await demo.waitFor();
    await expect.poll(() => page.getByTestId('agent-status').getAttribute('data-state')).toBe('ok');
    expect(await page.getByTestId('agent-status').textContent()).toContain(stack.agent.url.replace('http://', ''));
    await page.locator('[data-testid=device-list], [data-testid=devices-empty], [data-testid=devices-error]').first().waitFor();
    await shot(page, 'recover-1-sources.png');

    scanId = await scanDemoCard(page, stack.web.url);
    const cards = page.getByTestId('finding-card');
    await expect.poll(() => cards.count()).toBe(deleted.length);
    await expect.poll(() => page.locator('[data-testid=finding-thumb][data-state=ready]').count()).toBe(deleted.length);
    expect(await page.getByTestId('scan-status').textContent()).toContain(`${deleted.length} found`);
    expect(await page.getByTestId('found-by-type').textContent()).toContain(`JPEG ${deleted.length}`);
    expect(await page.getByTestId('selection-count').getAttribute('data-chosen')).toBe(String(deleted.length));

    // Each card names a deleted photo of the manifest, with its date and camera.
    const shown = await cards.evaluateAll((els) =>
      els.map((el) => ({
        name: el.querySelector('[data-testid=finding-name]')?.textContent ?? '',
        taken: el.querySelector('[data-testid=finding-taken]')?.textContent ?? '',
        camera: el.querySelector('[data-testid=finding-camera]')?.textContent ?? '',
        origin: el.getAttribute('data-origin'),
      })),
    );
    for (const card of shown) {
      const entry = deleted.find((f) => f.name === card.name);
      expect(entry, `${card.name} is one of the deleted photos`).toBeDefined();
      expect(card.taken).toContain(formatTakenAt(entry!.takenAt));
      expect(card.camera).toBe(`${entry!.make} ${entry!.model}`);
      expect(card.origin).toBe('deleted');
    }
    expect(new Set(shown.map((c) => c.name)).size).toBe(deleted.length);
    await shot(page, 'recover-2-results.png');

    // The details: EXIF, the original name and path, where its bytes are, why it is complete.
    const cake = deleted.find((f) => f.name === 'Birthday cake.jpg')!;
    await page.locator('[data-testid=finding-card]', { hasText: 'Birthday cake.jpg' }).dblclick();
    const preview = page.getByTestId('finding-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('preview-path').textContent()).toBe(cake.path);
    expect(await preview.getByTestId('preview-camera').textContent()).toBe(`${cake.make} ${cake.model}`);
    expect(await preview.getByTestId('preview-taken').textContent()).toBe(formatTakenAt(cake.takenAt));
    expect(await preview.getByTestId('preview-runs').textContent()).toMatch(/at byte [\d,]+/);
    expect(await preview.getByTestId('preview-state').textContent()).toContain('Complete');
    await expect.poll(() => preview.locator('img').count()).toBe(1);
    await shot(page, 'recover-3-details.png');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    // The recovery is a job the page follows: every files-done count it shows, in order, is recorded.
    const destination = join(stack.tmp, 'recovered');
    await page.getByTestId('destination-input').fill(destination);
    await recordRecoverySteps(page);
    await page.getByTestId('recover-button').click();
    const summary = page.getByTestId('recovery-summary');
    await summary.waitFor({ timeout: 30_000 });
    const steps = await recoverySteps(page);
    const n = deleted.length;
    expect(steps[0]).toEqual([0, n]);
    expect(steps.at(-1)).toEqual([n, n]);
    expect(steps.every(([done, total], i) => total === n && (i === 0 || done >= steps[i - 1]![0]))).toBe(true);
    const progress = page.getByTestId('recovery-progress');
    expect(await progress.getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('recovery-files').textContent()).toBe(`${n} of ${n}`);
    expect(await page.getByTestId('recovery-status').textContent()).toBe(`Done: ${n} of ${n} photos copied and checked`);
    expect(await page.getByRole('progressbar', { name: 'Recovery progress' }).getAttribute('aria-valuetext')).toBe(`${n} of ${n} files`);
    expect(await page.getByTestId('recovery-cancel').count()).toBe(0);
    expect(await summary.getAttribute('data-recovered')).toBe(String(deleted.length));
    expect(await summary.getAttribute('data-failed')).toBe('0');
    expect(await page.getByTestId('recovery-title').textContent()).toBe(`${deleted.length} photos recovered and verified`);
    expect(await page.getByTestId('recovery-verified').textContent()).toContain('SHA-256 matched');
    expect(await page.getByTestId('recovery-destination').textContent()).toBe(destination);
    expect(await page.getByTestId('recovery-report').textContent()).toContain(`${destination}/report.json`);
    await shot(page, 'recover-4-recovered.png');

    // The address names the recovery: opened again, the page shows it finished, with its summary.
    expect(new URL(page.url()).searchParams.get('recovery')).toMatch(/^rec-/);
    await page.reload();
    await page.getByTestId('recovery-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('recovery-files').textContent()).toBe(`${n} of ${n}`);
    expect(await page.getByTestId('recovery-summary').getAttribute('data-recovered')).toBe(String(n));

    const written = (await filesUnder(destination)).filter((p) => !/report\.(json|csv)$/.test(p));
    const hashes = await Promise.all(written.map(async (p) => createHash('sha256').update(await readFile(p)).digest('hex')));
    expect(hashes.sort()).toEqual(deleted.map((f) => f.sha256).sort());
    expect((await readFile(join(destination, 'report.csv'), 'utf8')).trim().split('\r\n')).toHaveLength(deleted.length + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a scan again later from the Recover page, with its results and the recovery made', async () => {
    const page = await stack.browser.newPage({ viewport: DESKTOP });
    await page.goto(stack.web.url);
    const row = page.locator(`[data-testid=earlier-scans] [data-testid=scan-row][data-scan-id="${scanId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('done');
    await row.getByRole('link', { name: /See the results/ }).click();
    await page.waitForURL(`**/scans/${scanId}`);
    await expect.poll(() => page.getByTestId('finding-card').count()).toBe(deleted.length);
    expect(await page.getByTestId('past-recoveries').textContent()).toContain(`${deleted.length} recovered and verified into ${join(stack.tmp, 'recovered')}`);
    await page.close();
  });

  it('refuses to recover onto the source, in the agent’s words', async () => {
    const page = await stack.browser.newPage({ viewport: DESKTOP });
    await page.goto(`${stack.web.url}/scans/${scanId}`);
    await page.getByTestId('destination-input').waitFor();
    const onSource = join(stack.home, 'demo', 'demo-card.img', 'recovered');
    await page.getByTestId('destination-input').fill(onSource);
    await page.getByTestId('recover-button').click();
    const error = page.getByTestId('recovery-error');
    await error.waitFor({ timeout: 30_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toContain(`Refusing to write to ${onSource}: it is on the source`);
    expect(text).not.toMatch(/TRPCClientError|stack|undefined/);
    await shot(page, 'recover-5-refused.png');
    await page.close();
  });

  it('filters filesystem findings by deleted or not, how they were found, and name, each choice with the agent’s count', async () => {
    const page = await stack.browser.newPage({ viewport: DESKTOP });
    const id = await scanDemoCard(page, stack.web.url, { includeLive: true });
    const page0 = (filter: Record<string, unknown>) => stack.trpc.findings.page.query({ scanId: id, filter, limit: 1 }).then((p) => p.total);
    await expect.poll(() => gridTotal(page)).toBe(manifest.files.length);
    // Each choice shows the agent's count: what findings.page totals with it chosen.
    await expect.poll(() => chipCount(page, 'origin-live')).toBe(await page0({ origins: ['live'] }));
    expect(await chipCount(page, 'origin-deleted')).toBe(deleted.length);
    expect(await chipCount(page, 'found-by-filesystem')).toBe(await page0({ foundBy: ['filesystem', 'both'] }));

    await page.getByTestId('filter-origin-live').check();
    await expect.poll(() => gridTotal(page)).toBe(await page0({ origins: ['live'] }));
    expect(await gridTotal(page)).toBe(manifest.files.length - deleted.length);
    await expect.poll(() => page.locator('[data-testid=finding-card][data-origin=live]').count()).toBe(manifest.files.length - deleted.length);

    await page.getByTestId('filter-origin-live').uncheck();
    await page.getByTestId('filter-found-by-filesystem').check();
    await expect.poll(() => gridTotal(page)).toBe(await page0({ foundBy: ['filesystem', 'both'] }));
    // With a filter chosen, the other choices count within it; its own choices count without it.
    await expect.poll(() => chipCount(page, 'origin-deleted')).toBe(await page0({ foundBy: ['filesystem', 'both'], origins: ['deleted'] }));
    expect(await chipCount(page, 'found-by-carving')).toBe(await page0({ foundBy: ['carving', 'both'] }));
    await page.getByTestId('filter-text').fill('Birthday');
    await expect.poll(() => gridTotal(page)).toBe(await page0({ foundBy: ['filesystem', 'both'], text: 'Birthday' }));
    expect(await gridTotal(page)).toBe(1);
    await page.getByTestId('filters-clear').click();
    await expect.poll(() => gridTotal(page)).toBe(manifest.files.length);
    await page.close();
  });

  it('fits a phone-sized window on every page', async () => {
    const page = await stack.browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    const errors = collectErrors(page);
    await page.goto(stack.web.url);
    await page.locator('[data-testid=source-card][data-source-id=demo-card]').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'recover-phone-1-sources.png');

    await page.goto(`${stack.web.url}/scans/${scanId}`);
    await expect.poll(() => page.locator('[data-testid=finding-thumb][data-state=ready]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('finding-grid').getAttribute('data-columns')).toBe('2');
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'recover-phone-2-results.png');

    await page.getByTestId('finding-card').first().dblclick();
    await page.getByTestId('finding-preview').waitFor();
    await shot(page, 'recover-phone-3-details.png');
    expect(errors).toEqual([]);
    await page.close();
  });
});
