// iPhone backups in a real browser: the real agent, the built dashboard under `next start`, Debian's
// chromium. A private copy of the committed plain backup is added by its path, scanned (files, not
// bytes), its Recently Deleted photo shows when it is purged, the Live Photo halves link to each other
// and are chosen together, and everything is recovered verified with the trash in report.json; the
// backup folder is unchanged. The encrypted backup: the password prompt, a wrong password said
// plainly, the right one scans; after an agent restart the source is locked and a scan or a recovery
// asks for the password again and goes on. A folder with Android's trash, an unfinished Android video
// and a Recycle Bin item: each marked, filtered by trash with the agent's counts, and counted by trash
// after recovery. Then the same pages in a phone-sized window.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RecoveryReport, TrashChoice } from '@afterimage/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, DESKTOP, fitsWidth, hasChromium, PHONE, shot, skipNote } from './browser';
import { backupManifest, copyBackup, LEFTOVERS, makeLeftoversFolder, treeSnapshot } from './phone-fixtures';
import { agentTrpc, startRecoverStack, type RecoverStack } from './recover-stack';

const roll = backupManifest.cameraRoll;
const trashed = roll.filter((m) => m.trashed);
const [still, movie] = [roll.find((m) => m.name === 'IMG_0001.HEIC')!, roll.find((m) => m.name === 'IMG_0001.MOV')!];
const WRONG = 'That password does not open this backup. Check it (capitals count) and try again.';
// Dates are shown in the browser's zone: UTC makes the expected days exact.
const UTC = { timezoneId: 'UTC' } as const;

const card = (page: Page, name: string) => page.locator('[data-testid=finding-card]', { has: page.locator(`[data-testid=finding-name]:text-is("${name}")`) });

/** The agent's count shown on a filter choice (filter-<group>-<value>). */
const chipCount = (page: Page, choice: string) => page.getByTestId(`filter-${choice}`).locator('..').getAttribute('data-count').then(Number);

async function scanDone(page: Page): Promise<string> {
  await page.waitForURL(/\/scans\/[\w-]+$/);
  await page.locator('[data-testid=scan-progress][data-phase=done]').waitFor({ timeout: 60_000 });
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

async function recoveredHashes(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile() && !/^report\.(json|csv)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
  return (await Promise.all(files.map(async (p) => createHash('sha256').update(await readFile(p)).digest('hex')))).sort();
}

async function sourceIdOf(stack: RecoverStack, path: string): Promise<string> {
  const sources = await agentTrpc(stack.agent.url, stack.agent.token).sources.list.query();
  const found = sources.find((s) => s.path === path);
  if (!found) throw new Error(`The agent has no source for ${path}`);
  return found.id;
}

async function enterPassword(page: Page, password: string): Promise<void> {
  const dialog = page.getByTestId('password-dialog');
  await dialog.waitFor();
  await page.getByTestId('password-input').fill(password);
  await page.getByTestId('password-submit').click();
}

/** Nothing of the password is kept by the page: no storage, no cookie, not in the address or the document. */
async function keptNowhere(page: Page, password: string): Promise<void> {
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
  expect(page.url()).not.toContain(encodeURIComponent(password));
  expect(await page.content()).not.toContain(password);
}

describe.skipIf(!hasChromium)(`phone backups and folders in a browser${skipNote}`, () => {
  let stack: RecoverStack;
  let plain = '';
  let encrypted = '';
  let plainBefore: Record<string, string>;
  let encryptedBefore: Record<string, string>;
  let plainScan = '';
  let lockedScan = '';

  beforeAll(async () => {
    stack = await startRecoverStack('web-phone');
    plain = await copyBackup('plain', join(stack.tmp, 'plain'));
    encrypted = await copyBackup('encrypted', join(stack.tmp, 'encrypted'));
    plainBefore = await treeSnapshot(plain);
    encryptedBefore = await treeSnapshot(encrypted);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('adds a backup, shows Recently Deleted with its purge date and the Live Photo pair, and recovers them verified', async () => {
    const page = await stack.browser.newPage({ viewport: DESKTOP, ...UTC });
    const errors = collectErrors(page);
    await page.goto(stack.web.url);
    await page.getByTestId('add-folder-input').fill(plain);
    await page.getByTestId('add-folder-button').click();
    const source = page.locator('[data-testid=source-card][data-folder-kind=iphone-backup]');
    await source.waitFor();
    expect(await source.getAttribute('aria-checked')).toBe('true');
    expect(await source.textContent()).toContain(`${backupManifest.info.deviceName} backup`);
    expect(await source.textContent()).toContain('iPhone backup');
    expect(await source.textContent()).toContain(`${roll.length} photos and videos in its camera roll, ${trashed.length} of them in Recently Deleted`);
    expect(await page.getByTestId('scan-target').textContent()).toContain('Recently Deleted');
    expect(await page.getByTestId('option-include-live').count()).toBe(0);
    await shot(page, 'phone-backup-1-sources.png');

    await page.getByTestId('scan-button').click();
    plainScan = await scanDone(page);
    expect(await page.getByTestId('stat-files').textContent()).toBe(`${roll.length} of ${roll.length}`);
    expect(await page.getByTestId('stat-bytes').count()).toBe(0);
    await expect.poll(() => page.getByTestId('finding-card').count()).toBe(roll.length);

    // The photo in Recently Deleted says when the phone purged it; no other does.
    const deleted = card(page, 'IMG_0003.HEIC');
    expect(await deleted.getAttribute('data-trash')).toBe('iphone-recently-deleted');
    expect(await deleted.getByTestId('finding-trash').textContent()).toBe('Recently Deleted · purged 20 Jul 2024');
    expect(await page.locator('[data-testid=finding-card][data-trash]').count()).toBe(trashed.length);
    // The trash filter offers Recently Deleted with the agent's count, and "not from a trash"; no other trash.
    await expect.poll(() => chipCount(page, 'trash-iphone-recently-deleted')).toBe(trashed.length);
    expect(await chipCount(page, 'trash-none')).toBe(roll.length - trashed.length);
    expect(await page.getByTestId('filter-trash-android-trash').count()).toBe(0);

    // Both halves of the Live Photo are marked and point at each other.
    const [stillCard, movieCard] = [card(page, still.name), card(page, movie.name)];
    expect(await stillCard.getAttribute('data-live-pair')).toBe(await movieCard.getAttribute('data-finding-id'));
    expect(await movieCard.getAttribute('data-live-pair')).toBe(await stillCard.getAttribute('data-finding-id'));
    expect(await page.locator('[data-testid=finding-card] [data-testid=finding-live]').count()).toBe(2);
    await shot(page, 'phone-backup-2-results.png');

    // The details: the trash and its dates, the phone's path, the file in the backup folder.
    await deleted.dblclick();
    const preview = page.getByTestId('finding-preview');
    await preview.waitFor();
    const trashFact = (await preview.getByTestId('preview-trash').textContent()) ?? '';
    expect(trashFact).toContain('Recently Deleted · purged 20 Jul 2024');
    expect(trashFact).toContain('since 20 Jun 2024, 08:15');
    expect(trashFact).toContain('due to erase it for good on 20 Jul 2024, 08:15');
    const item = roll.find((m) => m.name === 'IMG_0003.HEIC')!;
    expect(await preview.getByTestId('preview-path').textContent()).toBe(`/${item.relativePath}`);
    expect(await preview.getByTestId('preview-file').textContent()).toBe(`${item.fileId.slice(0, 2)}/${item.fileId}`);
    await shot(page, 'phone-backup-3-recently-deleted.png');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    // The still links to its movie and back; leaving one out leaves out both.
    await stillCard.dblclick();
    await preview.waitFor();
    expect(await preview.getByTestId('preview-live').textContent()).toContain(`A Live Photo; its movie is ${movie.name}`);
    await preview.getByTestId('preview-live-partner').click();
    await expect.poll(() => preview.locator('#preview-title').textContent()).toBe(movie.name);
    expect(await preview.getByTestId('preview-live').textContent()).toContain(`its still is ${still.name}`);
    await shot(page, 'phone-backup-4-live-photo.png');
    await preview.getByTestId('preview-select').uncheck();
    await expect.poll(() => page.getByTestId('selection-count').getAttribute('data-chosen')).toBe(String(roll.length - 2));
    await preview.getByTestId('preview-select').check();
    await expect.poll(() => page.getByTestId('selection-count').getAttribute('data-chosen')).toBe(String(roll.length));
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    const destination = join(stack.tmp, 'recovered-plain');
    await page.getByTestId('destination-input').fill(destination);
    await page.getByTestId('recover-button').click();
    const summary = page.getByTestId('recovery-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.getAttribute('data-recovered')).toBe(String(roll.length));
    expect(await summary.getAttribute('data-failed')).toBe('0');
    const fromTrash = page.locator('[data-testid=recovery-trash][data-trash=iphone-recently-deleted]');
    expect(await fromTrash.getAttribute('data-count')).toBe(String(trashed.length));
    expect(await fromTrash.textContent()).toBe(`${trashed.length} from the iPhone’s Recently Deleted album`);
    expect(await page.getByTestId('recovery-live').getAttribute('data-count')).toBe('1');
    await shot(page, 'phone-backup-5-recovered.png');

    // What report.json says, and the bytes on disk.
    const report = JSON.parse(await readFile(join(destination, 'report.json'), 'utf8')) as RecoveryReport;
    const entry = report.files.find((f) => f.name === 'IMG_0003.HEIC');
    expect(entry?.trash?.by).toBe('iphone-recently-deleted');
    expect(Date.parse(entry?.trash?.purgeAt ?? '')).toBe(Date.parse(item.trashed!.purgeAt));
    expect(Date.parse(entry?.trash?.deletedAt ?? '')).toBe(Date.parse(item.trashed!.at));
    const [stillEntry, movieEntry] = [report.files.find((f) => f.name === still.name)!, report.files.find((f) => f.name === movie.name)!];
    expect(stillEntry.livePhotoPair).toBe(movieEntry.findingId);
    expect(movieEntry.livePhotoPair).toBe(stillEntry.findingId);
    expect(basename(stillEntry.path).replace(/\.[^.]+$/, '')).toBe(basename(movieEntry.path).replace(/\.[^.]+$/, ''));
    expect(await recoveredHashes(destination)).toEqual(roll.map((m) => m.sha256).sort());
    expect(await treeSnapshot(plain)).toEqual(plainBefore);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks for an encrypted backup’s password, says plainly when it is wrong, and scans with the right one', async () => {
    const page = await stack.browser.newPage({ viewport: DESKTOP, ...UTC });
    const errors = collectErrors(page);
    await page.goto(stack.web.url);
    await page.getByTestId('add-folder-input').fill(encrypted);
    await page.getByTestId('add-folder-button').click();
    const dialog = page.getByTestId('password-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('password-input').getAttribute('type')).toBe('password');
    expect(await dialog.textContent()).toContain(encrypted);
    await shot(page, 'phone-backup-6-password.png');

    await enterPassword(page, 'not the password');
    const wrong = page.getByTestId('password-error');
    await wrong.waitFor({ timeout: 30_000 });
    expect(await wrong.textContent()).toBe(WRONG);
    expect(await page.getByTestId('password-input').inputValue()).toBe('');
    await shot(page, 'phone-backup-7-wrong-password.png');

    await enterPassword(page, backupManifest.password);
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    const id = await sourceIdOf(stack, encrypted);
    const source = page.locator(`[data-testid=source-card][data-source-id="${id}"]`);
    await source.waitFor();
    expect(await source.getAttribute('aria-checked')).toBe('true');
    expect(await source.getAttribute('data-locked')).toBeNull();
    expect(await source.textContent()).toContain('Encrypted');
    await keptNowhere(page, backupManifest.password);

    await page.getByTestId('scan-button').click();
    await scanDone(page);
    await expect.poll(() => page.getByTestId('finding-card').count()).toBe(roll.length);
    expect(await card(page, 'IMG_0003.HEIC').getByTestId('finding-trash').textContent()).toBe('Recently Deleted · purged 20 Jul 2024');
    await keptNowhere(page, backupManifest.password);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('after an agent restart, shows the backup locked and asks for the password again to scan and to recover', async () => {
    await stack.agent.stop();
    await stack.restartAgent();
    const page = await stack.browser.newPage({ viewport: DESKTOP, ...UTC });
    const errors = collectErrors(page);
    await page.goto(stack.web.url);
    const id = await sourceIdOf(stack, encrypted);
    const source = page.locator(`[data-testid=source-card][data-source-id="${id}"]`);
    await source.waitFor();
    expect(await source.getAttribute('data-locked')).toBe('true');
    expect(await source.getByTestId('source-locked').textContent()).toBe('Locked: needs its password');
    await source.click();
    await shot(page, 'phone-backup-8-locked.png');

    // The scan is refused with NEEDS_PASSWORD: the prompt opens, and the scan starts once it is given.
    await page.getByTestId('scan-button').click();
    await enterPassword(page, 'still not it');
    await page.getByTestId('password-error').waitFor({ timeout: 30_000 });
    await enterPassword(page, backupManifest.password);
    lockedScan = await scanDone(page);
    await expect.poll(() => page.getByTestId('finding-card').count()).toBe(roll.length);

    // Again after another restart: the scan's page says the backup is locked; recovering asks and goes on.
    await stack.agent.stop();
    await stack.restartAgent();
    await page.goto(`${stack.web.url}/scans/${lockedScan}`);
    await page.getByTestId('source-locked-notice').waitFor();
    // The agent cannot make previews of a locked backup; once unlocked they are asked for again.
    const cakeThumb = card(page, 'Birthday cake.jpg').getByTestId('finding-thumb');
    await expect.poll(() => cakeThumb.getAttribute('data-state')).toBe('none');
    const destination = join(stack.tmp, 'recovered-encrypted');
    await page.getByTestId('destination-input').fill(destination);
    await page.getByTestId('recover-button').click();
    await enterPassword(page, backupManifest.password);
    const summary = page.getByTestId('recovery-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.getAttribute('data-recovered')).toBe(String(roll.length));
    await page.getByTestId('source-locked-notice').waitFor({ state: 'detached' });
    await expect.poll(() => cakeThumb.getAttribute('data-state')).toBe('ready');
    expect(await recoveredHashes(destination)).toEqual(roll.map((m) => m.sha256).sort());
    await keptNowhere(page, backupManifest.password);
    expect(await treeSnapshot(encrypted)).toEqual(encryptedBefore);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks what Android’s trash, Android’s unfinished files and the Recycle Bin kept in a folder, and counts them after recovery', async () => {
    const folder = join(stack.tmp, 'leftovers');
    const { sha256 } = await makeLeftoversFolder(folder);
    const before = await treeSnapshot(folder);
    const page = await stack.browser.newPage({ viewport: DESKTOP, ...UTC });
    const errors = collectErrors(page);
    await page.goto(stack.web.url);
    await page.getByTestId('add-folder-input').fill(folder);
    await page.getByTestId('add-folder-button').click();
    const source = page.locator('[data-testid=source-card][data-folder-kind=folder]');
    await source.waitFor();
    expect(await source.textContent()).toContain('Folder');
    expect(await page.getByTestId('scan-target').textContent()).toContain('Recycle Bin');
    await page.getByTestId('scan-button').click();
    const scanId = await scanDone(page);
    await expect.poll(() => page.getByTestId('finding-card').count()).toBe(3);
    expect(await page.getByTestId('stat-files').textContent()).toBe('3 of 3');
    const badge = (name: string) => card(page, name).getByTestId('finding-trash').textContent();
    expect(await badge(LEFTOVERS.androidTrash.name)).toBe('Android trash · expired 10 Jul 2024');
    expect(await badge(LEFTOVERS.androidPending.name)).toBe('Unfinished Android file · expired 19 Jun 2024');
    expect(await badge(LEFTOVERS.recycleBin.name)).toBe('Recycle Bin · deleted 2 Jun 2024');
    await card(page, LEFTOVERS.recycleBin.name).dblclick();
    const preview = page.getByTestId('finding-preview');
    expect(await preview.getByTestId('preview-path').textContent()).toBe(`/Users/me/Pictures/${LEFTOVERS.recycleBin.name}`);
    expect(await preview.getByTestId('preview-file').textContent()).toMatch(/^Drive\/\$Recycle\.Bin\/S-1-5-21-[\d-]+\/\$R8K2Q1Z\.jpg$/);
    expect(await preview.getByTestId('preview-trash').textContent()).toContain('In a Windows Recycle Bin since 2 Jun 2024, 12:00.');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    await shot(page, 'folder-1-trash-badges.png');

    // The trash filter: each trash with what findings.page totals for it; choosing one narrows the grid.
    const totalFor = (trash: TrashChoice[]) => agentTrpc(stack.agent.url, stack.agent.token).findings.page.query({ scanId, filter: { trash }, limit: 1 }).then((p) => p.total);
    for (const choice of ['android-trash', 'android-pending', 'recycle-bin', 'none'] as const) {
      await expect.poll(() => chipCount(page, `trash-${choice}`)).toBe(await totalFor([choice]));
    }
    expect(await chipCount(page, 'trash-recycle-bin')).toBe(1);
    await page.getByTestId('filter-trash-recycle-bin').check();
    await expect.poll(() => page.getByTestId('finding-card').count()).toBe(1);
    expect(await card(page, LEFTOVERS.recycleBin.name).count()).toBe(1);
    await shot(page, 'folder-3-trash-filter.png');
    await page.getByTestId('filters-clear').click();
    await expect.poll(() => page.getByTestId('finding-card').count()).toBe(3);

    const destination = join(stack.tmp, 'recovered-leftovers');
    await page.getByTestId('destination-input').fill(destination);
    await page.getByTestId('recover-button').click();
    await page.getByTestId('recovery-summary').waitFor({ timeout: 30_000 });
    const counts = await page.getByTestId('recovery-trash').evaluateAll((els) => els.map((el) => [el.getAttribute('data-trash'), el.getAttribute('data-count')]));
    expect(counts).toEqual([
      ['android-trash', '1'],
      ['android-pending', '1'],
      ['recycle-bin', '1'],
    ]);
    await shot(page, 'folder-2-recovered.png');
    const report = JSON.parse(await readFile(join(destination, 'report.json'), 'utf8')) as RecoveryReport;
    expect(report.files.map((f) => f.trash?.by).sort()).toEqual(['android-pending', 'android-trash', 'recycle-bin']);
    expect(await recoveredHashes(destination)).toEqual([...sha256].sort());
    expect(await treeSnapshot(folder)).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone-sized window: the results with their trash, the details and the password prompt', async () => {
    const page = await stack.browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true, ...UTC });
    const errors = collectErrors(page);
    await page.goto(`${stack.web.url}/scans/${plainScan}`);
    await expect.poll(() => page.getByTestId('finding-card').count()).toBeGreaterThan(0);
    await page.getByTestId('stat-files').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'phone-backup-phone-1-results.png');
    await card(page, 'IMG_0003.HEIC').dblclick();
    await page.getByTestId('preview-trash').waitFor();
    await shot(page, 'phone-backup-phone-2-details.png', { fullPage: false });
    await page.keyboard.press('Escape');

    // A second copy of the encrypted backup is a new source: the prompt again, on a phone; cancelled.
    const another = await copyBackup('encrypted', join(stack.tmp, 'encrypted-2'));
    await page.goto(stack.web.url);
    await page.getByTestId('add-folder-input').fill(another);
    await page.getByTestId('add-folder-button').click();
    await page.getByTestId('password-dialog').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'phone-backup-phone-3-password.png', { fullPage: false });
    await page.getByTestId('password-cancel').click();
    const refused = page.getByTestId('add-folder-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Not added: this backup is encrypted');
    expect(errors).toEqual([]);
    await page.close();
  });
});
