// The results page's filters and sort live in its address: chosen through the real controls, they
// show in the URL (readable names, written without a navigation), and a reload, Back from another
// page or the link opened in a new tab shows the same choices and the same grid.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, DESKTOP, hasChromium, skipNote } from './browser';
import { buildManyPhotosImage, type ManyPhotosImage } from './many-photos-image';
import { startRecoverStack, type RecoverStack } from './recover-stack';
import { scanImageFromHome } from './scan-from-home';

const COUNT = 400;
const gridTotal = (page: Page) => page.getByTestId('results-count').getAttribute('data-total').then(Number);
const firstCard = (page: Page) => page.locator('#finding-cell-0[data-testid=finding-card]').getAttribute('data-finding-id');
const addressParams = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

/** What the controls show: the ticked types and states, the camera text, the sort and its direction. */
async function controls(page: Page) {
  await page.getByTestId('filter-format-png').waitFor();
  return {
    jpeg: await page.getByTestId('filter-format-jpeg').isChecked(),
    png: await page.getByTestId('filter-format-png').isChecked(),
    complete: await page.getByTestId('filter-state-complete').isChecked(),
    corrupt: await page.getByTestId('filter-state-corrupt').isChecked(),
    camera: await page.getByTestId('filter-camera').inputValue(),
    sort: await page.getByTestId('sort').inputValue(),
    direction: await page.getByTestId('sort-direction').getAttribute('aria-label'),
  };
}

describe.skipIf(!hasChromium)(`filters and sort in the results page's address${skipNote}`, () => {
  let stack: RecoverStack;
  let image: ManyPhotosImage;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    stack = await startRecoverStack('web-filter-address');
    image = await buildManyPhotosImage(join(stack.tmp, 'few-photos.img'), COUNT);
    page = await stack.browser.newPage({ viewport: DESKTOP });
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps the chosen filters and sort in the address across a reload, Back and a shared link', async () => {
    const scanId = await scanImageFromHome(page, stack.web.url, image.path, 'few-photos.img');
    await expect.poll(() => gridTotal(page), { timeout: 120_000 }).toBe(COUNT);

    // Through the real controls: a type, a state, a camera (typed, debounced), the sort and its direction.
    await page.getByTestId('filter-format-jpeg').check();
    await page.getByTestId('filter-state-complete').check();
    await page.getByTestId('filter-camera').fill('canon');
    await page.getByTestId('sort').selectOption('takenAt');
    await page.getByTestId('sort-direction').click();
    const expected = (await stack.trpc.findings.page.query({ scanId, filter: { formats: ['jpeg'], states: ['complete'], camera: 'canon' }, limit: 1 })).total;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(COUNT);
    await expect.poll(() => gridTotal(page)).toBe(expected);
    await expect.poll(() => addressParams(page)).toEqual({ format: 'jpeg', state: 'complete', camera: 'canon', sort: 'takenAt', desc: '1' });
    expect(new URL(page.url()).search).toContain('format=jpeg&state=complete');
    const first = await firstCard(page);
    const chosen = await controls(page);
    expect(chosen).toEqual({ jpeg: true, png: false, complete: true, corrupt: false, camera: 'canon', sort: 'takenAt', direction: 'Descending; change to ascending' });

    // Reload: the same choices, the same count, the same first photo (the sort held).
    await page.reload();
    await expect.poll(() => gridTotal(page)).toBe(expected);
    expect(await controls(page)).toEqual(chosen);
    await expect.poll(() => firstCard(page)).toBe(first);

    // Another page, then Back: the choices are there again (and Back did not step through each one).
    await page.getByTestId('nav-recover').click();
    await page.waitForURL(stack.web.url + '/');
    await page.goBack();
    await page.waitForURL(/\/scans\/[\w-]+\?format=jpeg/);
    await expect.poll(() => gridTotal(page)).toBe(expected);
    expect(await controls(page)).toEqual(chosen);
    await page.goBack();
    await expect.poll(() => page.url()).toBe(stack.web.url + '/');
    await page.goForward();
    await page.waitForURL(/\/scans\/[\w-]+\?format=jpeg/);
    await expect.poll(() => gridTotal(page)).toBe(expected);

    // The link shared with a colleague, opened in a new tab.
    const shared = await stack.browser.newPage({ viewport: DESKTOP });
    await shared.goto(page.url());
    await expect.poll(() => gridTotal(shared)).toBe(expected);
    expect(await controls(shared)).toEqual(chosen);
    await shared.close();

    // Clearing the filters takes them out of the address; the sort stays.
    await page.getByTestId('filters-clear').click();
    await expect.poll(() => gridTotal(page)).toBe(COUNT);
    await expect.poll(() => addressParams(page)).toEqual({ sort: 'takenAt', desc: '1' });

    // A hand-edited address: unknown values are dropped, the rest applies.
    await page.goto(`${stack.web.url}/scans/${scanId}?format=png,%3Cscript%3E&state=bogus&sort=drop&min=-1&from=2024-99-99`);
    await expect.poll(() => gridTotal(page)).toBe(image.formats.png);
    expect(await controls(page)).toMatchObject({ png: true, jpeg: false, complete: false, corrupt: false, sort: 'offset' });
    await expect.poll(() => addressParams(page)).toEqual({ format: 'png' });
    expect(errors).toEqual([]);
  });
});
