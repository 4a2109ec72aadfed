// The benchmark's Afterimage runner, in its own process so its time and max RSS can be measured alone:
//   node run-afterimage.mjs IMAGE OUTDIR [--block-size auto|N] [--workers N]
// Scans IMAGE with the built engine (dist), writes every finding to OUTDIR as f<offset>.<ext> (as
// PhotoRec and foremost write theirs), and prints one JSON line: alignment, workers, findings.
import { mkdirSync, openSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
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
let findings = 0;
let summary;
// Every output is copied through one reused buffer, as PhotoRec and foremost write theirs: a fresh
// 1 MiB Buffer per piece is garbage that costs this process ~30 MiB of max RSS, which is not the scan's.
const piece = Buffer.allocUnsafe(1 << 20);
for (;;) {
  const step = await scan.next();
  if (step.done) {
    summary = step.value;
    break;
  }
  const file = step.value;
  findings++;
  const fd = openSync(join(out, `f${file.byteRuns[0].offset}.${file.extension}`), 'w');
  for (const run of file.byteRuns) {
    for (let done = 0; done < run.length; ) {
      const n = await source.readInto(piece.subarray(0, Math.min(piece.length, run.length - done)), run.offset + done);
      if (n === 0) throw new Error(`${image}: nothing read at ${run.offset + done}`);
      writeSync(fd, piece, 0, n);
      done += n;
    }
  }
  closeSync(fd);
}
await source.close();
process.stdout.write(JSON.stringify({ ...summary, findings }) + '\n');
