// `npm run bench [-- --photos DIR] [--size 4G] [--quick] [--keep] [--no-build] [--runs N] [--only card,dump,large,histories,agent,findings]`:
// builds scan images from a folder of real photos with real tools (tools/bench/images.mjs), runs
// Afterimage's engine and, when installed, PhotoRec and foremost on each, and prints throughput, max RSS
// and exact / partial / false-positive counts side by side; then the filesystem benchmark
// (tools/bench/histories.mjs): camera-card histories on FAT32, exFAT and HFS+ recovered by
// `afterimage recover`, tsk_recover and PhotoRec; then the agent's own benchmarks (issue 5): a scan
// through the agent against the engine in-process (tools/bench/agent-overhead.mjs) and paging 100k
// findings through its store (tools/bench/findings-pages.mjs); backups: 1,000 photos backed up through the
// cloud adapters to their emulators, with and without injected faults (tools/bench/backups.mjs). The results go to reports/bench/ as JSON too.
// A benchmark, not a test.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, getPriority, setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nxEnv, root, sh } from './lib/setup.mjs';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: resolve(root, '../shared/photos') },
    size: { type: 'string' },
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    'backup-count': { type: 'string' },
    runs: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('npm run bench -- [--photos DIR] [--size 4G|256M|BYTES (large: 4G, agent: 2G)] [--quick (256 MiB large images)] [--keep (keep the images)] [--no-build] [--only card,dump,large,histories,agent,findings,backups] [--backup-count N (backups: 1000 files; --quick: 200)] [--runs N (card, dump, large: each tool N times in turn, median times; default 3)]');
  process.exit(0);
}
const SECTIONS = ['card', 'dump', 'large', 'histories', 'agent', 'findings', 'backups'];
const sections = new Set(values.only ? values.only.split(',').map((s) => s.trim()) : SECTIONS);
for (const s of sections) if (!SECTIONS.includes(s)) throw new Error(`--only ${s}: choose among ${SECTIONS.join(', ')}`);
const carving = ['card', 'dump', 'large'].some((s) => sections.has(s));
const parseSize = (s) => {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(s.trim());
  if (!m) throw new Error(`--size ${s}: give bytes or e.g. 256M, 4G`);
  return Math.round(Number(m[1]) * 1024 ** ' KMGT'.indexOf((m[2] || ' ').toUpperCase()));
};
const largeSize = values.quick ? 256 * 1024 * 1024 : parseSize(values.size ?? '4G');
// The agent section's full card and large image: --size when given, else 2 GiB (it scans each ~20 times).
const agentSize = values.quick ? 256 * 1024 * 1024 : parseSize(values.size ?? '2G');
const agentSections = sections.has('agent') || sections.has('findings');
const comparing = carving || sections.has('histories');
// The backups section runs the adapters and emulators from their TypeScript sources: no build, no dist.
const needsEngine = comparing || agentSections;
// The carving images: how many times each tool runs on each, in turn (times: the medians).
const repeats = Number(values.runs);
if (!Number.isSafeInteger(repeats) || repeats < 1) throw new Error(`--runs ${values.runs}: give a positive whole number`);
const backupCount = values['backup-count'] !== undefined ? Number(values['backup-count']) : values.quick ? 200 : 1000;
if (!Number.isSafeInteger(backupCount) || backupCount < 1) throw new Error(`--backup-count ${values['backup-count']}: give a positive whole number`);

// The engine is benchmarked as built (dist): build it (Nx caches an unchanged build); the histories
// run the CLI, which needs the CLI and the agent built too; the agent sections need the agent.
const dist = resolve(root, 'libs/carve-engine/dist/lib/scan-worker.js');
let build = needsEngine ? 'not built (--no-build): the dist already there' : 'not needed: the backups section runs TypeScript sources';
if (!values['no-build'] && needsEngine) {
  const projects = ['@afterimage/carve-engine', ...(sections.has('histories') ? ['@afterimage/cli'] : []), ...(sections.has('histories') || agentSections ? ['@afterimage/agent'] : [])];
  console.log(`Building ${projects.join(', ')}…`);
  const status = sh(resolve(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', projects.join(','), '--outputStyle=static'], { env: nxEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  if (status !== 0 && !existsSync(dist)) process.exit(status);
  if (status !== 0) console.warn('The build failed; benchmarking the dist already there (it may be stale).');
  build = status === 0 ? 'built' : 'the build failed: the dist already there (may be stale)';
}
if (needsEngine && !existsSync(dist)) {
  console.error('libs/carve-engine/dist is missing: run without --no-build.');
  process.exit(1);
}
if (agentSections && !existsSync(resolve(root, 'apps/agent/dist/main.js'))) {
  console.error('apps/agent/dist is missing: run without --no-build.');
  process.exit(1);
}

const { available, flushWrites, runAfterimage, runForemost, runPhotorec, writeJson } = await import('../bench/tools.mjs');
const { median } = await import('../bench/median.mjs');
const { AGENT_NODE_OPTIONS } = await import('./lib/agent-node-options.mjs');
if (comparing && (!available.photorec || !available.foremost) && process.getuid?.() === 0) {
  console.log('Installing testdisk (PhotoRec) and foremost…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (spawnSync('apt-get', ['install', '-y', '-qq', 'testdisk', 'foremost'], { env, stdio: 'inherit' }).status === 0) {
    Object.assign(available, (await import(`../bench/tools.mjs?again=${Date.now()}`)).available);
  }
}
if (comparing) for (const tool of ['photorec', 'foremost']) if (!available[tool]) console.warn(`${tool} is not installed: its column is left out (apt-get install testdisk foremost).`);
if (comparing && !available.time) throw new Error('GNU time (/usr/bin/time) is needed to measure max RSS: apt-get install time');

const { loadPhotos } = await import('../bench/photos.mjs');
const { buildCard, buildDump, buildLarge } = await import('../bench/images.mjs');
const { Truth, outputFiles } = await import('../bench/score.mjs');
const { formatSummary, formatTable, summarize } = await import('../bench/report.mjs');
const { carveFormats } = needsEngine ? await import('@afterimage/carve-engine') : { carveFormats: [] };

const needsPhotos = comparing || sections.has('agent') || sections.has('backups');
const photos = needsPhotos ? await loadPhotos(values.photos) : [];
if (photos.length === 0 && needsPhotos) throw new Error(`no photos in ${values.photos}`);
const truth = new Truth(photos);
const extensions = new Set(carveFormats.flatMap((f) => [f.id, ...f.extensions]));
const inScope = (placed) => placed.filter((p) => extensions.has(p.type)).length;
// The same types for every tool: PhotoRec's and foremost's names for the engine's formats.
const PHOTOREC = { jpeg: 'jpg', png: 'png', gif: 'gif', bmp: 'bmp', webp: 'riff', avi: 'riff', tiff: 'tif', psd: 'psd', heic: 'mov', avif: 'mov', cr3: 'mov', mp4: 'mov', mov: 'mov', '3gp': 'mov', mkv: 'mkv', mts: 'm2ts', crw: 'crw', raf: 'raf', mrw: 'mrw', x3f: 'x3f', orf: 'orf', rw2: 'rw2' };
// foremost 1.5.7's built-in extractors (-t); it has none for WebP, TIFF/RAW, Matroska, MPEG-TS.
const FOREMOST = { jpeg: 'jpg', png: 'png', gif: 'gif', bmp: 'bmp', avi: 'avi', mp4: 'mp4', mov: 'mov', heic: 'mp4', avif: 'mp4', cr3: 'mp4' };
const ids = carveFormats.map((f) => f.id);
const photorecTypes = [...new Set(ids.map((id) => PHOTOREC[id]).filter(Boolean))];
const foremostTypes = [...new Set(ids.map((id) => FOREMOST[id]).filter(Boolean))];
if (photos.length) console.log(`${photos.length} photos/videos (${(photos.reduce((s, p) => s + p.data.length, 0) / 1e6).toFixed(0)} MB) from ${values.photos}`);
if (needsEngine) console.log(`Afterimage formats: ${ids.join(', ')}; PhotoRec types: ${photorecTypes.join(', ')}; foremost types: ${foremostTypes.join(', ')}`);

const scratch = mkdtempSync(join(tmpdir(), 'afterimage-bench-'));
/** Sets this process's nice value (children inherit it); returns the old one, or undefined when not allowed. */
function raisePriority(nice) {
  const before = getPriority();
  try {
    setPriority(nice);
    return before;
  } catch {
    return undefined;
  }
}
const warm = (path) => new Promise((done, fail) => createReadStream(path, { highWaterMark: 8 << 20 }).on('data', () => undefined).on('end', done).on('error', fail));
const size = (path) => Number(spawnSync('stat', ['-c', '%s', path], { encoding: 'utf8' }).stdout.trim());

function scored(tool, mode, run, bytes, placed, out, extra = {}) {
  const result = truth.score(outputFiles(out), placed);
  rmSync(out, { recursive: true, force: true });
  return {
    tool,
    mode,
    seconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    mbPerSecond: bytes / 1e6 / run.seconds,
    maxRssMiB: run.maxRssMiB,
    outputs: result.outputs,
    exact: result.exact.length,
    partial: result.partial.length,
    fragments: result.fragments,
    falsePositives: result.falsePositives.length,
    falsePositiveNames: result.falsePositives.slice(0, 50),
    ...extra,
  };
}

async function benchImage(name, built, description, afterimageModes) {
  const bytes = size(built.path);
  console.log(`\n${name}: ${description} (${(bytes / 2 ** 20).toFixed(0)} MiB)${repeats > 1 ? `, every tool ${repeats} times in turn` : ''}`);
  await warm(built.path);
  const tools = [
    ...afterimageModes.map(({ mode, blockSize, workers, nodeOptions }) => ({
      tool: 'afterimage',
      mode,
      run: (out) => runAfterimage(built.path, out, { blockSize, workers, nodeOptions }),
      extra: (run) => ({ alignment: run.summary.alignment, threads: run.summary.threads }),
    })),
    ...(available.photorec ? [{ tool: 'photorec', mode: 'paranoid, whole space', run: (out) => runPhotorec(built.path, out, photorecTypes) }] : []),
    ...(available.foremost ? [{ tool: 'foremost', mode: 'built-in types', run: (out) => runForemost(built.path, out, foremostTypes) }] : []),
  ];
  // The tools take turns `repeats` times (--runs, 3 by default: a noisy moment hits them all alike);
  // the outputs of the first turn are scored (they are the same each time), the times are the medians.
  const results = tools.map(() => ({ scored: undefined, times: [] }));
  for (let turn = 0; turn < repeats; turn++) {
    for (const [i, t] of tools.entries()) {
      const out = join(scratch, `out-${t.tool}`);
      flushWrites();
      const run = t.run(out);
      results[i].times.push({ seconds: run.seconds, cpuSeconds: run.cpuSeconds, maxRssMiB: run.maxRssMiB });
      if (turn === 0) results[i].scored = scored(t.tool, t.mode, run, bytes, built.placed, out, t.extra?.(run) ?? {});
      else rmSync(out, { recursive: true, force: true });
    }
  }
  const runs = tools.map((t, i) => {
    const { scored: r, times } = results[i];
    const seconds = median(times.map((x) => x.seconds));
    const row = { ...r, seconds, cpuSeconds: median(times.map((x) => x.cpuSeconds)), mbPerSecond: bytes / 1e6 / seconds, maxRssMiB: Math.max(...times.map((x) => x.maxRssMiB)) };
    if (repeats > 1) row.times = times;
    if (name === 'dump') row.unalignedFound = row.exact;
    console.log(`  ${t.tool}${t.tool === 'afterimage' ? ` ${t.mode}` : ''}: ${seconds.toFixed(repeats > 1 ? 2 : 1)} s${repeats > 1 ? ` (median; ${times.map((x) => x.seconds.toFixed(2)).join(', ')})` : ''}, ${row.exact} exact`);
    return row;
  });
  rmSync(built.path, { force: true });
  return { name, bytes, description, placed: built.placed.length, inScope: inScope(built.placed), runs };
}

const started = Date.now();
const images = [];
let histories;
let agent;
let findings;
let backups;
try {
  if (sections.has('card')) {
    const card = buildCard(scratch, photos);
    images.push(
      await benchImage('card', card, `FAT32, 4 KiB clusters: ${card.placed.length} files written, ${card.deleted.length} deleted, then junk written over part of the freed space`, [
        { mode: "blockSize 'auto'", blockSize: 'auto' },
        // The agent's process runs with the node options on its launcher's #! line: the same scan there.
        { mode: "'auto', agent's options", blockSize: 'auto', nodeOptions: AGENT_NODE_OPTIONS },
      ]),
    );
  }
  if (sections.has('dump')) {
    const dump = buildDump(scratch, photos);
    images.push(await benchImage('dump', dump, `${dump.placed.length} files at unaligned offsets among random filler`, [{ mode: 'byte level (blockSize 1)', blockSize: 1 }]));
  }
  if (sections.has('large')) {
    const large = buildLarge(scratch, photos, largeSize);
    images.push(
      await benchImage('large', large, `${large.placed.length} files spread through 64 MiB stripes of random bytes and zeros`, [
        { mode: "blockSize 'auto'", blockSize: 'auto' },
        { mode: "'auto', 1 thread", blockSize: 'auto', workers: 1 },
        // A worker thread's memory, whatever this machine's default (one thread per two cores).
        { mode: "'auto', 2 threads", blockSize: 'auto', workers: 2 },
        { mode: 'byte level (blockSize 1)', blockSize: 1 },
      ]),
    );
  }
  if (sections.has('histories')) {
    console.log('\nFilesystem benchmark: camera-card histories (tools/bench/histories.mjs)');
    const { runHistories } = await import('../bench/histories.mjs');
    histories = await runHistories({ scratch, photos, photorecTypes, keep: values.keep });
  }
  // The agent sections time short runs in turn: a raised priority (nice −10, allowed to root) keeps
  // other work on a shared machine from deciding them; it is put back after.
  const priority = agentSections ? raisePriority(-10) : undefined;
  if (sections.has('agent')) {
    console.log(`\nAgent benchmark: scanning through the agent against the engine in-process (tools/bench/agent-overhead.mjs)`);
    const { runAgentBench } = await import('../bench/agent-overhead.mjs');
    agent = await runAgentBench({ scratch, photos, size: agentSize });
  }
  if (sections.has('findings')) {
    console.log(`\nFindings benchmark: 100k findings paged through the agent's store (tools/bench/findings-pages.mjs)`);
    const { runFindingsBench } = await import('../bench/findings-pages.mjs');
    findings = await runFindingsBench({ scratch });
  }
  if (priority !== undefined) setPriority(priority);
  if (sections.has('backups')) {
    console.log(`\nBackup benchmark: ${backupCount} photos through the cloud adapters to their emulators, with and without faults (tools/bench/backups.mjs)`);
    const { runBackupsBench } = await import('../bench/backups.mjs');
    backups = await runBackupsBench({ photos, count: backupCount, scratch });
  }
} finally {
  if (!values.keep) rmSync(scratch, { recursive: true, force: true });
  else console.log(`Images kept in ${scratch}`);
}

const summary = summarize(images);
if (images.length > 0) {
  console.log(`\nAfterimage formats: ${ids.join(', ')}. exact = output sha256 equals an original's, out of the originals of those types in the image.\n`);
  console.log(formatTable(images));
  console.log(formatSummary(summary));
}
if (histories) {
  const { formatHistories, formatHistoryDetails } = await import('../bench/history-report.mjs');
  console.log('\nCard histories: exact = output sha256 equals a deleted photo still intact on the card (n/m); names right over the exact ones whose name is still on the volume (case-insensitively on FAT32, exactly on exFAT and HFS+); live = live photos also output.\n');
  console.log(formatHistories(histories));
  console.log(formatHistoryDetails(histories));
}
if (agent) {
  const { formatAgent } = await import('../bench/agent-report.mjs');
  console.log(`\nScanning through the agent (tRPC over HTTP, events over SSE) against scanMedia in-process on the same image: medians of ${Object.values(agent.runs).join('/')} runs in turn, warm page cache; CPU s = the scanning process's (all threads); max RSS = VmHWM.\n`);
  console.log(formatAgent(agent));
}
if (findings) {
  const { formatFindings } = await import('../bench/agent-report.mjs');
  console.log(`\nPaging ${findings.rows} findings of one scan (limit 200): through the agent's store (FindingsRepo.page) and through a running agent over HTTP (findings.page); medians of ${findings.repeats} runs.\n`);
  console.log(formatFindings(findings));
}
if (backups) {
  const { formatBackups } = await import('../bench/backups-report.mjs');
  console.log(`\nBacking up ${backups.count} photos to each cloud adapter's emulator (${backups.parallel} puts at a time), without faults and with ${backups.faultRate * 100} % injected; the local folder as the baseline.\n`);
  console.log(formatBackups(backups));
}
const reports = resolve(root, 'reports/bench');
mkdirSync(reports, { recursive: true });
const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, availableParallelism: availableParallelism(), cpu: cpus()[0]?.model, node: process.version },
  ...(photos.length ? { photos: { dir: values.photos, count: photos.length, bytes: photos.reduce((s, p) => s + p.data.length, 0) } } : {}),
  ...(needsEngine ? { engineFormats: ids, photorecTypes, foremostTypes } : {}),
  seconds: (Date.now() - started) / 1000,
  build,
  sections: [...sections],
  ...(carving ? { runsPerTool: repeats, images, summary } : {}),
  ...(histories ? { histories } : {}),
  ...(agent ? { agent } : {}),
  ...(findings ? { findings } : {}),
  ...(backups ? { backups } : {}),
};
const file = join(reports, `bench-${result.date.replace(/[:.]/g, '-')}.json`);
writeJson(file, result);
// latest.json keeps the last results of every section: a run of some sections (--only) replaces those.
const latestPath = join(reports, 'latest.json');
let previous = {};
try {
  previous = values.only ? JSON.parse(readFileSync(latestPath, 'utf8')) : {};
} catch {
  previous = {};
}
writeJson(latestPath, { ...previous, ...result, sections: [...new Set([...(previous.sections ?? []), ...sections])] });
console.log(`\nResults: ${file} (${result.seconds.toFixed(0)} s)`);
