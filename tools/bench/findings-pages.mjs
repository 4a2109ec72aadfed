// The `findings` section (issue 5): "a findings list of 100k rows pages with filters and sorting in well
// under a second". Through the agent's real store (the built apps/agent/dist store modules) on a temp
// database: 100,000 findings (findings-data.mjs) written for one scan as the agent writes them (one
// the agent's FindingBatch writes them: FindingsRepo.add with up to 64 findings, one transaction each;
// timed, and one finding a transaction on the first 10,000 for comparison: a scan that finds a file
// less often than every 100 ms),
// then every query of findings-queries.mjs timed `repeats` times through FindingsRepo.page (count,
// page, rows parsed), and again end to end: an agent started on that database (HOME/afterimage.db,
// as start-agent.ts names it) answering findings.page over HTTP with its bearer token.
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startAgent } from './agent-process.mjs';
import { makeFindings } from './findings-data.mjs';
import { explainPage } from './findings-explain.mjs';
import { median } from './median.mjs';
import { QUERIES } from './findings-queries.mjs';

export const TARGET_MS = 250;
const SCAN = 'scan-bench';
const store = (file) => import(resolve(import.meta.dirname, '../../apps/agent/dist/lib/store', file));

async function openRepos(path) {
  const { openStore } = await store('open-store.js');
  const { FindingsRepo } = await store('findings-repo.js');
  const { SessionsRepo } = await store('sessions-repo.js');
  const db = openStore(path);
  return { db, findings: new FindingsRepo(db), sessions: new SessionsRepo(db) };
}

/** A source and a finished scan for the rows to belong to. */
function createScan(sessions, scanId, count) {
  const source = { id: 'src-bench', kind: 'image', label: 'bench disk', path: '/bench/disk.img', sizeBytes: 256e9 };
  sessions.saveSource(source);
  const progress = { bytesDone: source.sizeBytes, bytesTotal: source.sizeBytes, rateBytesPerSecond: 0, findingsByFormat: {} };
  const state = { id: scanId, sourceId: source.id, status: 'done', startedAt: new Date().toISOString(), progress, findingCount: count };
  sessions.createScan(state, { sourceId: source.id, includeLive: true });
  sessions.updateScan({ ...state, finishedAt: new Date().toISOString() });
}

const AGENT_BATCH = 64; // apps/agent/src/lib/finding-batch.ts: up to 64 findings or 100 ms a transaction

async function timeInserts(path, rows, batch) {
  const repos = await openRepos(path);
  createScan(repos.sessions, SCAN, rows.length);
  const started = performance.now();
  for (let i = 0; i < rows.length; i += batch) repos.findings.add(SCAN, rows.slice(i, i + batch));
  const seconds = (performance.now() - started) / 1000;
  const stored = repos.findings.count(SCAN);
  return { repos, result: { batch, rows: stored, seconds, rowsPerSecond: stored / seconds, microsecondsPerRow: (seconds * 1e6) / stored } };
}

async function timed(repeats, run) {
  const ms = [];
  let last;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    last = await run();
    ms.push(performance.now() - t);
  }
  return { medianMs: median(ms), maxMs: Math.max(...ms), last };
}

export async function runFindingsBench({ scratch, count = 100_000, repeats = 7, log = console.log }) {
  const home = join(scratch, 'findings-home');
  mkdirSync(home, { recursive: true });
  const loadBefore = loadavg();
  let repos;
  let agent;
  try {
    let rows = makeFindings(count);
    log(`\nfindings: ${count} findings into the agent's store (${(JSON.stringify(rows).length / count).toFixed(0)} B of JSON each)`);
    // One a transaction, for comparison, into a database of its own (then deleted).
    const single = await timeInserts(join(scratch, 'findings-single.db'), rows.slice(0, 10_000), 1);
    single.repos.db.close();
    for (const end of ['', '-wal', '-shm']) rmSync(join(scratch, `findings-single.db${end}`), { force: true });
    const inserted = await timeInserts(join(home, 'afterimage.db'), rows, AGENT_BATCH);
    inserted.repos.db.close();
    rows = undefined;
    const insert = inserted.result;
    log(`  insert in transactions of ${AGENT_BATCH} (as the agent's FindingBatch): ${insert.seconds.toFixed(1)} s, ${insert.microsecondsPerRow.toFixed(0)} µs a row; one a transaction: ${single.result.microsecondsPerRow.toFixed(0)} µs a row`);

    // A fresh connection reads (as an agent started on this database would), and an agent on the same
    // file answers over HTTP; each query is timed both ways in turn, so the machine's load hits both alike.
    repos = await openRepos(join(home, 'afterimage.db'));
    agent = await startAgent({ scratch, home });
    log(`  ${QUERIES.length} queries, ${repeats} runs each, through the store and through the agent over HTTP…`);
    const queries = [];
    for (const q of QUERIES) {
      const request = { scanId: SCAN, ...q.request };
      const direct = await timed(repeats, () => repos.findings.page(request));
      const http = await timed(repeats, () => agent.client.findings.page.query(request));
      if (http.last.total !== direct.last.total) throw new Error(`${q.name}: the agent found ${http.last.total}, the store ${direct.last.total}`);
      queries.push({ name: q.name, request: q.request, total: direct.last.total, returned: direct.last.findings.length, storeMs: direct.medianMs, storeMaxMs: direct.maxMs, httpMs: http.medianMs, httpMaxMs: http.maxMs });
    }
    const overTarget = (q) => q.storeMs >= TARGET_MS || q.httpMs >= TARGET_MS;
    for (const q of queries.filter(overTarget)) q.statements = explainPage(repos, { scanId: SCAN, ...q.request });
    const worst = (key) => queries.reduce((w, q) => (q[key] > w[key] ? q : w));
    return {
      target: `every page (limit 200), median of ${repeats} runs, under ${TARGET_MS} ms through the store and through the agent over HTTP`,
      rows: count,
      repeats,
      insert,
      insertSingle: single.result,
      http: 'findings.page through a running agent on the same database (tRPC over HTTP, bearer token, output validated by zod)',
      queries,
      worst: { store: { name: worst('storeMs').name, ms: worst('storeMs').storeMs }, http: { name: worst('httpMs').name, ms: worst('httpMs').httpMs } },
      over: queries.filter(overTarget).map((q) => q.name),
      pass: !queries.some(overTarget),
      // Other work on the machine moves every figure: its 1-minute load average before and after.
      loadAverage: { before: loadBefore[0], after: loadavg()[0] },
    };
  } finally {
    await agent?.stop();
    repos?.db.close();
    rmSync(home, { recursive: true, force: true });
  }
}
