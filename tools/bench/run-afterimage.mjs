// The benchmark's Afterimage runner, in its own process so its time and max RSS can be measured alone:
//   node run-afterimage.mjs IMAGE OUTDIR [--block-size auto|N] [--workers N]
// Scans IMAGE with the built engine (dist) and writes every finding to OUTDIR as f<offset>.<ext> (as
// PhotoRec and foremost write theirs), on a second thread (output-writer.mjs) while the scan goes on,
// and prints one JSON line: alignment, workers, findings.
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { carve } from '@afterimage/carve-engine';
// The file source alone (what the engine's worker threads import): the parsers of the package's index
// are scanMedia's, which a plain carve never loads.
import { openFileSource } from '@afterimage/fs-parsers/source';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'block-size': { type: 'string', default: 'auto' }, workers: { type: 'string' } },
});
const [image, out] = positionals;
const blockSize = values['block-size'] === 'auto' ? 'auto' : Number(values['block-size']);
mkdirSync(out, { recursive: true });
const source = await openFileSource(image);
const scan = carve(source, { blockSize, ...(values.workers ? { workers: Number(values.workers) } : {}) });
// The outputs are copied on a thread of their own, so the scan never waits for a file being created or
// written (the kernel's part of writing ~160 MB varies several-fold from run to run here).
const writer = new Worker(new URL('./output-writer.mjs', import.meta.url), { workerData: { image, out } });
const written = once(writer, 'exit');
let findings = 0;
let summary;
for (;;) {
  const step = await scan.next();
  if (step.done) {
    summary = step.value;
    break;
  }
  const file = step.value;
  findings++;
  writer.postMessage({ name: `f${file.byteRuns[0].offset}.${file.extension}`, byteRuns: file.byteRuns });
}
writer.postMessage(null);
const [code] = await written;
if (code !== 0) throw new Error(`the output writer exited with code ${code}`);
await source.close();
process.stdout.write(JSON.stringify({ ...summary, findings }) + '\n');
