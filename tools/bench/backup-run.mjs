// One backup pass and its check, for the `backups` section: `parallel` puts at a time through a
// BackupTarget (the adapters' contract), then — outside the timing — what the target holds.
import { createHash } from 'node:crypto';

/** Runs `work(item)` over `items` with at most `parallel` running at once. */
export async function pool(items, parallel, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
}

const describe = (error) => `${error?.name ?? 'Error'}: ${String(error?.message ?? error).replace(/\s+/g, ' ').slice(0, 160)}`;

/** Failed items grouped by their error (name and message), most frequent first. */
export function summarizeErrors(failures) {
  const counts = new Map();
  for (const f of failures) counts.set(f.error, (counts.get(f.error) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([error, count]) => ({ error, count, files: failures.filter((f) => f.error === error).slice(0, 5).map((f) => f.path) }));
}

/** Puts every file (path, content, { size, sha256 }) with `sessions`; timed from the first put to the last answer. */
export async function backupPass(target, files, { parallel, sessions }) {
  const failures = [];
  const started = performance.now();
  await pool(files, parallel, async (file) => {
    try {
      await target.put(file.path, file.content(), { size: file.size, sha256: file.sha256 }, { sessions });
    } catch (error) {
      failures.push({ path: file.path, error: describe(error) });
    }
  });
  return { seconds: (performance.now() - started) / 1000, failures };
}

async function sha256Of(chunks) {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The digest of `chunks` by a fresh hasher from `make` (the adapters' Hasher: update, digest). */
async function digestOf(make, chunks) {
  const hasher = make();
  for await (const chunk of chunks) hasher.update(chunk);
  return hasher.digest();
}

/**
 * What the target holds after a backup: list('') once, then every file read back with open() and hashed.
 * lost = a file not listed at its path, or whose bytes read back differ (size or sha256) — except, with
 * `withoutLocation` (a Hasher factory for sha256-no-gps: Google Photos gives photos back without their GPS
 * data), a read-back that is the file but for its location, counted in `withoutLocation` instead;
 * duplicated = objects beyond the first at one path, plus objects listed at paths no file has.
 */
export async function checkBackup(target, files, parallel, { withoutLocation } = {}) {
  const listed = new Map();
  for await (const object of target.list('')) listed.set(object.path, [...(listed.get(object.path) ?? []), object]);
  const wanted = new Set(files.map((f) => f.path));
  const lost = [];
  let locationLess = 0;
  await pool(files, parallel, async (file) => {
    const objects = listed.get(file.path) ?? [];
    if (objects.length === 0) return void lost.push({ path: file.path, why: 'not listed' });
    try {
      const back = await sha256Of(target.open(file.path));
      if (back.size === file.size && back.sha256 === file.sha256) return;
      if (withoutLocation && (await digestOf(withoutLocation, target.open(file.path))) === (await digestOf(withoutLocation, file.content().read()))) return void locationLess++;
      lost.push({ path: file.path, why: `read back ${back.size} bytes, sha256 ${back.sha256.slice(0, 12)}…` });
    } catch (error) {
      lost.push({ path: file.path, why: `open failed: ${describe(error)}` });
    }
  });
  const doubled = [...listed].filter(([path, objects]) => wanted.has(path) && objects.length > 1);
  const strays = [...listed].filter(([path]) => !wanted.has(path));
  const duplicated = doubled.reduce((s, [, objects]) => s + objects.length - 1, 0) + strays.reduce((s, [, objects]) => s + objects.length, 0);
  return {
    listed: [...listed.values()].reduce((s, objects) => s + objects.length, 0),
    lost: lost.length,
    ...(withoutLocation ? { withoutLocation: locationLess } : {}),
    duplicated,
    lostFiles: lost.slice(0, 20),
    duplicatedPaths: [...doubled, ...strays].slice(0, 20).map(([path, objects]) => `${path} ×${objects.length}`),
  };
}
