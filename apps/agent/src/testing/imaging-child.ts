/**
 * A separate process that images a failing device and prints each progress report as a JSON line,
 * so a test can kill it (SIGKILL: no chance to save) at a chosen point. The test bundles this file
 * and runs it with `node bundle.mjs '<json of ChildJob>'`.
 */
import { imageSource } from '../lib/imaging/imager.js';
import type { FaultPlan } from './faulty-source.js';
import { failingDevice } from './imaging-fixtures.js';

export interface ChildJob {
  readonly size: number;
  readonly seed: number;
  readonly plan: FaultPlan;
  readonly imagePath: string;
  readonly mapPath: string;
  readonly chunkSize: number;
  readonly saveIntervalMs: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as ChildJob;
const device = failingDevice(job.size, job.plan, job.seed);
await imageSource(device.source(), {
  imagePath: job.imagePath,
  mapPath: job.mapPath,
  chunkSize: job.chunkSize,
  saveIntervalMs: job.saveIntervalMs,
  progressIntervalMs: 0,
  onProgress: (progress) => process.stdout.write(`${JSON.stringify(progress)}\n`),
});
process.stdout.write('{"done":true}\n');
