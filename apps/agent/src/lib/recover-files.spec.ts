import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecoveryReportSchema, type Finding } from '@afterimage/contracts';
import { bufferSource } from '@afterimage/fs-parsers';
import { recoverFiles } from './recover-files.js';

const disk = Buffer.alloc(64 * 1024);
for (let i = 0; i < disk.length; i++) disk[i] = (i * 7 + (i >> 8)) & 0xff;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function findingAt(id: string, runs: { offset: number; length: number }[], extra: Partial<Finding> = {}): Finding {
  const bytes = Buffer.concat(runs.map((r) => disk.subarray(r.offset, r.offset + r.length)));
  return {
    id,
    format: 'jpeg',
    extension: 'jpg',
    mimeType: 'image/jpeg',
    name: `${id}.jpg`,
    origin: 'deleted',
    foundBy: 'both',
    byteRuns: runs,
    size: bytes.length,
    sha256: sha(bytes),
    validation: { state: 'complete', reasons: [] },
    metadata: {},
    hasThumbnail: false,
    ...extra,
  };
}

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'recover-files-'));
});
afterEach(async () => rm(out, { recursive: true, force: true }));

const recover = (findings: Finding[]) =>
  recoverFiles({ source: bufferSource(disk), sourcePath: '/dev/fake', destination: join(out, 'dest'), findings, version: 'test' });

describe('recoverFiles', () => {
  it('writes fragmented files bit-exact under their original folders and reports them', async () => {
    const photo = findingAt('a', [{ offset: 512, length: 1000 }, { offset: 8192, length: 700 }], { name: 'IMG_0001.JPG', originalPath: '/DCIM/100DEMO/IMG_0001.JPG' });
    const report = await recover([photo]);
    const written = await readFile(join(out, 'dest/DCIM/100DEMO/IMG_0001.JPG'));
    expect(sha(written)).toBe(photo.sha256);
    expect(written.length).toBe(1700);
    const onDisk = RecoveryReportSchema.parse(JSON.parse(await readFile(join(out, 'dest/report.json'), 'utf8')));
    expect(onDisk.files).toEqual(report.files);
    expect(onDisk.files[0]).toMatchObject({ path: 'DCIM/100DEMO/IMG_0001.JPG', sha256: photo.sha256, byteRuns: photo.byteRuns });
  });

  it('gives the copy the modification time the filesystem recorded, and says it in the report', async () => {
    const times = { createdAt: '2024-08-05T19:45:00.000Z', modifiedAt: '2024-08-05T19:45:02.000Z' };
    const report = await recover([findingAt('t', [{ offset: 0, length: 300 }], { times })]);
    const { mtime } = await stat(join(out, 'dest/lost/t.jpg'));
    expect(mtime.toISOString()).toBe(times.modifiedAt);
    expect(report.files[0]?.times).toEqual(times);
  });

  it('writes report.csv beside report.json: a header and a row per recovered file, quoted as a spreadsheet expects', async () => {
    const odd = findingAt('c', [{ offset: 4096, length: 500 }], { name: 'Beach, "day" 2.jpg', originalPath: '/DCIM/Beach, "day" 2.jpg', metadata: { make: 'Canon', model: 'EOS 450D' } });
    const plain = findingAt('d', [{ offset: 9000, length: 100 }], { name: '=SUM(A1).jpg' });
    await recover([odd, plain]);
    const lines = (await readFile(join(out, 'dest/report.csv'), 'utf8')).split('\r\n');
    expect(lines[0]).toBe('path,name,original_path,format,size,sha256,origin,found_by,state,confidence,taken_at,camera,modified_at,deleted_at,source_offset,source_file,trashed_by,purge_at,live_photo_pair');
    // The file on disk has Windows-safe characters; the name column keeps the original.
    expect(lines[1]).toBe(`"DCIM/Beach, _day_ 2.jpg","Beach, ""day"" 2.jpg","/DCIM/Beach, ""day"" 2.jpg",jpeg,500,${odd.sha256},deleted,both,complete,,,Canon EOS 450D,,,4096,,,,`);
    expect(lines[2]).toBe(`lost/=SUM(A1).jpg,'=SUM(A1).jpg,,jpeg,100,${plain.sha256},deleted,both,complete,,,,,,9000,,,,`);
    expect(lines.slice(3)).toEqual(['']);
  });

  it('keeps nothing whose written copy does not hash to what the scan measured', async () => {
    const wrong = findingAt('bad', [{ offset: 0, length: 100 }], { sha256: 'f'.repeat(64) });
    const report = await recover([wrong]);
    expect(report.files).toEqual([]);
    expect(report.failed[0]).toMatchObject({ findingId: 'bad' });
    expect(report.failed[0]!.reason).toContain('sha256');
    expect(existsSync(join(out, 'dest/lost/bad.jpg'))).toBe(false);
  });

  it('lists files and failures in the order asked though files are written side by side', async () => {
    const findings = Array.from({ length: 12 }, (_, i) =>
      findingAt(`f${i}`, [{ offset: i * 4096, length: 1000 + i * 300 }], i % 5 === 3 ? { sha256: 'e'.repeat(64) } : {}),
    );
    const report = await recover(findings);
    expect(report.files.map((f) => f.findingId)).toEqual(findings.filter((_, i) => i % 5 !== 3).map((f) => f.id));
    expect(report.failed.map((f) => f.findingId)).toEqual(['f3', 'f8']);
    for (const file of report.files) expect(sha(await readFile(join(out, 'dest', file.path)))).toBe(file.sha256);
  });

  it('gives colliding names a counter instead of overwriting', async () => {
    const one = findingAt('one', [{ offset: 0, length: 10 }], { name: 'same.jpg' });
    const two = findingAt('two', [{ offset: 100, length: 10 }], { name: 'same.jpg' });
    const report = await recover([one, two]);
    expect(report.files.map((f) => f.path)).toEqual(['lost/same.jpg', 'lost/same-1.jpg']);
    expect(sha(await readFile(join(out, 'dest/lost/same-1.jpg')))).toBe(two.sha256);
  });

  it('never writes outside the destination, whatever path the source claims', async () => {
    const sneaky = findingAt('x', [{ offset: 0, length: 10 }], { name: '..', originalPath: '/../../../etc/passwd' });
    const report = await recover([sneaky]);
    expect(report.files[0]!.path.startsWith('etc/')).toBe(true);
    expect(existsSync(join(out, 'dest', report.files[0]!.path))).toBe(true);
  });

  it('refuses before writing anything when the destination lacks the space', async () => {
    const huge = findingAt('h', [{ offset: 0, length: 10 }], { size: 2 ** 52 });
    await expect(recover([huge])).rejects.toMatchObject({ code: 'NO_SPACE' });
    expect(existsSync(join(out, 'dest'))).toBe(false);
  });
});
