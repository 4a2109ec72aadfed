import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '@afterimage/fs-parsers';
import { scanMedia, type MediaFinding, type MediaScanOptions } from './scan-media.js';

const dir = resolve(import.meta.dirname, '../../../../../fixtures/android-trash');
const manifest = JSON.parse(readFileSync(join(dir, 'android-trash.json'), 'utf8')) as {
  files: { path: string; name: string; state: 'live' | 'trashed' | 'pending'; originalName: string; originalPath: string; since?: string; expiresAt?: string; deleted: boolean; sha256: string; modifiedAt: string }[];
};
const image = gunzipSync(readFileSync(join(dir, 'android-trash.img.gz')));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = (originalName: string) => manifest.files.find((f) => f.originalName === originalName)!;

async function scan(options: MediaScanOptions = {}): Promise<MediaFinding[]> {
  const found: MediaFinding[] = [];
  for await (const finding of scanMedia(bufferSource(image, 'android-trash.img'), { workers: 1, ...options })) found.push(finding);
  return found;
}

describe("scanMedia on an Android phone's SD card: MediaStore's trashed and pending files", async () => {
  const findings = await scan();
  const only = (name: string) => {
    const found = findings.filter((f) => f.name === name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };

  it('a trashed photo comes back under its real name and folder, with its expiry, bit-exact', () => {
    const expected = file('IMG_20240602_111111.jpg');
    const found = only(expected.originalName);
    expect(found).toMatchObject({ originalPath: expected.originalPath, origin: 'deleted', foundBy: 'filesystem', format: 'jpeg', sha256: expected.sha256, validation: { state: 'complete' } });
    // When it was trashed: its expiry less MediaStore's 30 days. FAT keeps times to 2 seconds.
    expect(found.times?.deletedAt).toBe(expected.since);
    expect(found.trash).toEqual({ by: 'android-trash', deletedAt: expected.since, purgeAt: expected.expiresAt });
    expect(Date.parse(expected.modifiedAt) - Date.parse(found.times?.modifiedAt ?? '')).toBeOneOf([0, 1000]);
    expect(found.validation.reasons).toContain(
      `MediaStore trashed, expires ${expected.expiresAt}: is in Android's trash as ${expected.name}; trashed around ${expected.since} (MediaStore keeps trashed items 30 days)`,
    );
    expect(sha(Buffer.concat(found.byteRuns.map((r) => image.subarray(r.offset, r.offset + r.length))))).toBe(expected.sha256);
  });

  it('the pending video too, and the trashed screenshot in another folder', () => {
    const video = file('VID_20240612_093000.mp4');
    const found = only(video.originalName);
    expect(found).toMatchObject({ originalPath: video.originalPath, origin: 'deleted', format: 'mp4', sha256: video.sha256, validation: { state: 'complete' } });
    expect(found.times?.deletedAt).toBeUndefined();
    expect(found.trash).toEqual({ by: 'android-pending', purgeAt: video.expiresAt });
    expect(found.validation.reasons.join(' ')).toContain(`MediaStore pending, expires ${video.expiresAt}: is kept as ${video.name} by an app that never finished it`);
    const screenshot = file('Screenshot_20240614-101500.png');
    expect(only(screenshot.originalName)).toMatchObject({ originalPath: screenshot.originalPath, format: 'png', sha256: screenshot.sha256, times: { deletedAt: screenshot.since } });
  });

  it('a trashed photo deleted for good afterwards still comes back under its real name', () => {
    const expected = file('IMG_20240505_080000.jpg');
    const found = only(expected.originalName);
    expect(found).toMatchObject({ originalPath: expected.originalPath, origin: 'deleted', sha256: expected.sha256, validation: { state: 'complete' }, times: { deletedAt: expected.since } });
    expect(found.validation.reasons.join(' ')).toContain(`MediaStore trashed, expires ${expected.expiresAt}: was in Android's trash as ${expected.name}, then deleted;`);
  });

  it('no finding keeps a hidden name; the live photo only when live files are asked for, with no MediaStore reason', async () => {
    expect(findings.filter((f) => /^\.(trashed|pending)-/.test(f.name))).toEqual([]);
    expect(findings.map((f) => f.name).sort()).toEqual(manifest.files.filter((f) => f.state !== 'live').map((f) => f.originalName).sort());
    const live = (await scan({ includeLive: true })).filter((f) => f.origin === 'live');
    expect(live.map((f) => [f.name, f.originalPath, f.sha256])).toEqual([['IMG_20240601_101010.jpg', '/DCIM/Camera/IMG_20240601_101010.jpg', file('IMG_20240601_101010.jpg').sha256]]);
    expect(live[0]!.validation.reasons.join(' ')).not.toContain('MediaStore');
    expect(live[0]!.trash).toBeUndefined();
  });
});
