// Backup and Cloud trash in a real browser: the real agent, the built dashboard under `next start`,
// Debian's chromium through playwright-core, and tools/emulators' Dropbox as a process (API and OAuth).
// The demo card is recovered through the agent's API (the recover flow has its own test); then
// /backup brings every photo to 3-2-1 with two local folders, checked in the page and on disk,
// /trash explains why folders have no trash, and a Dropbox connected through its own sign-in gets
// a deleted photo back from /trash; the account shows who it is and the name the user gives it, and
// /backup opened again while a backup runs (its Dropbox uploads held at the emulator) follows it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentClient, dropboxCall, hashesUnder, recoverDemoCard, startDropboxEmulator } from './backup-support';
import { freePort, startAgent, startWeb, workspaceRoot, type Running } from './processes';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = resolve(workspaceRoot, 'reports/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string) {
  await page.waitForTimeout(400); // let bars and rings settle
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

describe.skipIf(!existsSync(CHROMIUM))(`backup and cloud trash in a browser${existsSync(CHROMIUM) ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  let tmp: string;
  let agent: Running & { url: string; token: string };
  let web: Running & { url: string };
  let dropbox: Awaited<ReturnType<typeof startDropboxEmulator>>;
  let browser: Browser;
  let api: ReturnType<typeof agentClient>;
  let recovered: string[];
  const pageErrors: string[] = [];

  const open = async (path: string, viewport = DESKTOP) => {
    const page = await browser.newPage({ viewport });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${web.url}${path}`);
    return page;
  };

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'afterimage-web-backup-'));
    await mkdir(SHOTS, { recursive: true });
    dropbox = await startDropboxEmulator();
    // The agent reads these from its environment: Dropbox's API and sign-in go to the emulator;
    // no Google or Microsoft client id, so those say what is missing.
    Object.assign(process.env, {
      AFTERIMAGE_DROPBOX_API: dropbox.url,
      AFTERIMAGE_DROPBOX_OAUTH: dropbox.url,
      AFTERIMAGE_DROPBOX_CLIENT_ID: 'emulator-client', // the client id the emulator knows
      AFTERIMAGE_DROPBOX_REDIRECT_PORT: String(await freePort()),
    });
    for (const name of ['AFTERIMAGE_GOOGLE_CLIENT_ID', 'AFTERIMAGE_GOOGLE_CLIENT_SECRET', 'AFTERIMAGE_MICROSOFT_CLIENT_ID']) delete process.env[name];
    const webPort = await freePort();
    const home = join(tmp, 'home');
    agent = await startAgent(home, `http://127.0.0.1:${webPort}`);
    web = await startWeb(webPort, { AFTERIMAGE_AGENT_URL: agent.url, AFTERIMAGE_HOME: home });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    api = agentClient(agent.url, agent.token);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await agent?.stop();
    await dropbox?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('says what to do first while nothing is recovered and no target is set', async () => {
    const backup = await open('/backup');
    await backup.getByTestId('backup-empty').waitFor();
    expect(await backup.getByTestId('backup-blocked').textContent()).toContain('Recover some photos first');
    expect(await backup.getByTestId('backup-run-button').isDisabled()).toBe(true);
    await backup.getByTestId('targets-empty').waitFor();
    await shot(backup, 'backup-0-empty.png');
    await backup.close();
    const trash = await open('/trash');
    await trash.getByTestId('trash-no-targets').waitFor();
    await shot(trash, 'trash-0-empty.png');
    await trash.close();

    // The demo card, from source to verified recovery, through the agent's API.
    const report = await recoverDemoCard(api, join(tmp, 'recovered'));
    expect(report.failed).toEqual([]);
    recovered = report.files.map((f) => f.sha256).sort();
    expect(recovered.length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it('brings every recovered photo to 3-2-1 with two local folders, in the page and on disk', async () => {
    const n = recovered.length;
    const page = await open('/backup');
    const overview = page.getByTestId('backup-overview');
    await overview.waitFor();
    expect(await overview.getAttribute('data-photos')).toBe(String(n));
    expect(await overview.getAttribute('data-meets')).toBe('0');
    expect(await page.getByTestId('rule-offsite').getAttribute('data-lacking')).toBe(String(n));
    expect(await page.getByTestId('backup-run-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('backup-blocked').textContent()).toContain('Add a backup target');
    await page.getByTestId('targets-empty').waitFor();
    await shot(page, 'backup-1-no-targets.png');

    const rows = page.getByTestId('target-row');
    const usb = join(tmp, 'usb drive');
    await page.getByTestId('target-root').fill(usb);
    await page.getByTestId('add-target-button').click();
    await expect.poll(() => rows.count()).toBe(1);

    // The second by keyboard: a folder kept at another address that a cloud client syncs.
    const synced = join(tmp, 'Dropbox (client)', 'Photos');
    await page.getByTestId('target-root').fill(synced);
    await page.getByTestId('target-offsite').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('target-synced').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(2);
    const second = (await rows.nth(1).textContent()) ?? '';
    expect(second).toContain('Cloud');
    expect(second).toContain('Offsite');
    expect(await rows.nth(0).textContent()).toContain('Kept here');

    // The one action, pressed from the keyboard.
    await page.getByTestId('backup-run-button').focus();
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('backup-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-status')).toBe('done');
    expect(await summary.getAttribute('data-failed')).toBe('0');
    expect(await page.getByTestId('backup-summary-title').textContent()).toBe(`Every photo meets 3-2-1 now (${n} photos)`);
    expect(await page.getByTestId('backup-counts').textContent()).toContain(`${2 * n} copied`);
    await expect.poll(() => overview.getAttribute('data-meets')).toBe(String(n));
    expect(await page.locator('[data-testid=photo-row][data-meets=true]').count()).toBe(Math.min(n, 25));
    expect(await page.locator('[data-testid=photo-row][data-meets=false]').count()).toBe(0);

    // The copies on disk are the recovered photos, byte for byte.
    expect((await hashesUnder(usb)).sort()).toEqual(recovered);
    expect((await hashesUnder(synced)).sort()).toEqual(recovered);

    await page.getByRole('button', { name: 'Where?' }).first().click();
    expect(await page.locator('.copies-row').textContent()).toContain('Recovered file');
    await shot(page, 'backup-2-every-photo-3-2-1.png');

    await page.setViewportSize(PHONE);
    await shot(page, 'backup-3-phone.png');
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('shows why folders have no trash, and the steps for Google Photos', async () => {
    const page = await open('/trash');
    await page.getByTestId('trash-empty').waitFor();
    const reasons = page.getByTestId('trash-unavailable-reason');
    expect(await reasons.allTextContents()).toEqual(['A folder has no trash of its own to list.', 'A folder has no trash of its own to list.']);
    const steps = (await page.getByTestId('google-photos-steps').textContent()) ?? '';
    expect(steps).toContain('no way to see or restore its trash');
    expect(steps).toContain('Trash');
    expect(await page.getByTestId('trash-restore-button').count()).toBe(0); // nothing to restore, no button
    await shot(page, 'trash-1-only-folders.png');
    await page.setViewportSize(PHONE);
    await shot(page, 'trash-2-phone.png');
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('says what the agent lacks to sign in to Google, reached with the arrow keys', async () => {
    const page = await open('/backup');
    await page.getByTestId('backup-overview').waitFor();
    await page.getByTestId('kind-local-folder').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('kind-google-drive').isChecked()).toBe(true);
    const missing = page.getByTestId('provider-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('AFTERIMAGE_GOOGLE_CLIENT_ID');
    expect(await page.getByTestId('add-target-button').isDisabled()).toBe(true);
    await shot(page, 'backup-4-google-not-set-up.png');
    await page.close();
  });

  it('connects Dropbox through its sign-in, backs up to it, and restores a deleted photo from Cloud trash', async () => {
    const n = recovered.length;
    const page = await open('/backup');
    const overview = page.getByTestId('backup-overview');
    await overview.waitFor();
    // Without the synced folder the photos lack a cloud and an offsite copy again: Dropbox will give both.
    const syncedRow = page.getByTestId('target-row').filter({ hasText: 'Dropbox (client)' });
    await syncedRow.getByTestId('target-remove').click();
    await syncedRow.getByTestId('target-remove-confirm').click();
    await expect.poll(() => page.getByTestId('target-row').count()).toBe(1);
    await expect.poll(() => overview.getAttribute('data-meets')).toBe('0');

    await page.locator('label[data-kind=dropbox]').click();
    const popup = page.waitForEvent('popup');
    await page.getByTestId('connect-dropbox').click();
    const consent = await popup; // the emulated consent page approves at once and sends the code to the agent
    const account = page.getByTestId('target-account');
    await account.waitFor({ timeout: 30_000 });
    await consent.close();
    // Who the account is, as the emulated Dropbox answered users/get_current_account after the sign-in.
    expect(await account.locator('option:checked').textContent()).toBe('Robin Example (robin@example.com)');
    expect(await page.getByTestId('account-who').textContent()).toBe('Signed in as Robin Example · robin@example.com');
    await page.getByTestId('account-label-edit').click();
    await page.getByTestId('account-label-input').fill("Anna's Dropbox");
    await page.getByTestId('account-label-save').click();
    await expect.poll(() => account.locator('option:checked').textContent()).toBe("Anna's Dropbox");
    expect(await page.getByTestId('kind-limits').count()).toBe(0); // Dropbox can do all Afterimage asks of it
    await page.getByTestId('add-target-button').click();
    const dropboxRow = page.locator('[data-testid=target-row][data-kind=dropbox]');
    await dropboxRow.waitFor();
    expect(await dropboxRow.getByTestId('target-account-title').textContent()).toBe(" · Anna's Dropbox");

    await page.getByTestId('backup-run-button').click();
    await page.locator('[data-testid=backup-summary][data-status=done]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('backup-counts').textContent()).toContain(`${n} copied`);
    await expect.poll(() => overview.getAttribute('data-meets')).toBe(String(n));
    await shot(page, 'backup-5-dropbox.png');
    await page.close();

    // A photo deleted in Dropbox (by hand, through its API) lands in its deleted files.
    const status = await api.backup.status.query();
    const target = status.targets.find((t) => t.kind === 'dropbox');
    const photo = status.photos[0];
    const copy = photo?.copies.find((c) => c.targetId === target?.id);
    expect(copy).toBeDefined();
    const path = `/${target!.root.replace(/^\/+/, '')}/${copy!.location}`;
    expect((await dropboxCall(dropbox.url, 'files/delete_v2', { path })).status).toBe(200);

    const trash = await open('/trash');
    const row = trash.locator(`[data-testid=trash-row][data-target-id=${target!.id}]`);
    await row.waitFor();
    expect(await trash.getByTestId('trash-row').count()).toBe(1);
    expect(await row.textContent()).toContain(photo!.name);
    await row.getByTestId('trash-checkbox').focus();
    await trash.keyboard.press('Space');
    expect(await trash.getByTestId('trash-restore-button').textContent()).toBe('Restore 1 item');
    await shot(trash, 'trash-3-dropbox-deleted.png');
    await trash.getByTestId('trash-restore-button').click();
    const restored = trash.getByTestId('restore-summary');
    await restored.waitFor();
    expect(await restored.getAttribute('data-restored')).toBe('1');
    expect(await restored.getAttribute('data-failed')).toBe('0');
    await trash.getByTestId('trash-empty').waitFor();
    expect((await dropboxCall(dropbox.url, 'files/get_metadata', { path })).status).toBe(200);
    await shot(trash, 'trash-4-restored.png');
    await trash.close();
    expect(pageErrors).toEqual([]);
  });
  it('follows a backup that is running when /backup is opened again, and offers no second one', async () => {
    const n = recovered.length;
    // A new Dropbox folder to fill, its uploads held at the emulator until the test lets them go.
    const before = await api.backup.status.query();
    const old = before.targets.find((t) => t.kind === 'dropbox');
    expect(old?.accountTitle).toBe("Anna's Dropbox");
    await api.backup.targets.remove.mutate({ targetId: old!.id });
    await api.backup.targets.add.mutate({ kind: 'dropbox', root: 'Afterimage again', account: old!.account! });
    await dropbox.hold('/2/files/upload');
    const page = await open('/backup');
    await page.getByTestId('backup-overview').waitFor();
    await page.getByTestId('backup-run-button').click();
    await expect.poll(() => dropbox.held(), { timeout: 30_000 }).toBeGreaterThan(0);

    await page.reload();
    await page.locator('[data-testid=backup-run][data-phase=running]').waitFor();
    const button = page.getByTestId('backup-run-button');
    expect(await button.isDisabled()).toBe(true);
    expect(await button.textContent()).toBe('Backing up…');
    expect(await page.getByTestId('backup-progress').getAttribute('data-running')).toBe('true');
    await expect.poll(() => page.getByTestId('backup-progress-status').textContent()).toBe(`Copying… 0 of ${n} copies done`);
    // Another window opened now finds the same backup.
    const other = await open('/backup');
    await other.locator('[data-testid=backup-run][data-phase=running]').waitFor();
    expect(await other.getByTestId('backup-run-button').isDisabled()).toBe(true);
    await other.close();
    await shot(page, 'backup-6-running-after-reload.png');

    await dropbox.release();
    await page.locator('[data-testid=backup-summary][data-status=done]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('backup-summary-title').textContent()).toBe(`Every photo meets 3-2-1 now (${n} photos)`);
    expect(await page.getByTestId('backup-counts').textContent()).toContain(`${n} copied`);
    await expect.poll(() => page.getByTestId('backup-overview').getAttribute('data-meets')).toBe(String(n));
    const row = page.locator('[data-testid=target-row][data-kind=dropbox]');
    expect(await row.getByTestId('target-account-title').textContent()).toBe(" · Anna's Dropbox");
    expect(await row.textContent()).toContain(`holds ${n} photos`);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
