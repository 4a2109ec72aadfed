// Where the agent's extra time goes, for a case of the agent section that missed its target:
// 1. layers (run-agent-layers.mjs), each in a fresh process, in turn `runs` times: the engine alone;
//    + the agent's pipeline and ScanSession; + the session database (runScan, as startScan calls it,
//    FindingsRepo.add and SessionsRepo.updateScan timed inside); + HTTP/SSE (the real agent,
//    agent-scan.mjs). Medians: each layer's cost is its difference from the one before.
// 2. the fixed cost of a scan (start, subscribe, the first and last events) on a 1 MiB image of zeros;
// 3. one V8 CPU profile (--cpu-prof) of the agent and one of the in-process scan: the main thread's
//    self time by what runs (engine, SQLite, HTTP/SSE, zod, the agent's own code, GC), side by side.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AGENT_NODE_OPTIONS } from '../scripts/lib/agent-node-options.mjs';
import { median } from './median.mjs';
import { throughAgent } from './agent-scan.mjs';

const LAYERS = join(import.meta.dirname, 'run-agent-layers.mjs');

function layer(image, name, includeLive, nodeFlags = []) {
  const result = spawnSync(process.execPath, [...AGENT_NODE_OPTIONS, ...nodeFlags, LAYERS, image, name, ...(includeLive ? ['--include-live'] : [])], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`run-agent-layers ${name} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

// What a main-thread frame belongs to, by its script (first match wins).
const CATEGORIES = [
  ['SQLite (better-sqlite3, session store)', /better-sqlite3|apps\/agent\/dist\/lib\/store\//],
  ['HTTP/SSE: socket writes (the syscalls)', /^(writev|writeUtf8String|writeBuffer|writeLatin1String)$/],
  ['HTTP/SSE: the rest (tRPC server, JSON, web streams)', /@trpc\/server|node:_http|node:net|node:internal\/stream|node:internal\/streams|node:stream|node:internal\/webstreams|node:internal\/encoding/],
  ['zod (output validation)', /\/zod\//],
  ["the agent's session and events", /apps\/agent\/dist\//],
  ['engine (carve-engine, fs-parsers, exifr, file-type, hashing, reads)', /carve-engine|fs-parsers|exifr|file-type|node:internal\/crypto|^read$|^openFileHandle$|^fstat$|^close$/],
  ['garbage collector', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$/],
];

/**
 * Main-thread self time (ms) by category from a .cpuprofile, over the samples inside `[from, to]` (µs on
 * the monotonic clock, as the profile stamps them): a sample counts for the nearest frame up its stack
 * that a category names (a native call such as writev or JSON.stringify counts for the code that called it).
 */
export function selfTimeByCategory(profile, [from, to] = [-Infinity, Infinity]) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const categoryOf = new Map();
  const categorize = (id) => {
    if (categoryOf.has(id)) return categoryOf.get(id);
    const { url, functionName } = byId.get(id).callFrame;
    const own = CATEGORIES.find(([, re]) => re.test(url || functionName))?.[0];
    const up = parent.get(id);
    const category = own ?? (up === undefined ? 'other (VM, program)' : categorize(up));
    categoryOf.set(id, category);
    return category;
  };
  const out = {};
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const category = categorize(id);
    out[category] = (out[category] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  return out;
}

const mainThreadProfile = (dir) => {
  // --cpu-prof names files CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main one.
  const file = readdirSync(dir).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  return file ? JSON.parse(readFileSync(join(dir, file), 'utf8')) : undefined;
};

export async function profileAgentCase({ image, includeLive, runs, scratch, log = console.log }) {
  log(`  why: layers of the agent's scan, ${runs} runs each in turn (includeLive ${includeLive})…`);
  layer(image, 'engine', includeLive); // warm-up: the image was just built again
  const got = { engine: [], pipeline: [], store: [], agent: [] };
  for (let i = 0; i < runs; i++) {
    for (const name of ['engine', 'pipeline', 'store']) got[name].push(layer(image, name, includeLive));
    got.agent.push(await throughAgent(image, { includeLive, scratch, replays: 3 }));
  }
  const layers = Object.fromEntries(Object.entries(got).map(([name, rs]) => [name, { seconds: median(rs.map((r) => r.seconds)), cpuSeconds: median(rs.map((r) => r.cpuSeconds)), allSeconds: rs.map((r) => r.seconds) }]));
  const findings = got.store[0].findings;
  const addMs = median(got.store.map((r) => r.add.ms));
  const store = { findingsAddMs: addMs, transactions: got.store[0].add.calls, perFindingMs: addMs / Math.max(1, findings), checkpointWritesMs: median(got.store.map((r) => r.checkpoints.ms)), checkpointWrites: got.store[0].checkpoints.calls };
  // SSE per event, from the finished scans' streams sent again (no scan running meanwhile).
  const replays = got.agent.flatMap((r) => r.replays);
  const events = replays.reduce((s, r) => s + r.events, 0);
  const perEvent = (key) => (replays.reduce((s, r) => s + r[key], 0) / events) * 1000;
  const sse = { events: got.agent[0].events, replayedEvents: events, perEventMs: { wall: perEvent('seconds'), agentCpu: perEvent('agentCpuSeconds'), clientCpu: perEvent('clientCpuSeconds') } };
  // What those costs add up to for this scan, against the gap measured between the real agent and the engine alone.
  const accounted = {
    measuredGapSeconds: layers.agent.seconds - layers.engine.seconds,
    sqliteSeconds: addMs / 1000,
    sseAgentCpuSeconds: (sse.perEventMs.agentCpu * sse.events) / 1000,
    sseClientCpuSeconds: (sse.perEventMs.clientCpu * sse.events) / 1000,
    clientCpuSeconds: median(got.agent.map((r) => r.clientCpuSeconds)),
  };

  // What a scan costs before and after any work: a 1 MiB image of zeros (no filesystem, nothing found).
  const empty = join(scratch, 'empty.img');
  writeFileSync(empty, Buffer.alloc(2 ** 20));
  const fixedRuns = { engine: [], agent: [] };
  for (let i = 0; i < 5; i++) {
    fixedRuns.engine.push(layer(empty, 'engine', false).seconds);
    fixedRuns.agent.push((await throughAgent(empty, { includeLive: false, scratch })).seconds);
  }
  rmSync(empty, { force: true });
  const fixed = { engineMs: median(fixedRuns.engine) * 1000, agentMs: median(fixedRuns.agent) * 1000 };

  log('  why: CPU profiles of the agent and of the in-process scan (main thread)…');
  const dir = join(scratch, 'profiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'agent'), { recursive: true });
  mkdirSync(join(dir, 'engine'), { recursive: true });
  const profiled = await throughAgent(image, { includeLive, scratch, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'agent')}`] });
  const alone = layer(image, 'engine', includeLive, ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'engine')}`]);
  const agentProfile = mainThreadProfile(join(dir, 'agent'));
  const engineProfile = mainThreadProfile(join(dir, 'engine'));
  // Only the scans themselves: not the processes' start (module loading) nor the agent's idle wait.
  const mainThreadMs = agentProfile && engineProfile ? { agent: selfTimeByCategory(agentProfile, profiled.windowUs), inProcess: selfTimeByCategory(engineProfile, alone.windowUs) } : undefined;
  rmSync(dir, { recursive: true, force: true });
  return { includeLive, runs, findings, layers, store, sse, fixed, accounted, ...(mainThreadMs ? { mainThreadMs } : {}) };
}
