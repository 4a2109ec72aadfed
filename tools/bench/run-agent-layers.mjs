// The agent's scan taken apart, one layer more at a time, each in a fresh process of its own
// (agent-profile.mjs compares them): node run-agent-layers.mjs IMAGE LAYER [--include-live]
//   engine    the engine's scanMedia alone (as run-scan-media.mjs);
//   pipeline  the agent's own scan pipeline (apps/agent/dist scan-pipeline.js: checkpoints every 64 MiB,
//             progress, an id per finding) into the agent's ScanSession (events numbered and kept,
//             progress every 150 ms), no store;
//   store     the agent's runScan (scan-runner.js) as startScan calls it: every finding written to a
//             real session database (open-store.js, findings-repo.js: in the runner's batches)
//             before the session hears of it, every checkpoint written with the scan's state.
// Prints one JSON line: seconds, cpuSeconds, findings, events, the scan's window on the monotonic clock
// (µs, windowUs), and in the store layer the time spent in FindingsRepo.add and SessionsRepo.updateScan
// (ms, calls), measured by wrapping those methods.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scanMedia } from '@afterimage/carve-engine';
import { openFileSource } from '@afterimage/fs-parsers';

const dist = (file) => import(resolve(import.meta.dirname, '../../apps/agent/dist/lib', file));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'include-live': { type: 'boolean', default: false } } });
const [image, layer] = positionals;
const includeLive = values['include-live'];
const cpu = () => (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
const timed = (object, method, tally) => {
  const original = object[method].bind(object);
  object[method] = (...args) => {
    const t = performance.now();
    try {
      return original(...args);
    } finally {
      tally.ms += performance.now() - t;
      tally.calls++;
    }
  };
};

const { ScanSession } = await dist('scan-session.js');
const { scanMedia: agentPipeline } = await dist('scan-pipeline.js');
const out = { layer };
if (!['engine', 'pipeline', 'store'].includes(layer)) throw new Error(`layer ${layer}: engine, pipeline or store`);

// The store layer's database is opened before the clock starts, as the agent opens its own at start-up.
let store;
if (layer === 'store') {
  const { openStore } = await dist('store/open-store.js');
  const { FindingsRepo } = await dist('store/findings-repo.js');
  const { SessionsRepo } = await dist('store/sessions-repo.js');
  const home = mkdtempSync(join(tmpdir(), 'afterimage-layers-'));
  const db = openStore(join(home, 'afterimage.db'));
  store = { home, db, sessions: new SessionsRepo(db), findings: new FindingsRepo(db), runScan: (await dist('scan-runner.js')).runScan };
  out.add = { ms: 0, calls: 0 };
  out.checkpoints = { ms: 0, calls: 0 };
  timed(store.findings, 'add', out.add);
  timed(store.sessions, 'updateScan', out.checkpoints);
}

const cpuBefore = cpu();
const started = performance.now();
const from = Number(process.hrtime.bigint() / 1000n); // µs on the clock V8's CPU profiles use
const source = await openFileSource(image);
if (layer === 'engine') {
  const findings = [];
  for await (const f of scanMedia(source, { includeLive })) findings.push(f);
  out.findings = findings.length;
} else if (layer === 'pipeline') {
  const session = new ScanSession('scan-bench', 'src-bench', source.size);
  await agentPipeline(source, { includeLive, keepCorrupt: false, signal: session.abort.signal, sink: session, onCheckpoint: () => undefined });
  session.finish('done');
  out.findings = session.findings.size;
} else {
  // As the agent's addImageSource and startScan do: the source saved, the scan created, then runScan.
  const { sessions, findings, runScan } = store;
  const src = { id: 'src-bench', kind: 'image', label: 'bench', path: image, sizeBytes: source.size };
  sessions.saveSource(src);
  const session = new ScanSession('scan-bench', src.id, source.size);
  const request = { sourceId: src.id, includeLive, keepCorrupt: false };
  sessions.createScan(session.snapshot, request);
  runScan({ session, source: src, bytes: source, request, pipeline: agentPipeline, sessions, findings });
  let events = 0;
  for await (const { event } of session.events(null)) {
    events++;
    if (event.type === 'done' && event.state.status !== 'done') throw new Error(`scan ended ${event.state.status}: ${event.state.error}`);
  }
  out.findings = session.findings.size;
  out.events = events;
}
out.seconds = (performance.now() - started) / 1000;
out.windowUs = [from, Number(process.hrtime.bigint() / 1000n)];
out.cpuSeconds = cpu() - cpuBefore;
if (store) {
  await new Promise((done) => setTimeout(done, 50)); // runScan closes the source and stores the end after 'done'
  store.db.close();
  rmSync(store.home, { recursive: true, force: true });
} else await source.close();
process.stdout.write(JSON.stringify(out) + '\n');
