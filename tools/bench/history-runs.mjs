// The three recoveries of a card history, each in its own process under /usr/bin/time -v (tools.mjs):
// every output is { path, name } — the name the tool gave the file, which is what "names right" checks.
//   afterimage   `afterimage recover IMAGE --out DIR --json` (the CLI with a private agent; deleted and
//                lost files only, its default); names from DIR/report.json (`name`, `originalPath`)
//   tsk_recover  `tsk_recover -o SECTORS IMAGE DIR`: unallocated (deleted) files only, its default;
//                the name is the recovered file's own
//   photorec     as tools.mjs runs it (no partition, whole space, paranoid, Afterimage's types): it
//                finds live photos too (counted apart) and names every file f<sector>.<ext>
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AFTERIMAGE_ENV, measured, runPhotorec } from './tools.mjs';
import { outputFiles } from './score.mjs';
import { onPath } from './card-tools.mjs';

export const AFTERIMAGE = resolve(import.meta.dirname, '../../node_modules/.bin/afterimage');
const CLI_MAIN = resolve(import.meta.dirname, '../../apps/cli/dist/main.js');

export const recoveryTools = {
  afterimage: () => (existsSync(CLI_MAIN) ? null : 'apps/cli/dist is missing (build @afterimage/cli and @afterimage/agent)'),
  tsk_recover: () => (onPath('tsk_recover') ? null : 'tsk_recover is not installed (apt-get install sleuthkit)'),
  photorec: () => (onPath('photorec') ? null : 'photorec is not installed (apt-get install testdisk)'),
};

export function runAfterimageCli(image, out) {
  rmSync(out, { recursive: true, force: true });
  const run = measured(process.execPath, [AFTERIMAGE, 'recover', image, '--out', out, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: AFTERIMAGE_ENV });
  const reportPath = join(out, 'report.json');
  // Exit 3 (partial) still writes the report; anything without one failed.
  if (!existsSync(reportPath)) throw new Error(`afterimage recover failed on ${image} (exit ${run.status}): ${run.stderr.slice(-800)}`);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const outputs = report.files.map((f) => ({ path: join(out, f.path), name: f.name, originalPath: f.originalPath, foundBy: f.foundBy, origin: f.origin }));
  return { ...run, outputs, failed: report.failed };
}

export function runTskRecover(image, out, volumeOffset) {
  rmSync(out, { recursive: true, force: true });
  const run = measured('tsk_recover', ['-o', String(Math.floor(volumeOffset / 512)), image, out], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`tsk_recover failed on ${image} (exit ${run.status}): ${run.stderr.slice(-800)}`);
  return { ...run, outputs: outputFiles(out).map((path) => ({ path, name: basename(path) })) };
}

export function runPhotorecCard(image, out, types) {
  const run = runPhotorec(image, out, types);
  return { ...run, outputs: outputFiles(out).map((path) => ({ path, name: basename(path) })) };
}
