import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecoveryReportSchema, type Finding } from '@afterimage/contracts';
import { bufferSource, type ByteSource } from '@afterimage/fs-parsers';
import { recoverFiles } from './recover-files.js';

// A destination that fills up during the recovery: a real 4 MiB tmpfs (mounting one needs root).
const KiB = 1024;
const disk = randomBytes(4 * 400 * KiB);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function finding(i: number): Finding {
  const bytes = disk.subarray(i * 400 * KiB, (i + 1) * 400 * KiB);
  return {
    id: `f${i}`,
    format: 'jpeg',
    extension: 'jpg',
    mimeType: 'image/jpeg',
    name: `IMG_000${i}.JPG`,
    origin: 'deleted',
    foundBy: 'carving',
    byteRuns: [{ offset: i * 400 * KiB, length: bytes.length }],
    size: bytes.length,
    sha256: sha(bytes),
    validation: { state: 'complete', reasons: [] },
    metadata: {},
    hasThumbnail: false,
  };
}

let dir: string;
let mounted: string | undefined;
let cannotMount: string | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recover-full-'));
  const at = join(dir, 'small-disk');
  await mkdir(at);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', at], { stdio: 'pipe' });
    mounted = at;
  } catch (error) {
    cannotMount = `cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]})`;
  }
});
afterAll(async () => {
  if (mounted) execFileSync('umount', [mounted]);
  await rm(dir, { recursive: true, force: true });
});

describe('a destination that fills up during a recovery', () => {
  it('keeps every file verified before, says which were not written and why, and leaves no partial copy', async (context) => {
    if (!mounted) return context.skip(cannotMount);
    const destination = join(mounted, 'Recovered');
    // Reads past the first file wait until the test has filled the disk.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const plain = bufferSource(disk);
    const source: ByteSource = {
      label: 'card.img',
      size: plain.size,
      read: async (offset, length) => (offset >= 400 * KiB && (await gate), plain.read(offset, length)),
      close: () => plain.close(),
    };
    const findings = [0, 1, 2, 3].map(finding);
    const verified: string[] = [];
    const running = recoverFiles({
      source,
      sourcePath: '/dev/card',
      destination,
      findings,
      version: 'test',
      onFile: ({ finding: f, outcome }) => {
        if (outcome !== 'verified') return;
        verified.push(f.id);
        if (f.id === 'f0') void fill().then(open);
      },
    });
    // Another program takes the room, leaving a little for the report.
    const fill = async () => {
      const fs = await statfs(mounted as string);
      await writeFile(join(mounted as string, 'filler'), Buffer.alloc(fs.bavail * fs.bsize - 64 * KiB));
    };
    const report = await running;

    expect(verified).toEqual(['f0']);
    expect(report.files.map((f) => f.findingId)).toEqual(['f0']);
    expect(sha(await readFile(join(destination, report.files[0]!.path)))).toBe(findings[0]!.sha256);
    expect(report.failed.map((f) => f.findingId)).toEqual(['f1', 'f2', 'f3']);
    for (const failure of report.failed) expect(failure.reason).toMatch(/destination is full/);
    const left = await readdir(join(destination, 'lost'));
    expect(left).toEqual(['IMG_0000.JPG']);
    const onDisk = RecoveryReportSchema.parse(JSON.parse(await readFile(join(destination, 'report.json'), 'utf8')));
    expect(onDisk.failed).toHaveLength(3);
    expect(existsSync(join(destination, '.report.json.partial'))).toBe(false);
  });
});
