import { describe, expect, it } from 'vitest';
import type { Finding } from '@afterimage/contracts';
import { bufferSource } from '@afterimage/fs-parsers';
import { findingIdFor, type FolderItem } from './folder-item.js';
import { folderPipeline } from './folder-pipeline.js';

/** Not a photo by content (a .jpg whose bytes are text): its damage is data, the scan goes on. */
const item = (file: string, content: string, open?: () => Promise<never>): FolderItem => ({
  file,
  name: file.split('/').pop() as string,
  originalPath: `/${file}`,
  size: content.length,
  origin: 'deleted',
  notes: [],
  open: open ?? (async () => bufferSource(Buffer.from(content), file)),
});

async function run(items: FolderItem[], resumeFrom?: unknown) {
  const findings: Finding[] = [];
  const progress: unknown[] = [];
  const checkpoints: unknown[] = [];
  const skipped: string[] = [];
  const pipeline = folderPipeline(async () => items, (i) => skipped.push(i.file));
  await pipeline(bufferSource(Buffer.alloc(0)), {
    includeLive: false,
    keepCorrupt: false,
    signal: new AbortController().signal,
    sink: { progress: (p) => progress.push(p), finding: (f) => findings.push(f) },
    resumeFrom,
    onCheckpoint: (c) => checkpoints.push(c),
  });
  return { findings, progress, checkpoints, skipped };
}

describe('folderPipeline', () => {
  const items = Array.from({ length: 20 }, (_, i) => item(`DCIM/IMG_${String(i).padStart(4, '0')}.jpg`, `not a jpeg ${i}`));

  it('makes one finding per file, its id from the file, damage stated, progress by files and bytes, a checkpoint every 16 files', async () => {
    const { findings, progress, checkpoints } = await run(items);
    expect(findings.map((f) => f.id)).toEqual(items.map((i) => findingIdFor(i.file)));
    expect(findings[0]).toMatchObject({ format: 'jpeg', confidence: 'low', validation: { state: 'corrupt' }, byteRuns: [{ offset: 0, length: 12 }], file: { path: 'DCIM/IMG_0000.jpg' } });
    const bytes = items.reduce((s, i) => s + i.size, 0);
    expect(progress.at(0)).toEqual({ bytesDone: 0, bytesTotal: bytes, filesDone: 0, filesTotal: 20 });
    expect(progress.at(-1)).toEqual({ bytesDone: bytes, bytesTotal: bytes, filesDone: 20, filesTotal: 20 });
    expect(checkpoints).toEqual([{ folderFilesDone: 16 }]);
  });

  it('goes on after the files a checkpoint counts, with the same ids', async () => {
    const all = await run(items);
    const resumed = await run(items, { folderFilesDone: 16 });
    expect(resumed.findings).toEqual(all.findings.slice(16));
    expect(resumed.progress.at(0)).toMatchObject({ filesDone: 16 });
    expect((await run(items, { folderFilesDone: 'x' })).findings).toHaveLength(20);
  });

  it('skips a file it cannot read and goes on', async () => {
    const gone = item('DCIM/gone.jpg', 'x', async () => Promise.reject(new Error('ENOENT')));
    const { findings, skipped } = await run([items[0]!, gone, items[1]!]);
    expect(findings.map((f) => f.name)).toEqual(['IMG_0000.jpg', 'IMG_0001.jpg']);
    expect(skipped).toEqual(['DCIM/gone.jpg']);
  });
});
