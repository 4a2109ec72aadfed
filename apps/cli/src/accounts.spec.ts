import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterimage, cliEnv, startCli } from './testing/cli-harness.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'cli-accounts-'));
});
afterAll(async () => rm(home, { recursive: true, force: true }));

describe('afterimage accounts', () => {
  it('shows its usage with examples, and is listed in afterimage --help with exit code 8', async () => {
    const help = await afterimage(['accounts', '--help'], home);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: afterimage accounts \[list\] \[--json\]/);
    expect(help.stdout).toContain('  afterimage accounts add dropbox\n');
    const top = await afterimage(['--help'], home);
    expect(top.stdout).toContain('afterimage accounts [add|remove]');
    expect(top.stdout).toMatch(/\n {2}8 {4}not set up: no client id is configured/);
    const bad = await afterimage(['accounts', '--frobnicate'], home);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('lists no accounts yet, and says which providers are not set up', async () => {
    const run = await afterimage(['accounts'], home, { AFTERIMAGE_DROPBOX_CLIENT_ID: 'db-app-key' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No cloud accounts yet: sign in with 'afterimage accounts add google|dropbox|microsoft'.");
    expect(run.stdout).toContain('Google sign-in is not set up: No Google client id is configured: set AFTERIMAGE_GOOGLE_CLIENT_ID');
    expect(run.stdout).not.toContain('Dropbox sign-in is not set up');
    const json = await afterimage(['accounts', 'list', '--json'], home);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('refuses a provider without a client id (exit 8, one line naming the variable) and an unknown one (exit 2)', async () => {
    const run = await afterimage(['accounts', 'add', 'google'], home);
    expect(run.code).toBe(8);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^afterimage: No Google client id is configured: set AFTERIMAGE_GOOGLE_CLIENT_ID \(and AFTERIMAGE_GOOGLE_CLIENT_SECRET\) or "oauthClients\.google\.clientId" in .*config\.json$/)]);
    expect(run.stderr).toContain(join(home, 'config.json'));
    const unknown = await afterimage(['accounts', 'add', 'icloud'], home);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("No cloud provider 'icloud': it is google, dropbox, microsoft");
    expect((await afterimage(['accounts', 'remove', 'dropbox-nobody'], home)).code).toBe(3);
  });

  it('prints the address to open, waits, and cancels the sign-in on Ctrl-C (exit 130)', async () => {
    let address: string | undefined;
    // Nothing answers at this origin: the sign-in waits for a browser that never comes back.
    const env = cliEnv(home, { AFTERIMAGE_MICROSOFT_CLIENT_ID: 'ms-app', AFTERIMAGE_MICROSOFT_OAUTH: 'http://127.0.0.1:9' });
    const run = await startCli(['accounts', 'add', 'onedrive', '--no-browser'], env, (text, child) => {
      const match = /Open this address to sign in: (\S+)\n/.exec(text);
      if (!match || address) return;
      address = match[1];
      child.kill('SIGINT');
    });
    expect(run.code).toBe(130);
    const url = new URL(address as string);
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:9/common/oauth2/v2.0/authorize');
    expect(url.searchParams.get('client_id')).toBe('ms-app');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(run.stderr).toContain('The sign-in was cancelled.');
    expect(run.stdout).toBe('');
  });
});
