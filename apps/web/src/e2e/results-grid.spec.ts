// 20,000 findings in a real browser. A raw image of 20,000 small photos (sharp JPEGs from four
// cameras and eight dates, PNGs, JPEGs cut short) is added by its path and scanned through the page:
// live progress over SSE, pause and resume, leaving the page and coming back to the running scan.
// Then the windowed grid (few cells in the DOM, pages fetched as it scrolls), the keyboard, the
// filters (each choice's count and the grid's are what findings.page says), and "all that match"
// less a few unticked, recovered by filter and exceptions as a job followed again after leaving.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FindingFilter, RecoveryReport, RecoveryRequest } from '@afterimage/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, DESKTOP, hasChromium, PHONE, shot, skipNote } from './browser';
import { buildManyPhotosImage, type ManyPhotosImage } from './many-photos-image';
import { startRecoverStack, type RecoverStack } from './recover-stack';
import { scanImageFromHome } from './scan-from-home';

const COUNT = 20_000;
const gridTotal = (page: Page) => page.getByTestId('results-count').getAttribute('data-total').then(Number);
const chosen = (page: Page) => page.getByTestId('selection-count').getAttribute('data-chosen').then(Number);
const active = (page: Page) => page.getByTestId('finding-grid').getAttribute('data-active').then(Number);
const phase = (page: Page) => page.getByTestId('scan-progress').getAttribute('data-phase');
/** The agent's count shown on a filter choice (filter-<group>-<value>). */
const chipCount = (page: Page, choice: string) => page.getByTestId(`filter-${choice}`).locator('..').getAttribute('data-count').then(Number);
const found = (page: Page) => page.getByTestId('stat-found').textContent().then((t) => Number((t ?? '0').replace(/,/g, '')));

describe.skipIf(!hasChromium)(`20,000 findings in a browser${skipNote}`, () => {
  let stack: RecoverStack;
  let image: ManyPhotosImage;
  let page: Page;
  let errors: string[];
  let scanId = '';
  const totalFor = (filter: FindingFilter) => stack.trpc.findings.page.query({ scanId, filter, limit: 1 }).then((p) => p.total);

  beforeAll(async () => {
    stack = await startRecoverStack('web-grid');
    image = await buildManyPhotosImage(join(stack.tmp, 'many-photos.img'), COUNT);
    page = await stack.browser.newPage({ viewport: DESKTOP });
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('scans an image added by its path, live, with pause and resume, and shows the running scan again after leaving', async () => {
    scanId = await scanImageFromHome(page, stack.web.url, image.path, 'many-photos.img');

    // Live progress over SSE: bytes, speed, time left, findings by type, the grid filling in.
    // The engine reports bytes per chunk it has read: the first count comes after the first chunk.
    await expect.poll(() => page.getByTestId('stat-bytes').textContent(), { timeout: 60_000 }).toMatch(/^[\d.]+ MB of 41\.0 MB$/);
    expect(await found(page)).toBeGreaterThan(0);
    expect(await phase(page)).toBe('running');
    expect(await page.getByTestId('stat-rate').textContent()).toMatch(/B\/s$/);
    expect(await page.getByTestId('found-by-type').textContent()).toMatch(/JPEG [\d,]+/);
    await expect.poll(() => gridTotal(page)).toBeGreaterThan(0);
    await shot(page, 'recover-grid-1-scanning.png');

    await page.getByTestId('scan-pause').click();
    await expect.poll(() => phase(page), { timeout: 30_000 }).toBe('paused');
    expect(await page.getByTestId('scan-status').textContent()).toMatch(/^Paused at \d+%/);
    await page.getByTestId('scan-resume').click();
    await expect.poll(() => phase(page), { timeout: 30_000 }).toBe('running');

    // Leave the page: the Recover page lists the running scan, and its link shows it again.
    await page.getByTestId('nav-recover').click();
    await page.waitForURL(stack.web.url + '/');
    const row = page.locator(`[data-testid=scans-in-progress] [data-testid=scan-row][data-scan-id="${scanId}"]`);
    await row.waitFor();
    await shot(page, 'recover-grid-2-in-progress.png');
    await row.getByRole('link', { name: /Open the scan/ }).click();
    await page.waitForURL(`**/scans/${scanId}`);
    await expect.poll(() => phase(page), { timeout: 150_000 }).toBe('done');
    await expect.poll(() => gridTotal(page)).toBe(COUNT);
    expect(await found(page)).toBe(COUNT);
    // The filter counts were asked again as the scan found more: they end at the scan's totals.
    await expect.poll(() => chipCount(page, 'format-jpeg')).toBe(image.formats.jpeg);
    expect(await chipCount(page, 'format-png')).toBe(image.formats.png);
  });

  it('keeps only the rows in view in the DOM and fetches pages as it scrolls', async () => {
    const grid = page.getByTestId('finding-grid');
    const inDom = () => page.locator('[data-testid=finding-card], [data-testid=finding-pending]').count();
    expect(await inDom()).toBeLessThan(80);
    await expect.poll(() => page.locator('[data-testid=finding-thumb][data-state=ready]').count()).toBeGreaterThan(8);

    // Deep into the list: the cells there arrive, and the DOM stays small.
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect.poll(() => page.locator('[data-testid=finding-card]').first().getAttribute('data-index').then(Number)).toBeGreaterThan(9000);
    await expect.poll(() => page.locator('[data-testid=finding-thumb][data-state=ready]').count()).toBeGreaterThan(4);
    expect(await inDom()).toBeLessThan(80);
    await shot(page, 'recover-grid-3-middle.png');

    // Scrolling 120 frames in a row: the frames keep coming (the work per frame does not grow with the list).
    const frames = await grid.evaluate(
      (el) =>
        new Promise<number[]>((done) => {
          const gaps: number[] = [];
          let last = performance.now();
          const step = (n: number) => {
            const now = performance.now();
            gaps.push(now - last);
            last = now;
            el.scrollTop += 260;
            if (n > 0) requestAnimationFrame(() => step(n - 1));
            else done(gaps.slice(1));
          };
          requestAnimationFrame(() => step(120));
        }),
    );
    const sorted = [...frames].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`grid scroll, 120 frames: median ${median.toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    expect(median).toBeLessThan(100);
    expect(await inDom()).toBeLessThan(80);
  });

  it('moves, chooses and opens details with the keyboard, and picks ranges with Shift', async () => {
    const grid = page.getByTestId('finding-grid');
    await page.getByTestId('select-none').click();
    expect(await chosen(page)).toBe(0);
    await grid.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => active(page)).toBe(0);
    const columns = Number(await grid.getAttribute('data-columns'));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => active(page)).toBe(1 + columns);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => active(page)).toBe(0);

    await page.keyboard.press(' ');
    await expect.poll(() => chosen(page)).toBe(1);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => chosen(page)).toBe(3);
    expect(await page.locator('#finding-cell-2').getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('End');
    await expect.poll(() => active(page)).toBe(COUNT - 1);
    await page.locator(`#finding-cell-${COUNT - 1}[data-testid=finding-card]`).waitFor();
    await page.keyboard.press('Home');
    await expect.poll(() => active(page)).toBe(0);

    await page.keyboard.press('Enter');
    const preview = page.getByTestId('finding-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain(`1 of ${COUNT.toLocaleString('en-US')}`);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => preview.textContent()).toContain(`2 of ${COUNT.toLocaleString('en-US')}`);
    await shot(page, 'recover-grid-4-details.png');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    await grid.focus();
    await page.keyboard.press('Control+a');
    await expect.poll(() => chosen(page)).toBe(COUNT);

    // Mouse: a click leaves one out, Shift+click sets the range to the same.
    await page.locator('#finding-cell-4').click();
    await page.locator('#finding-cell-9').click({ modifiers: ['Shift'] });
    await expect.poll(() => chosen(page)).toBe(COUNT - 6);
    await page.getByTestId('select-all').click();
    await expect.poll(() => chosen(page)).toBe(COUNT);
  });

  it('shows on each filter choice the count findings.page totals for it', async () => {
    await expect.poll(() => chipCount(page, 'state-corrupt')).toBe(await totalFor({ states: ['corrupt'] }));
    expect(await chipCount(page, 'state-corrupt')).toBe(image.cut);
    expect(await chipCount(page, 'state-complete')).toBe(await totalFor({ states: ['complete'] }));
    expect(await chipCount(page, 'found-by-carving')).toBe(await totalFor({ foundBy: ['carving', 'both'] }));
    expect(await chipCount(page, 'origin-lost')).toBe(await totalFor({ origins: ['lost'] }));
    const cameras = await page.getByTestId('filter-camera-choice').evaluateAll((els) => els.map((el) => [el.getAttribute('data-camera') ?? '', Number(el.getAttribute('data-count'))] as const));
    expect(cameras).toHaveLength(image.cameras.length);
    for (const [camera, count] of cameras) expect(count).toBe(await totalFor({ camera }));

    // Within a filter: the states count PNGs only; the types still count without the type filter.
    await page.getByTestId('filter-format-png').check();
    await expect.poll(() => chipCount(page, 'state-complete')).toBe(await totalFor({ formats: ['png'], states: ['complete'] }));
    expect(await chipCount(page, 'state-corrupt')).toBe(0);
    expect(await chipCount(page, 'format-jpeg')).toBe(image.formats.jpeg);
    await page.getByTestId('filters-clear').click();
    await expect.poll(() => gridTotal(page)).toBe(COUNT);
  });

  it('filters by type, state, camera, date and size, and the grid counts what findings.page counts', async () => {
    await page.getByTestId('filter-format-png').check();
    await expect.poll(() => gridTotal(page)).toBe(await totalFor({ formats: ['png'] }));
    expect(await gridTotal(page)).toBe(image.formats.png);
    await expect.poll(() => page.locator('[data-testid=finding-card][data-format=png]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=finding-card]:not([data-format=png])').count()).toBe(0);

    // PNGs that are damaged: none, and the page says so.
    await page.getByTestId('filter-state-corrupt').check();
    await expect.poll(() => gridTotal(page)).toBe(await totalFor({ formats: ['png'], states: ['corrupt'] }));
    await page.getByTestId('results-empty').waitFor();

    await page.getByTestId('filter-format-png').uncheck();
    await expect.poll(() => gridTotal(page)).toBe(await totalFor({ states: ['corrupt'] }));
    expect(await gridTotal(page)).toBe(image.cut);
    await expect.poll(() => page.locator('[data-testid=finding-card][data-validation=corrupt]').count()).toBeGreaterThan(0);
    await shot(page, 'recover-grid-5-filtered.png');
    await page.getByTestId('filters-clear').click();
    await expect.poll(() => gridTotal(page)).toBe(COUNT);

    await page.getByTestId('filter-camera').fill('canon');
    await expect.poll(() => gridTotal(page)).toBe(await totalFor({ camera: 'canon' }));
    expect(await gridTotal(page)).toBeGreaterThan(0);
    expect(await gridTotal(page)).toBeLessThan(COUNT);

    await page.getByTestId('filter-taken-from').fill('2021-01-01');
    await page.getByTestId('filter-taken-to').fill('2021-12-31');
    await expect.poll(() => gridTotal(page)).toBe(await totalFor({ camera: 'canon', takenFrom: '2021-01-01', takenTo: '2021-12-31T24' }));
    await page.getByTestId('filters-clear').click();

    await page.getByTestId('filter-min-size').fill('0.5');
    await page.getByRole('combobox', { name: 'Unit' }).selectOption('KB');
    await expect.poll(() => gridTotal(page)).toBe(await totalFor({ minSize: 500 }));
    expect(await gridTotal(page)).toBe(image.formats.jpeg);
    await page.getByTestId('filters-clear').click();
    await expect.poll(() => gridTotal(page)).toBe(COUNT);
  });

  it('recovers all that match a filter less the ones unticked, by filter and exceptions, followed again after leaving the page', async () => {
    await page.getByTestId('filter-format-png').check();
    await expect.poll(() => gridTotal(page)).toBe(image.formats.png);
    await page.getByTestId('select-none').click();
    await page.getByTestId('select-all').click();
    await expect.poll(() => chosen(page)).toBe(image.formats.png);
    // Three left out by hand.
    await page.getByTestId('finding-grid').evaluate((el) => (el.scrollTop = 0));
    const unticked: { id: string; name: string }[] = [];
    for (const index of [0, 1, 7]) {
      const cell = page.locator(`#finding-cell-${index}[data-testid=finding-card]`);
      await cell.click();
      unticked.push({ id: (await cell.getAttribute('data-finding-id')) ?? '', name: (await cell.getByTestId('finding-name').textContent()) ?? '' });
    }
    const expected = image.formats.png - unticked.length;
    await expect.poll(() => chosen(page)).toBe(expected);
    expect(await page.getByTestId('recover-button').textContent()).toBe(`Recover ${expected.toLocaleString('en-US')} photos`);

    // The request names the filter and the ones left out: no ids are fetched or sent for "all that match".
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('recovery.startJob') || r.url().includes('findings.ids')) sent.push(`${r.url()} ${r.postData() ?? ''}`);
    });
    const destination = join(stack.tmp, 'pngs');
    await page.getByTestId('destination-input').fill(destination);
    await page.getByTestId('recover-button').click();
    await page.waitForURL(/[?&]recovery=rec-/);
    expect(sent).toHaveLength(1);
    const input = Object.values(JSON.parse(sent[0]!.slice(sent[0]!.indexOf(' ') + 1)) as Record<string, RecoveryRequest>)[0]!;
    expect(input.filter).toEqual({ formats: ['png'] });
    expect([...(input.exceptIds ?? [])].sort()).toEqual(unticked.map((u) => u.id).sort());
    expect(input.findingIds).toBeUndefined();

    // Leave the page and come back: the recovery (running or done by then) is followed to its end.
    await page.getByTestId('nav-recover').click();
    await page.waitForURL(stack.web.url + '/');
    await page.goBack();
    await page.waitForURL(/\/scans\/[\w-]+\?recovery=rec-/);
    const progress = page.locator(`[data-testid=recovery-progress][data-status=done]`);
    await progress.waitFor({ timeout: 120_000 });
    expect(await progress.getAttribute('data-files-done')).toBe(String(expected));
    expect(await progress.getAttribute('data-files-total')).toBe(String(expected));
    const summary = page.getByTestId('recovery-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('data-recovered')).toBe(String(expected));
    expect(await summary.getAttribute('data-failed')).toBe('0');

    // On disk: exactly the PNGs that were chosen, none of the three left out.
    const pngIds = (await stack.trpc.findings.ids.query({ scanId, filter: { formats: ['png'] } })).ids;
    const wanted = pngIds.filter((id) => !unticked.some((u) => u.id === id)).sort();
    const report = JSON.parse(await readFile(join(destination, 'report.json'), 'utf8')) as RecoveryReport;
    expect(report.files.map((f) => f.findingId).sort()).toEqual(wanted);
    const written = (await readdir(destination, { recursive: true })).filter((f) => f.endsWith('.png'));
    expect(written.sort()).toEqual(report.files.map((f) => f.path).sort());
    for (const { name } of unticked) expect(written.map((f) => basename(f))).not.toContain(name);
    await shot(page, 'recover-grid-6-recovered.png');
    expect(errors).toEqual([]);
  });

  it('cancels a running scan after asking once more, keeping what it found', async () => {
    await page.goto(stack.web.url);
    await page.locator('[data-testid=source-card]', { hasText: 'many-photos.img' }).click();
    await page.getByTestId('scan-button').click();
    await page.waitForURL((url) => url.pathname.startsWith('/scans/') && !url.pathname.endsWith(scanId));
    await expect.poll(() => found(page), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByTestId('scan-cancel').click();
    await page.getByTestId('scan-cancel-confirm').click();
    await expect.poll(() => phase(page), { timeout: 30_000 }).toBe('cancelled');
    expect(await page.getByTestId('scan-status').textContent()).toMatch(/^Cancelled at \d+%: [\d,]+ found before it stopped$/);
    expect(await page.getByTestId('scan-pause').count()).toBe(0);
    await expect.poll(() => gridTotal(page)).toBeGreaterThan(0);
    await page.getByTestId('destination-input').waitFor();
    await shot(page, 'recover-grid-7-cancelled.png');
  });

  it('shows 20,000 findings in two columns in a phone-sized window', async () => {
    const phone = await stack.browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phone.goto(`${stack.web.url}/scans/${scanId}`);
    await expect.poll(() => gridTotal(phone)).toBe(COUNT);
    expect(await phone.getByTestId('finding-grid').getAttribute('data-columns')).toBe('2');
    await expect.poll(() => phone.locator('[data-testid=finding-thumb][data-state=ready]').count()).toBeGreaterThan(2);
    await shot(phone, 'recover-phone-4-grid.png');
    await phone.close();
  });
});
