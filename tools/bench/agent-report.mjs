// The agent and findings sections' tables, in the bench's style (report.mjs).
import { availableParallelism } from 'node:os';

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const loadLine = (load) => `machine load (1-min average, ${availableParallelism()} CPUs): ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after; other work on it slows every figure`;
const ms = (x) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

export function formatAgent(result) {
  const head = `${pad('image', 6)} ${pad('live', 5)} ${lpad('MiB', 5)} ${lpad('in-proc MB/s', 12)} ${lpad('agent MB/s', 10)} ${lpad('agent÷in', 8)} ${lpad('spread in/agent', 15)} ${lpad('CPU s in/agent', 15)} ${lpad('max RSS in/agent', 17)} ${lpad('findings', 8)} ${lpad('events', 6)}  target`;
  const lines = [head, '-'.repeat(head.length + 4)];
  for (const image of result.images) {
    for (const c of image.cases) {
      lines.push(
        `${pad(image.name, 6)} ${pad(c.includeLive ? 'yes' : 'no', 5)} ${lpad((image.bytes / 2 ** 20).toFixed(0), 5)} ${lpad(c.inProcess.mbPerSecond.toFixed(0), 12)} ${lpad(c.agent.mbPerSecond.toFixed(0), 10)} ${lpad(`×${c.ratio.toFixed(2)}`, 8)} ${lpad(`${c.inProcess.spreadPercent.toFixed(0)} / ${c.agent.spreadPercent.toFixed(0)} %`, 15)} ` +
          `${lpad(`${c.inProcess.cpuSeconds.toFixed(1)} / ${c.agent.cpuSeconds.toFixed(1)}`, 15)} ${lpad(`${c.inProcess.maxRssMiB.toFixed(0)} / ${c.agent.maxRssMiB.toFixed(0)} MiB`, 17)} ` +
          `${lpad(c.inProcess.findings, 8)} ${lpad(c.agent.events, 6)}  ${c.withinTarget ? 'ok' : `MISSED (${c.slowdownPercent.toFixed(0)} % slower)`}${c.firm ? '' : ', within noise'}${c.findingsDiffer ? ', findings differ!' : ''}`,
      );
    }
  }
  const w = result.worst;
  lines.push('', `${result.target}: ${result.pass ? 'met' : 'MISSED'}; worst ×${w.ratio.toFixed(2)} (${w.image}, live ${w.includeLive ? 'yes' : 'no'}); agent max RSS ${result.agentMaxRssMiB.toFixed(0)} MiB`, loadLine(result.loadAverage));
  if (result.why) lines.push(formatWhy(result.why));
  return lines.join('\n');
}

function formatWhy(why) {
  const lines = ['', `Why (${why.image}, live ${why.includeLive ? 'yes' : 'no'}, ${why.findings} findings). Layers, wall-clock medians of ${why.runs} runs in turn (a difference inside the runs' spread is noise):`];
  let before;
  for (const [name, label] of [['engine', 'engine alone (scanMedia)'], ['pipeline', "+ agent pipeline and ScanSession"], ['store', '+ session database (runScan)'], ['agent', '+ HTTP/SSE: the agent itself']]) {
    const l = why.layers[name];
    const delta = before ? `${l.seconds - before.seconds >= 0 ? '+' : ''}${(l.seconds - before.seconds).toFixed(2)} s` : '';
    const range = `${Math.min(...l.allSeconds).toFixed(2)}–${Math.max(...l.allSeconds).toFixed(2)}`;
    lines.push(`  ${pad(label, 34)} ${lpad(l.seconds.toFixed(2), 6)} s ${lpad(delta, 9)}   runs ${range} s, CPU ${l.cpuSeconds.toFixed(1)} s`);
    before = l;
  }
  const s = why.store;
  lines.push(`  SQLite: FindingsRepo.add ${s.findingsAddMs.toFixed(0)} ms in all (${s.transactions} transactions), ${s.perFindingMs.toFixed(2)} ms a finding; checkpoint writes ${s.checkpointWritesMs.toFixed(0)} ms (${s.checkpointWrites})`);
  const e = why.sse.perEventMs;
  lines.push(`  SSE: ${why.sse.events} events; a finished scan's stream sent again (${why.sse.replayedEvents} events): ${e.wall.toFixed(2)} ms an event, agent CPU ${e.agentCpu.toFixed(2)} ms, client CPU ${e.clientCpu.toFixed(2)} ms (sent again, several events go in one write; live, one each: the profile's HTTP/SSE line below is the live cost)`);
  const a = why.accounted;
  lines.push(`  fixed cost of a scan (1 MiB of zeros, median of 5): agent ${why.fixed.agentMs.toFixed(0)} ms (start, subscribe, events), in-process ${why.fixed.engineMs.toFixed(0)} ms`);
  const perFinding = (a.sqliteSeconds + a.sseAgentCpuSeconds) / why.findings * 1000;
  lines.push(`  gap agent − engine ${a.measuredGapSeconds.toFixed(2)} s; accounted: SQLite ${a.sqliteSeconds.toFixed(2)} s + SSE in the agent ${a.sseAgentCpuSeconds.toFixed(2)} s (the client, on the same CPUs, ${a.sseClientCpuSeconds.toFixed(2)} s; all its CPU during the scan ${a.clientCpuSeconds.toFixed(2)} s)`);
  lines.push(`  → ${perFinding.toFixed(2)} ms of the agent's main thread a finding, ${((a.sqliteSeconds + a.sseAgentCpuSeconds) / why.layers.engine.seconds * 100).toFixed(0)} % of the engine-alone time here (the main thread also carries the engine's per-file work)`);
  if (why.mainThreadMs) {
    const { agent, inProcess } = why.mainThreadMs;
    const keys = [...new Set([...Object.keys(agent), ...Object.keys(inProcess)])].filter((k) => k !== 'idle').sort((a, b) => (agent[b] ?? 0) - (inProcess[b] ?? 0) - ((agent[a] ?? 0) - (inProcess[a] ?? 0)));
    lines.push(`  main thread during the scan, one profiled run each (--cpu-prof samples, ms; time descheduled by other load counts too):  ${lpad('agent', 6)} ${lpad('in-proc', 7)} ${lpad('Δ', 6)}`);
    for (const k of keys) lines.push(`    ${pad(k, 64)} ${lpad((agent[k] ?? 0).toFixed(0), 6)} ${lpad((inProcess[k] ?? 0).toFixed(0), 7)} ${lpad(((agent[k] ?? 0) - (inProcess[k] ?? 0)).toFixed(0), 6)}`);
  }
  return lines.join('\n');
}

export function formatFindings(result) {
  const head = `${pad('query', 58)} ${lpad('matched', 7)} ${lpad('store ms', 8)} ${lpad('(max)', 6)} ${lpad('HTTP ms', 8)} ${lpad('(max)', 6)}  target`;
  const lines = [head, '-'.repeat(head.length + 4)];
  const over = new Set(result.over);
  for (const q of result.queries) {
    lines.push(`${pad(q.name, 58)} ${lpad(q.total, 7)} ${lpad(ms(q.storeMs), 8)} ${lpad(ms(q.storeMaxMs), 6)} ${lpad(ms(q.httpMs), 8)} ${lpad(ms(q.httpMaxMs), 6)}  ${over.has(q.name) ? 'OVER' : 'ok'}`);
  }
  const { insert, insertSingle: one } = result;
  lines.push(
    '',
    `${result.rows} rows inserted in transactions of ${insert.batch} (as the agent's FindingBatch) in ${insert.seconds.toFixed(1)} s: ${insert.rowsPerSecond.toFixed(0)} rows/s, ${insert.microsecondsPerRow.toFixed(0)} µs a row (one a transaction, ${one.rows} rows: ${one.microsecondsPerRow.toFixed(0)} µs a row)`,
    `${result.target}: ${result.pass ? 'met' : `MISSED by ${result.over.length} of ${result.queries.length}`}; worst ${ms(result.worst.store.ms)} ms through the store (${result.worst.store.name}), ${ms(result.worst.http.ms)} ms over HTTP (${result.worst.http.name})`,
    loadLine(result.loadAverage),
  );
  const slow = result.queries.filter((q) => q.statements);
  if (slow.length) lines.push('', 'Over the target, statement by statement (one run, SQLite query plan):');
  for (const q of slow) {
    lines.push(`  ${q.name}`);
    for (const st of q.statements) lines.push(`    ${pad(st.what, 5)} ${lpad(ms(st.ms), 6)} ms  ${st.plan.join('; ')}`);
  }
  return lines.join('\n');
}
