// Cloud trash previews in a real browser: the real agent, the built dashboard under `next start`,
// Debian's chromium, and tools/emulators' Dropbox as a process. Two real photos and a video are put in
// the emulated Dropbox and deleted; /trash shows the photos' thumbnails (Dropbox's get_thumbnail_v2 of
// the deleted revision, shrunk by the agent), a plain placeholder for the video, a larger preview on
// Enter with what the item is and where it was, and Restore from there puts the photo back.
import sharp from 'sharp';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropboxCall, dropboxUpload, signInToDropbox, startDropboxEmulator } from './backup-support';
import { collectErrors, DESKTOP, hasChromium, PHONE, shot, skipNote } from './browser';
import { freePort } from './processes';
import { startRecoverStack, type RecoverStack } from './recover-stack';

const ROOT = '/Afterimage';
const LANDSCAPE = `${ROOT}/2024/06/IMG_0501.jpg`;
const PORTRAIT = `${ROOT}/2024/06/IMG_0502.jpg`;
const VIDEO = `${ROOT}/2024/07/clip_0503.mp4`;

/** A real photo from sharp: a coloured field with a lighter band, `width`×`height`. */
async function photo(width: number, height: number, background: string): Promise<Buffer> {
  const band = await sharp({ create: { width, height: Math.round(height / 4), channels: 3, background: '#f5f0e0' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background } })
    .composite([{ input: band, top: Math.round(height / 3), left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The natural size of a loaded <img>, or null while it has not loaded. */
const loadedSize = (img: Locator) =>
  img.evaluate((el: HTMLImageElement) => (el.complete && el.naturalWidth > 0 ? { width: el.naturalWidth, height: el.naturalHeight } : null));

describe.skipIf(!hasChromium)(`cloud trash previews in a browser${skipNote}`, () => {
  let stack: RecoverStack;
  let dropbox: Awaited<ReturnType<typeof startDropboxEmulator>>;
  let targetId: string;

  beforeAll(async () => {
    dropbox = await startDropboxEmulator();
    // The agent reads these from its environment: Dropbox's API and sign-in go to the emulator.
    Object.assign(process.env, {
      AFTERIMAGE_DROPBOX_API: dropbox.url,
      AFTERIMAGE_DROPBOX_OAUTH: dropbox.url,
      AFTERIMAGE_DROPBOX_CLIENT_ID: 'emulator-client',
      AFTERIMAGE_DROPBOX_REDIRECT_PORT: String(await freePort()),
    });
    stack = await startRecoverStack('trash-preview');
    const account = await signInToDropbox(stack.trpc);
    targetId = (await stack.trpc.backup.targets.add.mutate({ kind: 'dropbox', root: 'Afterimage', account })).id;
    await dropboxUpload(dropbox.url, LANDSCAPE, await photo(800, 600, '#d9622b'));
    await dropboxUpload(dropbox.url, PORTRAIT, await photo(600, 900, '#2b6cd9'));
    await dropboxUpload(dropbox.url, VIDEO, Buffer.from('not really a video, but named like one'));
    for (const path of [LANDSCAPE, PORTRAIT, VIDEO]) expect((await dropboxCall(dropbox.url, 'files/delete_v2', { path })).status).toBe(200);
  });

  afterAll(async () => {
    await stack?.stop();
    await dropbox?.stop();
  });

  const open = async (viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> => {
    const page = await stack.browser.newPage({ viewport });
    const errors = collectErrors(page);
    await page.goto(`${stack.web.url}/trash`);
    return { page, errors };
  };
  const rowOf = (page: Page, name: string) => page.getByTestId('trash-row').filter({ hasText: name });

  it('shows each deleted photo’s real thumbnail and a plain placeholder for the video', async () => {
    const { page, errors } = await open();
    await expect.poll(() => page.getByTestId('trash-row').count(), { timeout: 20_000 }).toBe(3);
    const landscape = rowOf(page, 'IMG_0501.jpg').getByTestId('trash-thumb-img');
    const portrait = rowOf(page, 'IMG_0502.jpg').getByTestId('trash-thumb-img');
    await landscape.waitFor({ timeout: 20_000 });
    await portrait.waitFor({ timeout: 20_000 });
    // Loaded pictures, shrunk by the agent to fit 256 px with their own proportions.
    await expect.poll(() => loadedSize(landscape)).toEqual({ width: 256, height: 192 });
    await expect.poll(() => loadedSize(portrait)).toEqual({ width: 171, height: 256 });
    const video = rowOf(page, 'clip_0503.mp4').getByTestId('trash-thumb');
    await expect.poll(() => video.getAttribute('data-status')).toBe('none');
    expect(await video.getByRole('img').getAttribute('aria-label')).toBe('Video');
    expect(await video.getAttribute('title')).toContain('only photos have previews');
    await shot(page, 'trash-preview-1-thumbnails.png');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('opens a larger preview from the keyboard with what the photo is and where it was, and restores it from there', async () => {
    const { page, errors } = await open();
    const row = rowOf(page, 'IMG_0501.jpg');
    await row.waitFor({ timeout: 20_000 });
    const deletedInRow = (await row.locator('td[data-label=Deleted]').textContent()) ?? '';
    const targetInRow = (await row.locator('.trash-target').textContent()) ?? '';

    await row.getByTestId('trash-thumb').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('trash-preview');
    await dialog.waitFor();
    const large = dialog.locator('[data-testid=trash-preview-img][data-size=large]');
    await large.waitFor({ timeout: 20_000 });
    await expect.poll(() => loadedSize(large)).toEqual({ width: 800, height: 600 }); // up to 1024 px, never enlarged
    expect(await dialog.getByRole('heading').textContent()).toBe('IMG_0501.jpg');
    const facts = (await dialog.getByTestId('trash-preview-facts').textContent()) ?? '';
    expect(facts).toContain('2024/06/IMG_0501.jpg');
    expect(facts).toContain(deletedInRow);
    expect(facts).toContain(targetInRow);
    expect(facts).toMatch(/\d+(\.\d+)?\s?KB/);
    await shot(page, 'trash-preview-2-dialog.png', { fullPage: false });

    // Esc closes it; focus is back on the thumbnail that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await row.getByTestId('trash-thumb').evaluate((el) => el === document.activeElement)).toBe(true);

    // Open again, Tab to Restore, press it.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByTestId('trash-preview-restore').focus();
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('restore-summary');
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.getAttribute('data-restored')).toBe('1');
    expect(await summary.getAttribute('data-failed')).toBe('0');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.getByTestId('trash-row').count()).toBe(2);
    expect((await dropboxCall(dropbox.url, 'files/get_metadata', { path: LANDSCAPE })).status).toBe(200);
    expect((await stack.trpc.trash.list.query({ targetId })).items.map((i) => i.name).sort()).toEqual(['IMG_0502.jpg', 'clip_0503.mp4']);
    await shot(page, 'trash-preview-3-restored.png');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('says in the preview why a video has no picture, on a phone too', async () => {
    const { page, errors } = await open(PHONE);
    const row = rowOf(page, 'clip_0503.mp4');
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('trash-thumb').click();
    const reason = page.getByTestId('trash-preview').getByTestId('trash-preview-reason');
    await expect.poll(() => reason.textContent(), { timeout: 20_000 }).toContain('only photos have previews');
    expect(await page.getByTestId('trash-preview-restore').isEnabled()).toBe(true);
    await shot(page, 'trash-preview-4-phone-video.png', { fullPage: false });
    await page.close();
    expect(errors).toEqual([]);
  });
});
