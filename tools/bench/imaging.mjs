// `node tools/bench/imaging.mjs [--size MiB] [--zone MiB]` (after `npx tsc -b apps/agent/tsconfig.lib.json`):
// the imager of apps/agent (its dist) on (1) a healthy file of --size MiB (default 256), page cache
// warm, at 64 KiB and 1 MiB chunks, beside GNU ddrescue on the same file when it is installed; and
// (2) a --size MiB device in memory with a --zone MiB dead zone (default 16) in the middle: reads and
// time until the first good read beyond the zone (pass 1), and the whole rescue (trimming and
// scraping each sector of the zone). A benchmark, not a test.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { size: { type: 'string', default: '256' }, zone: { type: 'string', default: '16' } } });
const MiB = 1024 * 1024;
const size = Number(values.size) * MiB;
const zone = Number(values.zone) * MiB;
const { imageDevice, imageSource } = await import(join(root, 'apps/agent/dist/lib/imaging/index.js'));
const { bufferSource } = await import(join(root, 'libs/fs-parsers/dist/index.js'));

const dir = mkdtempSync(join(tmpdir(), 'afterimage-bench-imaging-'));
const seconds = (start) => (performance.now() - start) / 1000;
const rate = (bytes, s) => `${(bytes / MiB / s).toFixed(0)} MiB/s`;
try {
  const bytes = randomBytes(size);
  const file = join(dir, 'device.bin');
  writeFileSync(file, bytes);
  readFileSync(file); // warm the page cache
  console.log(`healthy ${values.size} MiB file (page cache warm):`);
  for (const chunkSize of [64 * 1024, MiB]) {
    const paths = { imagePath: join(dir, `out-${chunkSize}.img`), mapPath: join(dir, `out-${chunkSize}.map`) };
    const start = performance.now();
    await imageDevice(file, { ...paths, chunkSize });
    const s = seconds(start);
    console.log(`  Afterimage, ${chunkSize / 1024} KiB chunks: ${s.toFixed(2)} s, ${rate(size, s)}`);
    rmSync(paths.imagePath);
  }
  if (spawnSync('ddrescue', ['--version']).status === 0) {
    const start = performance.now();
    spawnSync('ddrescue', ['-q', file, join(dir, 'dd.img'), join(dir, 'dd.map')]);
    const s = seconds(start);
    console.log(`  GNU ddrescue (64 KiB clusters): ${s.toFixed(2)} s, ${rate(size, s)}`);
    rmSync(join(dir, 'dd.img'));
  }

  console.log(`${values.zone} MiB dead zone in a ${values.size} MiB device (in memory, errors instant):`);
  const zoneStart = Math.floor((size - zone) / 2 / MiB) * MiB;
  const inner = bufferSource(bytes);
  let reads = 0;
  let failed = 0;
  let crossed;
  const start = performance.now();
  const source = {
    label: 'dead-zone',
    size,
    async read(offset, length) {
      reads++;
      if (offset < zoneStart + zone && offset + length > zoneStart) {
        failed++;
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      }
      if (!crossed && offset >= zoneStart + zone) crossed = { reads, failed, s: seconds(start) };
      return inner.read(offset, length);
    },
    close: async () => undefined,
  };
  const result = await imageSource(source, { imagePath: join(dir, 'zone.img'), mapPath: join(dir, 'zone.map'), retries: 1 });
  const s = seconds(start);
  console.log(`  crossed in pass 1 after ${crossed.failed} failed reads (${crossed.reads} reads, ${(crossed.s * 1000).toFixed(0)} ms)`);
  console.log(`  whole rescue: ${s.toFixed(2)} s, ${reads} reads (${failed} failed), bad ${result.progress.bytesBad / MiB} MiB in ${result.progress.errors} area(s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
