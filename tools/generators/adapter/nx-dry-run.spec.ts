import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INDEX, REGISTRY } from './generator.js';
import { WORKSPACE } from './workspace-tree.js';

const run = promisify(execFile);
const FOLDERS = ['libs/cloud-adapters/src/lib/demo-cloud', 'tools/emulators/demo-cloud'];

// The real command a team types, through Nx's own generator loading (generators.json, schema.json, the
// factory), with --dry-run: Nx lists what it would write and writes nothing.
describe('nx g @afterimage/tools:adapter', () => {
  it('lists the files it would create and update, and leaves the workspace as it was', async () => {
    for (const folder of FOLDERS) expect(existsSync(resolve(WORKSPACE, folder)), `${folder} is already there`).toBe(false);
    const { stdout, stderr } = await run('npx', ['nx', 'g', '@afterimage/tools:adapter', '--name=demo-cloud', '--dry-run', '--no-interactive'], {
      cwd: WORKSPACE,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
      timeout: 150_000,
    });
    const listed = stdout.split('\n').filter((line) => /^(CREATE|UPDATE|DELETE) /.test(line)).sort();
    expect(listed).toEqual(
      [
        'CREATE libs/cloud-adapters/src/lib/demo-cloud/demo-cloud-adapter.ts',
        'CREATE libs/cloud-adapters/src/lib/demo-cloud/demo-cloud-target.spec.ts',
        'CREATE libs/cloud-adapters/src/lib/demo-cloud/demo-cloud-target.ts',
        'CREATE tools/emulators/demo-cloud/demo-cloud-emulator.ts',
        'CREATE tools/emulators/demo-cloud/demo-cloud.conformance.spec.ts',
        `UPDATE ${INDEX}`,
        `UPDATE ${REGISTRY}`,
      ].sort(),
    );
    expect(`${stdout}${stderr}`).toContain('NOTE: The "dryRun" flag means no changes were made.');
    for (const folder of FOLDERS) expect(existsSync(resolve(WORKSPACE, folder)), folder).toBe(false);
    expect(readFileSync(resolve(WORKSPACE, REGISTRY), 'utf8')).not.toContain('demoCloud');
    expect(readFileSync(resolve(WORKSPACE, INDEX), 'utf8')).not.toContain('DemoCloud');
  });
});
