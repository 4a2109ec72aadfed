import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '@afterimage/fs-parsers';
import { scanMedia, type MediaFinding, type MediaScanOptions } from './scan-media.js';

const dir = resolve(import.meta.dirname, '../../../../../fixtures/media-scan');
const manifest = JSON.parse(readFileSync(join(dir, 'history-card.json'), 'utf8')) as {
  partitionOffset: number;
  files: { name: string; path: string; size: number; sha256: string; deleted: boolean; state: string }[];
  insideLiveFile: { sha256: string };
  outsideVolumes: { offset: number; sha256: string };
};
const image = gunzipSync(readFileSync(join(dir, 'history-card.img.gz')));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = (name: string) => manifest.files.find((f) => f.name === name)!;
const bytesOf = (f: MediaFinding) => Buffer.concat(f.byteRuns.map((r) => image.subarray(r.offset, r.offset + r.length)));

async function scan(options: MediaScanOptions = {}): Promise<MediaFinding[]> {
  const found: MediaFinding[] = [];
  for await (const finding of scanMedia(bufferSource(image, 'history-card.img'), { workers: 1, ...options })) found.push(finding);
  return found;
}

describe('scanMedia: a card with a history (MBR, FAT32, shoot / delete / fragment / overwrite)', async () => {
  const findings = await scan();
  const named = (name: string) => findings.filter((f) => f.name === name);

  it('brings back each intact deleted photo once, bit-exact, under its own name, folder and times', () => {
    for (const name of ['Beach day.jpg', 'Estuary.jpg']) {
      const expected = file(name);
      const [found, ...more] = named(name);
      expect(more, name).toHaveLength(0);
      expect(found, name).toMatchObject({ origin: 'deleted', foundBy: 'both', originalPath: expected.path, sha256: expected.sha256, validation: { state: 'complete' } });
      expect(sha(bytesOf(found!)), name).toBe(expected.sha256);
      expect(found!.times?.modifiedAt, name).toMatch(/^2024-08-0\dT/);
      expect(found!.metadata.model).toBe('History Camera');
      // Its clusters were a guess (the entry's chain is gone), checked by the JPEG's structure.
      expect(found!.confidence).toBe('medium');
    }
  });

  it('reports no finding twice and no live photo unless asked', () => {
    const keys = findings.map((f) => `${f.sha256}@${f.byteRuns[0]!.offset}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findings.filter((f) => f.origin === 'live')).toEqual([]);
    expect(findings.some((f) => f.sha256 === manifest.insideLiveFile.sha256)).toBe(false);
  });

  it('gets a fragmented deleted photo back whole where the usual guess (free clusters from its start) is wrong, and says how', () => {
    // Dunes filled Alps' hole and went on after album.bin; Beach, between the two, was deleted later,
    // so the free clusters after Dunes' first fragment are Beach's. tsk_recover returns that mix.
    const expected = file('Dunes at dusk.jpg');
    const [dunes, ...more] = named('Dunes at dusk.jpg');
    expect(more).toHaveLength(0);
    expect(dunes).toMatchObject({ origin: 'deleted', sha256: expected.sha256, validation: { state: 'complete' } });
    expect(dunes!.byteRuns.length).toBe(2);
    expect(sha(bytesOf(dunes!))).toBe(expected.sha256);
    expect(dunes!.validation.reasons.join(' ')).toMatch(/skipping those other deleted files began in, after a guess \(contiguous-free\) gave a corrupt file/);
  });

  it('does not report a photo whose first clusters another file took since, and never a damaged one as complete', () => {
    expect(named('Fjord.jpg')).toEqual([]);
    for (const found of findings) if (found.validation.state === 'complete') expect(sha(bytesOf(found))).toBe(found.sha256);
    const known = new Set([...manifest.files.map((f) => f.sha256), manifest.outsideVolumes.sha256]);
    expect(findings.filter((f) => !known.has(f.sha256)).map((f) => f.name)).toEqual([]);
  });

  it('carves the space no filesystem describes, at its real offset', () => {
    const lost = findings.filter((f) => f.sha256 === manifest.outsideVolumes.sha256);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ origin: 'lost', foundBy: 'carving', byteRuns: [{ offset: manifest.outsideVolumes.offset }] });
  });

  it('with live files wanted, reports the live photos under their names, and still not the picture inside album.bin', async () => {
    const all = await scan({ includeLive: true });
    const live = all.filter((f) => f.origin === 'live').map((f) => [f.originalPath, f.sha256]);
    expect(all.filter((f) => f.origin === 'live').map((f) => f.confidence)).toEqual(['high', 'high']);
    expect(live.sort()).toEqual(manifest.files.filter((f) => !f.deleted).map((f) => [f.path, f.sha256]).sort());
    expect(all.some((f) => f.sha256 === manifest.insideLiveFile.sha256)).toBe(false);
  });

  it('an interrupted scan goes on from its checkpoint and, kept once by place and hash, finds what a whole scan finds', async () => {
    const key = (f: MediaFinding) => `${f.byteRuns[0]!.offset}:${f.sha256}:${f.name}`;
    const whole = new Set(findings.map(key));
    const controller = new AbortController();
    let saved: Parameters<NonNullable<MediaScanOptions['onCheckpoint']>>[0] | undefined;
    const before: MediaFinding[] = [];
    const onCheckpoint: MediaScanOptions['onCheckpoint'] = (checkpoint) => {
      // Killed once the carve is past the first photos of the partition.
      if (checkpoint.nextOffset > 1_700_000 && !saved) {
        saved = checkpoint;
        controller.abort(new Error('agent killed'));
      }
    };
    const run = async () => {
      for await (const f of scanMedia(bufferSource(image, 'history-card.img'), { workers: 1, signal: controller.signal, checkpointEvery: 1 << 20, onCheckpoint })) before.push(f);
    };
    await expect(run()).rejects.toThrow();
    expect(saved).toBeDefined();
    const after = await scan({ resumeFrom: saved });
    expect(before.length).toBeGreaterThan(0);
    expect(saved!.nextOffset).toBeLessThan(image.length / 2);
    expect(new Set([...before, ...after].map(key))).toEqual(whole);
  });

  it('says which filesystems it read before carving', async () => {
    const seen: string[] = [];
    await scan({ onVolumes: (filesystems) => seen.push(...filesystems.map((f) => `${f.id}@${f.offset}`)) });
    expect(seen).toEqual([`fat32@${manifest.partitionOffset}`]);
  });
});
