// One scan each way for the agent benchmark (agent-overhead.mjs):
//   inProcess  the engine's scanMedia in a fresh process of its own (run-scan-media.mjs);
//   throughAgent  a freshly started agent (agent-process.mjs): sources.addImage, then timed from
//              scans.start to the 'done' event, the event stream consumed as a client does (every
//              event parsed, findings kept, progress applied), through scans.eventBatches: the
//              findings published together come in one event (the CLI follows scans this way;
//              the dashboard still reads scans.events, one finding per event, until it adopts it).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AGENT_NODE_OPTIONS } from '../scripts/lib/agent-node-options.mjs';
import { cpuSeconds, startAgent, vmHwmKiB } from './agent-process.mjs';

const RUNNER = join(import.meta.dirname, 'run-scan-media.mjs');

export function inProcess(image, { includeLive }) {
  // With the agent's node options (its launcher's #! line): the same heap settings on both sides.
  const result = spawnSync(process.execPath, [...AGENT_NODE_OPTIONS, RUNNER, image, ...(includeLive ? ['--include-live'] : [])], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (result.status !== 0) throw new Error(`run-scan-media failed on ${image}:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

/** Follows a scan's events until 'done'; resolves with what the dashboard would hold. */
function follow(client, scanId) {
  const seen = { findings: [], progress: 0, events: 0, last: undefined };
  return new Promise((done, fail) => {
    const subscription = client.scans.eventBatches.subscribe(
      { scanId },
      {
        onData: ({ data: event }) => {
          seen.events++;
          if (event.type === 'findings') seen.findings.push(...event.findings);
          else if (event.type === 'progress') {
            seen.progress++;
            seen.last = event.progress;
          } else if (event.type === 'done') {
            subscription.unsubscribe();
            done({ ...seen, state: event.state });
          }
        },
        onError: (error) => {
          subscription.unsubscribe();
          fail(error);
        },
      },
    );
  });
}

const clientCpu = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
};

/**
 * `replays` > 0: after the scan, its whole event stream is read again that many times (the finished
 * session's events, kept in memory, sent again over SSE): what SSE and tRPC cost per event, no scan running.
 */
export async function throughAgent(image, { includeLive, scratch, nodeFlags, replays = 0 }) {
  const agent = await startAgent({ scratch, nodeFlags });
  try {
    const source = await agent.client.sources.addImage.mutate({ path: image });
    const cpuBefore = cpuSeconds(agent.pid);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    // The monotonic clock in µs, as V8's CPU profiles stamp their samples: the scan's window in a profile.
    const from = Number(process.hrtime.bigint() / 1000n);
    const scan = await agent.client.scans.start.mutate({ sourceId: source.id, includeLive });
    const seen = await follow(agent.client, scan.id);
    const seconds = (performance.now() - started) / 1000;
    const windowUs = [from, Number(process.hrtime.bigint() / 1000n)];
    if (seen.state.status !== 'done') throw new Error(`the agent's scan of ${image} ended ${seen.state.status}: ${seen.state.error ?? ''}`);
    const result = {
      seconds,
      findings: seen.findings.length,
      bytes: seen.state.progress.bytesTotal,
      cpuSeconds: cpuSeconds(agent.pid) - cpuBefore,
      clientCpuSeconds: clientCpu(clientBefore),
      vmHwmKiB: vmHwmKiB(agent.pid),
      events: seen.events,
      progressEvents: seen.progress,
      windowUs,
    };
    if (replays > 0) {
      result.replays = [];
      for (let i = 0; i < replays; i++) {
        const agentBefore = cpuSeconds(agent.pid);
        const before = process.cpuUsage();
        const t = performance.now();
        const again = await follow(agent.client, scan.id);
        result.replays.push({ seconds: (performance.now() - t) / 1000, events: again.events, agentCpuSeconds: cpuSeconds(agent.pid) - agentBefore, clientCpuSeconds: clientCpu(before) });
      }
    }
    return result;
  } finally {
    await agent.stop();
  }
}
