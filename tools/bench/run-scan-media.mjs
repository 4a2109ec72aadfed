// The in-process side of the agent benchmark, in its own fresh process (as the agent is):
//   node run-scan-media.mjs IMAGE [--include-live]
// Calls the built engine's scanMedia over openFileSource(IMAGE) — what the agent's scan pipeline
// calls — and consumes the findings (each given an id and kept, as a caller would). Prints one JSON
// line: seconds (from opening the source to the last finding), findings, bytes, cpuSeconds of the
// scan (the whole process, worker threads included) and vmHwmKiB (the process's peak RSS).
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { scanMedia } from '@afterimage/carve-engine';
import { openFileSource } from '@afterimage/fs-parsers';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'include-live': { type: 'boolean', default: false } } });
const [image] = positionals;
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const cpuBefore = cpu();
const started = performance.now();
const source = await openFileSource(image);
const findings = [];
for await (const finding of scanMedia(source, { includeLive: values['include-live'] })) {
  findings.push({ id: `f-${randomUUID().slice(0, 12)}`, ...finding });
}
const seconds = (performance.now() - started) / 1000;
const cpuSeconds = cpu() - cpuBefore;
const bytes = source.size;
await source.close();
const vmHwmKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
process.stdout.write(JSON.stringify({ seconds, findings: findings.length, bytes, cpuSeconds, vmHwmKiB }) + '\n');
