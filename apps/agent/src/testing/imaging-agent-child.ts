/**
 * The real agent in a process of its own whose imaging jobs read a slow, failing copy of each
 * source file (faulty-source.ts), so a test can kill it (SIGKILL: no chance to save) mid-imaging
 * and start it again on the same home. Every read the imager makes is appended to `readsLog`, one
 * JSON line each, as it happens (a kill loses none that finished). Prints the agent's ready line;
 * SIGTERM closes it. Run by agent-processes.ts: `runAgentProcess(['<json of ImagingAgentJob>'], IMAGING_AGENT_CHILD)`.
 */
import { appendFileSync } from 'node:fs';
import { openFileSource } from '@afterimage/fs-parsers';
import { startAgent } from '../lib/start-agent.js';
import { type FaultPlan, faultySource } from './faulty-source.js';

export interface ImagingAgentJob {
  readonly home: string;
  readonly plan: FaultPlan;
  readonly readsLog: string;
  readonly saveIntervalMs: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as ImagingAgentJob;
const agent = await startAgent({
  home: job.home,
  port: 0,
  demoCard: false,
  imaging: {
    saveIntervalMs: job.saveIntervalMs,
    open: async (path) => {
      const faulty = faultySource(await openFileSource(path), job.plan);
      return {
        ...faulty,
        read: async (offset: number, length: number) => {
          const note = (ok: boolean) => appendFileSync(job.readsLog, `${JSON.stringify({ offset, length, ok })}\n`);
          const data = await faulty.read(offset, length).catch((error: unknown) => {
            note(false);
            throw error;
          });
          note(true);
          return data;
        },
      };
    },
  },
});
console.log(JSON.stringify({ url: agent.url, token: agent.token, home: agent.home }));
process.once('SIGTERM', () => void agent.close().then(() => process.exit(0)));
