// Runs each tool on an image under /usr/bin/time -v: wall time, max RSS, and where its outputs are.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
export const available = { photorec: onPath('photorec'), foremost: onPath('foremost'), time: onPath('/usr/bin/time') };

/**
 * Waits until nothing is left to write back (an image just built, the last tool's outputs), so the
 * kernel's flushing of it lands in no tool's timed run.
 */
export function flushWrites() {
  spawnSync('sync', { stdio: 'ignore' });
}

/** Runs a command measured by GNU time; returns { seconds, maxRssMiB, status, stdout }. */
export function measured(command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const seconds = (performance.now() - started) / 1000;
  const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(result.stderr ?? '')?.[1] ?? NaN);
  const cpuSeconds = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
  const maxRssMiB = field('Maximum resident set size \\(kbytes\\)') / 1024;
  return { seconds, cpuSeconds, maxRssMiB, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * The environment Afterimage's runs get: this one without NODE_EXTRA_CA_CERTS. Node reads and parses
 * that file of certificates as it starts, before any script runs, whether TLS is used or not (the
 * machines here set it to the system's whole CA bundle: node starts in ~0.08 s instead of ~0.03 s,
 * a tenth of the card's run). The runs make no TLS connection, and a user's agent pays it once, when
 * it starts, not per scan.
 */
export const AFTERIMAGE_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

/**
 * Afterimage's engine in a child process (run-afterimage.mjs); outputs in `out`. The engine as a
 * library, in a plain node process: no V8 flags unless `nodeOptions` gives some. Any V8 flag, even a
 * heap size, makes node compile its own modules from source instead of taking the code cache built
 * into it, since the cache was made under the default flags (0.02–0.03 s more per process here).
 */
export function runAfterimage(image, out, { blockSize, workers, nodeOptions = [] } = {}) {
  const args = [...nodeOptions, join(import.meta.dirname, 'run-afterimage.mjs'), image, out, '--block-size', String(blockSize ?? 'auto')];
  if (workers) args.push('--workers', String(workers));
  const run = measured(process.execPath, args, { env: AFTERIMAGE_ENV });
  if (run.status !== 0) throw new Error(`afterimage failed on ${image}:\n${run.stderr}`);
  return { ...run, summary: JSON.parse(run.stdout.trim().split('\n').at(-1)) };
}

/**
 * PhotoRec's scripted mode (/cmd, as testdisk's phcli.c parses it): no partition table, paranoid
 * checks (its default), only the file types given, the whole space, search.
 */
export function runPhotorec(image, out, types) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const cmd = ['partition_none', 'options', 'paranoid', 'fileopt', 'everything', 'disable', ...types.flatMap((t) => [t, 'enable']), 'wholespace', 'search'].join(',');
  const run = measured('photorec', ['/log', '/d', join(out, 'recup'), '/cmd', image, cmd], { cwd: out, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TERM: 'dumb' } });
  if (run.status !== 0) throw new Error(`photorec failed on ${image} (exit ${run.status})`);
  return run;
}

/** foremost with its built-in extractors for the given types (-t), every byte offset (its default). */
export function runForemost(image, out, types) {
  rmSync(out, { recursive: true, force: true });
  const run = measured('foremost', ['-Q', '-t', types.join(','), '-i', image, '-o', out]);
  if (run.status !== 0) throw new Error(`foremost failed on ${image} (exit ${run.status}): ${run.stderr.slice(-500)}`);
  return run;
}

export function writeJson(path, value) {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
