// The `agent` section (issue 5): "scanning through the agent costs ≤ 10 % throughput against calling
// the engine in-process on the same image". Per image, on a warm page cache, with live files and
// without: in-process and through a fresh agent in turn (agent-scan.mjs), 5 or 9 times each after one
// untimed in-process warm-up; the medians give MB/s, agent ÷ in-process, and whether the agent is at
// most 10 % slower. The agent's peak RSS is its VmHWM after the scan. When a case misses the target,
// agent-profile.mjs says where the agent's extra time goes.
import { createReadStream, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildCard, buildLarge } from './images.mjs';
import { median } from './median.mjs';
import { profileAgentCase } from './agent-profile.mjs';
import { inProcess, throughAgent } from './agent-scan.mjs';

export const TARGET_RATIO = 0.9;
const MiB = 2 ** 20;
const warm = (path) => new Promise((done, fail) => createReadStream(path, { highWaterMark: 8 << 20 }).on('data', () => undefined).on('end', done).on('error', fail));

/** How many copies of the photos fill a card of about `size` bytes (buildCard makes it 1.4 × their bytes + 64 MiB). */
const copiesFor = (photos, size) => Math.floor((size - 64 * MiB) / 1.4 / photos.reduce((s, p) => s + p.data.length, 0));

/** The photos again and again (each copy its own file), to fill a card of about `size` bytes. */
function fullCard(scratch, photos, size) {
  const copies = Math.max(1, copiesFor(photos, size));
  const card = buildCard(scratch, Array.from({ length: copies }, () => photos).flat());
  return { ...card, copies };
}

const IMAGES = [
  {
    name: 'card',
    // Its scans take about a second: more of them.
    runs: 9,
    cases: [false, true],
    build: (scratch, photos) => buildCard(scratch, photos),
    describe: (b) => `FAT32 card (the card section's): ${b.placed.length} photos, ${b.deleted.length} deleted, junk over part of the freed space`,
  },
  {
    name: 'full',
    runs: 5,
    cases: [false, true],
    build: (scratch, photos, size) => fullCard(scratch, photos, size),
    // With room for one copy only it would be the card image again.
    skip: (photos, size) => (copiesFor(photos, size) < 2 ? `${(size / MiB).toFixed(0)} MiB leave room for one copy of the photos: the card image again` : undefined),
    describe: (b) => `FAT32 card filled with ${b.copies} copies of the photos: ${b.placed.length} files, ${b.deleted.length} deleted, junk over part of the freed space`,
  },
  {
    name: 'large',
    runs: 5,
    // No filesystem: live files mean nothing there, the whole image is carved byte by byte either way.
    cases: [false],
    build: (scratch, photos, size) => buildLarge(scratch, photos, size),
    describe: (b) => `the large section's image: ${b.placed.length} photos through 64 MiB stripes of random bytes and zeros, no filesystem (byte level)`,
  },
];

function summarizeRuns(runs, bytes) {
  const seconds = median(runs.map((r) => r.seconds));
  const all = runs.map((r) => r.seconds);
  return {
    // How far apart the runs were: (slowest − fastest) ÷ median.
    spreadPercent: ((Math.max(...all) - Math.min(...all)) / seconds) * 100,
    seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    maxRssMiB: Math.max(...runs.map((r) => r.vmHwmKiB)) / 1024,
    findings: runs[0].findings,
    allSeconds: runs.map((r) => r.seconds),
    ...(runs[0].events !== undefined ? { events: runs[0].events, progressEvents: runs[0].progressEvents, clientCpuSeconds: median(runs.map((r) => r.clientCpuSeconds)) } : {}),
  };
}

async function benchCase(path, bytes, includeLive, runs, scratch, log) {
  inProcess(path, { includeLive }); // warm-up: JIT, page cache, the filesystem's metadata
  const ours = [];
  const agent = [];
  // Who goes first swaps every round, so neither side always follows the other.
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) ours.push(inProcess(path, { includeLive }));
    agent.push(await throughAgent(path, { includeLive, scratch }));
    if (i % 2 === 1) ours.push(inProcess(path, { includeLive }));
  }
  const a = summarizeRuns(agent, bytes);
  const b = summarizeRuns(ours, bytes);
  const mismatch = agent.concat(ours).some((r) => r.findings !== b.findings);
  const ratio = a.mbPerSecond / b.mbPerSecond;
  log(`  includeLive ${includeLive}: in-process ${b.mbPerSecond.toFixed(0)} MB/s, agent ${a.mbPerSecond.toFixed(0)} MB/s (×${ratio.toFixed(2)}), ${b.findings} findings`);
  const cpuRatio = b.cpuSeconds / a.cpuSeconds;
  // Half the runs' spread on either side, as a rough margin: a ratio closer than that to the target is not a firm verdict.
  const margin = (a.spreadPercent + b.spreadPercent) / 2 / 100 / 2;
  const firm = Math.abs(ratio - TARGET_RATIO) > margin;
  return { includeLive, runs, inProcess: b, agent: a, ratio, cpuRatio, slowdownPercent: (1 - ratio) * 100, withinTarget: ratio >= TARGET_RATIO, firm, ...(mismatch ? { findingsDiffer: true } : {}) };
}

/** Runs the section; `size` is the full card's and the large image's size in bytes. */
export async function runAgentBench({ scratch, photos, size, log = console.log }) {
  const loadBefore = loadavg();
  const images = [];
  for (const spec of IMAGES) {
    const skipped = spec.skip?.(photos, size);
    if (skipped) {
      log(`\nagent ${spec.name}: skipped: ${skipped}`);
      continue;
    }
    const built = spec.build(scratch, photos, size);
    const bytes = statSync(built.path).size;
    const description = spec.describe(built);
    log(`\nagent ${spec.name}: ${description} (${(bytes / MiB).toFixed(0)} MiB)`);
    await warm(built.path);
    const cases = [];
    try {
      for (const includeLive of spec.cases) cases.push(await benchCase(built.path, bytes, includeLive, spec.runs, scratch, log));
    } finally {
      rmSync(built.path, { force: true });
    }
    images.push({ name: spec.name, description, bytes, cases });
  }
  const all = images.flatMap((i) => i.cases.map((c) => ({ image: i.name, ...c })));
  const worst = all.reduce((w, c) => (c.ratio < w.ratio ? c : w));
  const result = {
    target: `through the agent ≥ ${TARGET_RATIO * 100} % of in-process throughput (≤ 10 % slower)`,
    runs: Object.fromEntries(IMAGES.map((i) => [i.name, i.runs])),
    images,
    worst: { image: worst.image, includeLive: worst.includeLive, ratio: worst.ratio },
    pass: all.every((c) => c.withinTarget),
    agentMaxRssMiB: Math.max(...all.map((c) => c.agent.maxRssMiB)),
    // Other work on the machine moves every figure: its 1-minute load average before and after.
    loadAverage: { before: loadBefore[0], after: loadavg()[0] },
  };
  if (!result.pass) {
    // The images are built the same way every time: the worst case's is built again to be taken apart.
    const spec = IMAGES.find((i) => i.name === worst.image);
    log(`\nagent: ${worst.image} (live ${worst.includeLive ? 'yes' : 'no'}) missed the target by the most; finding out why…`);
    const built = spec.build(scratch, photos, size);
    try {
      await warm(built.path);
      result.why = { image: worst.image, ...(await profileAgentCase({ image: built.path, includeLive: worst.includeLive, runs: 3, scratch, log })) };
    } finally {
      rmSync(built.path, { force: true });
    }
  }
  return result;
}
