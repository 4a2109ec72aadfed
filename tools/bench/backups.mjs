// The `backups` section (issue 7): "Backing up 1,000 photos to the emulators with parallel uploads:
// requests per file, bytes sent per byte stored (≤ 1.01 without faults), and the same with 5 % injected
// faults — nothing lost, nothing duplicated." Each cloud adapter (from the registry, as the agent makes
// them) against a fresh local emulator of its provider (tools/emulators), and the local folder as the
// baseline. A benchmark, not a test. The adapters and emulators are TypeScript sources: the loader hooks
// (resolve the workspace's source condition, map ./x.js to ./x.ts, transpile) are registered first.
import { register } from 'node:module';
register('../../libs/carve-engine/src/testing/typescript-hooks.mjs', import.meta.url);
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBackupFiles } from './backup-files.mjs';
import { localFolderRun } from './backup-local.mjs';
import { backupPass, checkBackup, summarizeErrors } from './backup-run.mjs';
import { judge } from './backup-targets.mjs';

export const CLOUD_KINDS = ['google-drive', 'google-photos', 'dropbox', 'onedrive'];
export const FAULT_KINDS = ['rate-limit', 'server-error', 'cut-request', 'drop-response', 'expire-session'];
/** The folder (Photos: the album) each target backs up into. */
const ROOT = { 'google-drive': 'Afterimage/Bench', 'google-photos': 'Afterimage bench', dropbox: 'Afterimage/Bench', onedrive: 'Afterimage/Bench' };

async function loadParts() {
  const adapters = await import('./backup-adapters.mjs');
  const emulation = await import('./backup-emulators.mjs');
  return { ...adapters, ...emulation };
}

/** file-type's extensions of video containers: Google Photos is not given videos (it hands back only re-encoded ones, which nothing can check). */
const VIDEO_TYPES = new Set(['mp4', 'mov', 'm4v', '3gp', '3g2', 'avi', 'mkv', 'webm', 'mts', 'm2ts', 'wmv', 'flv', 'mpg', 'asf']);
const isVideo = (file) => VIDEO_TYPES.has(file.path.slice(file.path.lastIndexOf('.') + 1));

/** The files a kind of target is given: all, but only the photos for Google Photos (the videos are counted as left out). */
function filesFor(kind, set) {
  if (kind !== 'google-photos') return set;
  const files = set.files.filter((f) => !isVideo(f));
  return { ...set, files, bytes: files.reduce((sum, f) => sum + f.size, 0), videosLeftOut: set.files.length - files.length };
}

const countBy = (items, key) => items.reduce((out, item) => ({ ...out, [item[key]]: (out[item[key]] ?? 0) + 1 }), {});
const topRoutes = (routes) => Object.fromEntries(Object.entries(routes).sort((a, b) => b[1] - a[1]).slice(0, 8));

/** One run on a fresh emulator: the timed pass, the check (faults off), a second pass that must upload nothing. */
async function cloudRun(parts, kind, allFiles, { parallel, faultRate, seed }, faulty) {
  const set = filesFor(kind, allFiles);
  const faults = new parts.FaultPlan();
  if (faulty) faults.randomly({ probability: faultRate, kinds: FAULT_KINDS, seed, retryAfterSeconds: 1 });
  const emulator = await parts.startFor(kind, faults, set.bytes);
  const make = () => parts.adapterFor(kind).create({ kind, root: ROOT[kind] }, { tokens: parts.staticToken(parts.EMULATOR_TOKEN), apiBase: emulator.url });
  try {
    const { files } = set;
    const pass = await backupPass(make(), files, { parallel, sessions: new parts.MapSessionStore() });
    const sent = parts.logFigures(emulator.log);
    const injected = [...faults.injected];
    faults.clear();
    const check = await checkBackup(make(), files, parallel, kind === 'google-photos' ? { withoutLocation: () => new parts.LocationNeutralHasher() } : {});
    const stored = parts.storedIn(kind, emulator);
    const mark = emulator.log.length;
    const second = await backupPass(make(), files, { parallel, sessions: new parts.MapSessionStore() });
    const again = parts.logFigures(emulator.log, mark);
    const storedAfter = parts.storedIn(kind, emulator);
    return {
      kind,
      run: faulty ? `${Math.round(faultRate * 100)} % faults` : 'no faults',
      faulty,
      files: files.length,
      ...(set.videosLeftOut ? { videosLeftOut: set.videosLeftOut } : {}),
      bytes: set.bytes,
      seconds: pass.seconds,
      filesPerSecond: files.length / pass.seconds,
      mbPerSecond: set.bytes / 1e6 / pass.seconds,
      requests: sent.requests,
      requestsPerFile: sent.requests / files.length,
      bytesSent: sent.bytesIn,
      sentPerStored: sent.bytesIn / set.bytes,
      bytesReceived: sent.bytesOut,
      faultsInjected: countBy(injected, 'kind'),
      faults: injected.length,
      failedRequests: sent.failed,
      routes: topRoutes(sent.byRoute),
      failed: pass.failures.length,
      errors: summarizeErrors(pass.failures),
      ...check,
      stored,
      second: {
        seconds: second.seconds,
        requests: again.requests,
        requestsPerFile: again.requests / files.length,
        bytesSent: again.bytesIn,
        bytesReceived: again.bytesOut,
        failed: second.failures.length,
        errors: summarizeErrors(second.failures),
        routes: topRoutes(again.byRoute),
        storedAfter,
      },
    };
  } finally {
    await emulator.close();
  }
}

const line = (r) =>
  `  ${r.kind} ${r.run}: ${r.files} files in ${r.seconds.toFixed(1)} s` +
  (r.requests === undefined ? '' : `, ${r.requestsPerFile.toFixed(2)} requests/file, ×${r.sentPerStored.toFixed(4)} bytes sent, ${r.faults} faults`) +
  (r.withoutLocation || r.videosLeftOut ? ` (${r.withoutLocation ?? 0} read back without their location, ${r.videosLeftOut ?? 0} videos left out)` : '') +
  `; lost ${r.lost}, duplicated ${r.duplicated}, failed ${r.failed}; second pass ${r.second.requestsPerFile === undefined ? `${r.second.rewritten} rewritten` : `${r.second.requestsPerFile.toFixed(2)} requests/file, ${r.second.bytesSent} B sent`}`;

/**
 * photos: loadPhotos' { name, data, sha256, type }; kinds: the cloud kinds to run (all when absent);
 * local-folder is always run first as the baseline.
 */
export async function runBackupsBench({ photos, count = 1000, parallel = 8, faultRate = 0.05, seed = 1, kinds = CLOUD_KINDS, scratch = tmpdir(), log = console.log }) {
  const loadBefore = loadavg();
  const parts = await loadParts();
  const set = makeBackupFiles(photos, count);
  log(`\nbackups: ${set.files.length} files (${(set.bytes / 1e6).toFixed(0)} MB) made from ${set.photosUsed} photos, ${parallel} puts at a time; faults at ${faultRate * 100} % (seed ${seed})`);
  const options = { parallel, faultRate, seed };
  const runs = [];
  const dir = mkdtempSync(join(scratch, 'afterimage-backups-'));
  try {
    runs.push(await localFolderRun(parts, set, dir, parallel));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log(line(runs.at(-1)));
  for (const kind of kinds) {
    for (const faulty of [false, true]) {
      runs.push(await cloudRun(parts, kind, set, options, faulty));
      log(line(runs.at(-1)));
    }
  }
  for (const r of runs.filter((x) => x.faulty)) {
    const clean = runs.find((x) => x.kind === r.kind && !x.faulty);
    if (clean) r.extraRequests = r.requests - clean.requests;
  }
  const targets = judge(runs, set);
  return {
    target: 'bytes sent per byte stored ≤ 1.01 without faults; with and without faults nothing lost, nothing duplicated, no put failed; a second pass uploads nothing',
    count: set.files.length,
    parallel,
    faultRate,
    faultKinds: FAULT_KINDS,
    seed,
    files: { count: set.files.length, bytes: set.bytes, photosUsed: set.photosUsed, photosSkipped: set.skipped, made: 'each a photo\'s bytes followed by a tag "\\nafterimage-bench #NNNNN\\n"; sha256 of the tagged bytes; flat names IMG_NNNNN.<type>' },
    check: 'listed once at its path (list of the whole root) and read back with open(): size and sha256 equal; the emulator\'s own store counted directly',
    runs,
    targets,
    pass: targets.every((t) => t.met),
    loadAverage: { before: loadBefore[0], after: loadavg()[0] },
  };
}
