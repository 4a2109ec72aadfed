// Shared set-up for `npm start` and `npm test` on a fresh machine: npm packages (npm ci when the
// lock changed since the last install) and, for tests, the Debian tools the fixtures and the
// browser tests use.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../../..');

export function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function must(command, args, options) {
  const status = sh(command, args, options);
  if (status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${status}).`);
    process.exit(status);
  }
}

/** npm ci when node_modules is missing or was installed from another package-lock.json. */
export function ensureNpmPackages() {
  const lock = readFileSync(resolve(root, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = resolve(root, 'node_modules/.afterimage-lock-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('Installing npm packages (npm ci)…');
  must('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, hash);
}

const DEBIAN_TOOLS = [
  ['mkfs.fat', 'dosfstools'],
  ['mcopy', 'mtools'],
  ['chromium', 'chromium'],
  ['fls', 'sleuthkit'],
  ['ffmpeg', 'ffmpeg'],
  ['heif-enc', 'libheif-examples'],
  ['cjxl', 'libjxl-tools'],
  ['mkfs.exfat', 'exfatprogs'],
  ['mount.exfat-fuse', 'exfat-fuse'],
  ['xorriso', 'xorriso'],
  ['sfdisk', 'fdisk'],
  ['sgdisk', 'gdisk'],
  ['ddrescue', 'gddrescue'],
];

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** Installs the Debian packages tests use when running as root with apt-get; otherwise says what is missing. */
export function ensureDebianTools() {
  const missing = DEBIAN_TOOLS.filter(([cmd]) => !onPath(cmd)).map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    console.log(`Installing Debian packages for the tests: ${missing.join(' ')}…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (sh('apt-get', ['update', '-qq'], { env }) === 0 && sh('apt-get', ['install', '-y', '-qq', ...missing], { env }) === 0) return;
  }
  console.warn(`Not installed: ${missing.join(' ')} (apt-get install ${missing.join(' ')}); the tests that need them are skipped and say so.`);
}

export const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NEXT_TELEMETRY_DISABLED: '1' };
