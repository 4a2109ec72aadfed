// The `backups` section's baseline: the same files into a local folder (a temp dir) through the
// local-folder adapter. No emulator, so no requests and no injected faults; a second pass must rewrite
// nothing (every file keeps its inode and mtime: the adapter renames a new copy into place).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupPass, checkBackup, summarizeErrors } from './backup-run.mjs';

function snapshot(dir) {
  const seen = new Map();
  for (const name of readdirSync(dir)) {
    const s = statSync(join(dir, name));
    seen.set(name, `${s.ino}:${s.mtimeMs}:${s.size}`);
  }
  return seen;
}

export async function localFolderRun(parts, set, dir, parallel) {
  const kind = 'local-folder';
  const make = () => parts.adapterFor(kind).create({ kind, root: dir }, {});
  const { files } = set;
  const pass = await backupPass(make(), files, { parallel, sessions: new parts.MapSessionStore() });
  const check = await checkBackup(make(), files, parallel);
  const before = snapshot(dir);
  const names = [...before.keys()];
  const stored = { files: names.filter((n) => !n.startsWith('.')).length, live: names.filter((n) => !n.startsWith('.')).length, note: `${names.filter((n) => n.startsWith('.')).length} hidden partials` };
  const second = await backupPass(make(), files, { parallel, sessions: new parts.MapSessionStore() });
  const after = snapshot(dir);
  const rewritten = [...after].filter(([name, id]) => before.get(name) !== id).length + [...before.keys()].filter((name) => !after.has(name)).length;
  return {
    kind,
    run: 'no faults',
    faulty: false,
    files: files.length,
    bytes: set.bytes,
    seconds: pass.seconds,
    filesPerSecond: files.length / pass.seconds,
    mbPerSecond: set.bytes / 1e6 / pass.seconds,
    failed: pass.failures.length,
    errors: summarizeErrors(pass.failures),
    ...check,
    stored,
    second: { seconds: second.seconds, rewritten, failed: second.failures.length, errors: summarizeErrors(second.failures), storedAfter: { files: [...after.keys()].filter((n) => !n.startsWith('.')).length } },
  };
}
