// End to end: `afterimage accounts add dropbox` signs in through the agent against the Dropbox
// emulator's OAuth (AFTERIMAGE_DROPBOX_OAUTH), this test playing the browser; the account then backs
// photos up to the emulated Dropbox API (AFTERIMAGE_DROPBOX_API), and when the emulator expires the
// access token the agent refreshes it at the emulated token endpoint. The account is named after the
// person the emulated Dropbox says it is, and by the name the user gives it; a backup running in an
// agent is found and followed by a second `backup run` instead of starting another. All as processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountSchema, BackupJobStateSchema, BackupStatusSchema, BackupTargetConfigSchema, RecoveryReportSchema, type Account, type BackupTargetConfig } from '@afterimage/contracts';
import { currentOf } from '../dropbox/dropbox-store.js';
import { startDropboxEmulator, type DropboxEmulator } from '../dropbox/dropbox-emulator.js';
import { visit, type BrowserVisit } from '../oauth/test-browser.js';
import { cliEnv, repo, runAfterimage } from './cli-process.js';

const CLIENT_ID = 'afterimage-e2e-app-key';
let work: string;
let dropbox: DropboxEmulator;
let redirectPort: number;
let account: Account;
let cloud: BackupTargetConfig;

/** A port nothing listens on now (Dropbox's redirect URI names a fixed one; the test picks its own). */
const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

const env = () =>
  cliEnv(join(work, 'home'), {
    AFTERIMAGE_DROPBOX_API: dropbox.url,
    AFTERIMAGE_DROPBOX_OAUTH: dropbox.url,
    AFTERIMAGE_DROPBOX_CLIENT_ID: CLIENT_ID,
    AFTERIMAGE_DROPBOX_REDIRECT_PORT: String(redirectPort),
    AFTERIMAGE_GOOGLE_CLIENT_ID: undefined,
    AFTERIMAGE_GOOGLE_CLIENT_SECRET: undefined,
    AFTERIMAGE_GOOGLE_OAUTH: undefined,
  });

/** Runs `afterimage ARGS`; `onStderr` sees its messages as they come. */
const afterimage = (args: string[], onStderr?: (text: string, child: ChildProcess) => void) => runAfterimage(args, env(), onStderr);

const tokenRequests = () => dropbox.log.filter((r) => r.method === 'POST' && r.path === '/oauth2/token').length;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function recover(out: string, includeLive: boolean) {
  const run = await afterimage(['recover', join(work, 'demo-card.img'), '--out', join(work, out), '--json', ...(includeLive ? ['--include-live'] : [])]);
  expect(run.code).toBe(0);
  return RecoveryReportSchema.parse(JSON.parse(run.stdout));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-accounts-'));
  dropbox = await startDropboxEmulator({ oauth: { clientId: CLIENT_ID } });
  redirectPort = await freePort();
  await pipeline(createReadStream(join(repo, 'fixtures/demo-card/demo-card.img.gz')), createGunzip(), createWriteStream(join(work, 'demo-card.img')));
});
afterAll(async () => {
  await dropbox?.close();
  await rm(work, { recursive: true, force: true });
});

describe('afterimage accounts add dropbox, then backups with that account (emulated Dropbox and its OAuth)', () => {
  it('says plainly that Google sign-in needs a client id, with the configuration exit code 8', async () => {
    const run = await afterimage(['accounts', 'add', 'google', '--no-browser']);
    expect(run.code).toBe(8);
    expect(run.stderr).toMatch(/^afterimage: No Google client id is configured: set AFTERIMAGE_GOOGLE_CLIENT_ID \(and AFTERIMAGE_GOOGLE_CLIENT_SECRET\) or "oauthClients\.google\.clientId" in .*config\.json\n$/);
  });

  it('signs in through the browser, reaches 3-2-1 on Dropbox and a folder, and goes on after the access token expired', async () => {
    let browser: Promise<BrowserVisit> | undefined;
    const signIn = await afterimage(['accounts', 'add', 'dropbox', '--no-browser', '--json'], (text) => {
      const address = /Open this address to sign in: (\S+)\n/.exec(text)?.[1];
      if (address && !browser) browser = visit(address);
    });
    expect(signIn.code).toBe(0);
    const page = await browser;
    expect(page?.location.toString()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${redirectPort}/\\?code=`));
    expect(page?.page).toContain('You can close this tab');
    account = AccountSchema.parse(JSON.parse(signIn.stdout));
    // Who it is, asked once from Dropbox's users/get_current_account after the sign-in.
    expect(account).toMatchObject({ id: expect.stringMatching(/^dropbox-/), provider: 'dropbox', name: 'Robin Example', email: 'robin@example.com', title: 'Robin Example (robin@example.com)', needsSignIn: false });
    expect(account.label).toBeUndefined();
    expect(dropbox.log.filter((r) => r.path === '/2/users/get_current_account').map((r) => r.status)).toEqual([200]);
    const file = join(work, 'home', 'accounts.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { accounts: { id: string; tokens: { accessToken: string; refreshToken: string } }[] };
    const tokens = stored.accounts.find((a) => a.id === account.id)?.tokens;
    expect(dropbox.oauth.liveRefreshTokens()).toEqual([tokens?.refreshToken]);
    expect(dropbox.tokens.accepts(`Bearer ${tokens?.accessToken}`)).toBe(true);
    expect(tokenRequests()).toBe(1);

    const first = await recover('Recovered', false);
    const added = await afterimage(['backup', 'targets', 'add', 'dropbox', 'Afterimage', '--account', account.id, '--json']);
    expect(added.stderr).toBe('');
    cloud = BackupTargetConfigSchema.parse(JSON.parse(added.stdout));
    expect(cloud).toMatchObject({ kind: 'dropbox', account: account.id, medium: 'cloud', offsite: true });
    expect((await afterimage(['backup', 'targets', 'add', 'local-folder', join(work, 'usb')])).code).toBe(0);
    const n = first.files.length;
    const run = await afterimage(['backup', 'run', '--json']);
    expect(run.code).toBe(0);
    expect(BackupJobStateSchema.parse(JSON.parse(run.stdout))).toMatchObject({ status: 'done', failures: [], after: { photos: n, meets321: n }, progress: { uploaded: 2 * n } });
    expect(tokenRequests()).toBe(1);

    // The emulator expires every access token; the next backup gets a 401, refreshes at /oauth2/token and goes on.
    dropbox.tokens.expire();
    const second = await recover('Recovered more', true);
    const total = second.files.length;
    expect(total).toBeGreaterThan(n);
    const again = await afterimage(['backup', 'run', '--json']);
    expect(again.code).toBe(0);
    expect(BackupJobStateSchema.parse(JSON.parse(again.stdout))).toMatchObject({ status: 'done', failures: [], after: { photos: total, meets321: total }, progress: { uploaded: 2 * (total - n) } });
    expect(tokenRequests()).toBe(2);
    expect(dropbox.log.some((r) => r.path.startsWith('/2/') && r.status === 401)).toBe(true);
    const refreshed = (JSON.parse(await readFile(file, 'utf8')) as typeof stored).accounts[0]?.tokens;
    expect(refreshed?.accessToken).not.toBe(tokens?.accessToken);
    expect(refreshed?.refreshToken).toBe(tokens?.refreshToken);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const status = BackupStatusSchema.parse(JSON.parse((await afterimage(['backup', 'status', '--json'])).stdout));
    for (const photo of status.photos) {
      const copy = photo.copies.find((c) => c.targetId === cloud.id);
      expect(copy).toMatchObject({ medium: 'cloud', hashKind: 'dropbox' });
      const node = dropbox.store.liveFile(`/afterimage/${copy?.location}`.toLowerCase());
      expect(node && sha256(currentOf(node).bytes)).toBe(photo.sha256);
    }
    expect(JSON.parse((await afterimage(['accounts', '--json'])).stdout)).toEqual([account]);
  });
  it('shows the name the user gives the account beside its targets, and a second backup run follows the one already running', async () => {
    const named = await afterimage(['accounts', 'label', account.id, "Robin's Dropbox"]);
    expect(named.code).toBe(0);
    expect(named.stdout).toBe(`${account.id} is now shown as Robin's Dropbox.\n`);
    expect((await afterimage(['accounts'])).stdout).toMatch(new RegExp(`${account.id}\\s+dropbox\\s+Robin's Dropbox\\s`));
    expect((await afterimage(['backup', 'targets'])).stdout).toMatch(new RegExp(`${cloud.id}\\s+dropbox\\s+Afterimage\\s+Robin's Dropbox\\s+cloud\\s+offsite`));
    expect((await afterimage(['accounts', 'label', 'dropbox-nobody', 'x'])).code).toBe(3);

    // A running agent for the home, and a new Dropbox folder to fill: its uploads wait at the emulator until released.
    const agent = spawn(process.execPath, [join(repo, 'apps/cli/bin/afterimage.mjs'), 'agent', '--port', '0', '--no-demo'], { env: env(), stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((done) => agent.once('exit', done));
    try {
      await new Promise<void>((ready) => agent.stdout.once('data', () => ready()));
      expect((await afterimage(['backup', 'targets', 'remove', cloud.id])).code).toBe(0);
      const again = BackupTargetConfigSchema.parse(JSON.parse((await afterimage(['backup', 'targets', 'add', 'dropbox', 'Afterimage again', '--account', account.id, '--json'])).stdout));
      dropbox.faults.hold({ path: '/2/files/upload' });
      const detached = await afterimage(['backup', 'run', '--detach']);
      expect(detached.code).toBe(0);
      const jobId = detached.stdout.trim();
      while (dropbox.faults.held === 0) await new Promise((resume) => setTimeout(resume, 20));

      const status = await afterimage(['backup', 'status']);
      expect(status.stdout).toContain(`A backup is running: ${jobId} (`);
      let released = false;
      const follower = await afterimage(['backup', 'run', '--parallel', '2'], (text) => {
        if (released || !text.includes(`A backup is already running (${jobId}, started `)) return;
        released = true;
        dropbox.faults.release();
      });
      expect(follower.stderr).toContain('following it instead of starting another (its --parallel is 4).');
      expect(follower.code).toBe(0);
      expect(follower.stdout).toMatch(new RegExp(`^Backup ${jobId} done: \\d+ uploaded, 0 already there, 0 failed`));
      const after = BackupStatusSchema.parse(JSON.parse((await afterimage(['backup', 'status', '--json', '--all'])).stdout));
      expect(after.totals.meets321).toBe(after.totals.photos);
      expect(after.held[again.id]).toBe(after.totals.photos);
      expect(after.targets.find((t) => t.id === again.id)?.accountTitle).toBe("Robin's Dropbox");
    } finally {
      dropbox.faults.release();
      agent.kill('SIGTERM');
      await exited;
    }
  });
});
