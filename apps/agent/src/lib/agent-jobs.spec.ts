import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device, ImagingState, ScanState } from '@afterimage/contracts';
import { LocalAgentServices, type ScanPipeline } from './agent-services.js';
import { scanMedia, thumbnailForFinding } from './scan-pipeline.js';
import { prepareDemoCard } from './sources.js';
import { openStore } from './store/open-store.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'agent-jobs-'));
});
afterAll(async () => rm(home, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function services(name: string, options: { pipeline?: ScanPipeline; devices?: () => Promise<Device[]> } = {}) {
  const demoCard = await prepareDemoCard(home);
  return new LocalAgentServices({ version: 'test', demoCard, pipeline: options.pipeline ?? scanMedia, thumbnail: thumbnailForFinding, store: openStore(join(home, `${name}.db`)), devices: options.devices });
}

async function lastState<S>(events: AsyncIterable<{ event: { type: string; state?: S } }>): Promise<S> {
  for await (const { event } of events) if (event.type === 'done') return event.state as S;
  throw new Error('no done event');
}

const card = (extra: Partial<Device> = {}): Device => ({
  id: 'sdz',
  path: '/dev/sdz',
  kind: 'disk',
  vendor: 'Generic',
  model: 'SD Reader',
  sizeBytes: 32 * 2 ** 30,
  sectorSize: 512,
  removable: true,
  transport: 'usb',
  readOnly: false,
  mountpoints: [],
  isSystem: false,
  partitions: [],
  ...extra,
});

describe('devices as sources', () => {
  it('adds a listed disk as a device source once, named by its vendor and model', async () => {
    const agent = await services('devices', { devices: async () => [card()] });
    expect(await agent.listDevices()).toEqual([card()]);
    const source = await agent.addDeviceSource({ deviceId: 'sdz' });
    expect(source).toMatchObject({ kind: 'device', path: '/dev/sdz', label: 'Generic SD Reader (/dev/sdz)', sizeBytes: 32 * 2 ** 30 });
    expect(await agent.addDeviceSource({ deviceId: '/dev/sdz' })).toEqual(source);
  });

  it('says plainly when a device is gone or has no card in it', async () => {
    const agent = await services('devices-gone', { devices: async () => [card({ id: 'sdy', path: '/dev/sdy', sizeBytes: 0 })] });
    await expect(agent.addDeviceSource({ deviceId: 'sdz' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/unplugged/) });
    await expect(agent.addDeviceSource({ deviceId: 'sdy' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/no medium/) });
  });
});

describe('a split image as a source', () => {
  it('takes any piece of card.001, card.002… as the whole set, scans it and recovers bit-exact', async () => {
    const agent = await services('split');
    const [demo] = await agent.listSources();
    const whole = await readFile(demo!.path);
    const folder = join(home, 'split');
    await mkdir(folder, { recursive: true });
    const third = Math.ceil(whole.length / 3);
    for (let i = 0; i < 3; i++) await writeFile(join(folder, `card.00${i + 1}`), whole.subarray(i * third, (i + 1) * third));
    const source = await agent.addImageSource({ path: join(folder, 'card.002') });
    expect(source).toMatchObject({ kind: 'image', path: join(folder, 'card.001'), sizeBytes: whole.length, pieces: [1, 2, 3].map((i) => join(folder, `card.00${i}`)) });
    expect(await agent.addImageSource({ path: join(folder, 'card.003') })).toEqual(source);
    const scan = await agent.startScan({ sourceId: source.id });
    expect((await lastState<ScanState>(agent.scanEvents({ scanId: scan.id }, undefined))).findingCount).toBe(7);
    const report = await agent.recover({ scanId: scan.id, destination: join(home, 'split-out') });
    expect(report.files).toHaveLength(7);
    for (const file of report.files) expect(sha(await readFile(join(home, 'split-out', file.path)))).toBe(file.sha256);
    // The recovery is remembered, with where it went and how it ended.
    expect(await agent.listRecoveries()).toEqual([expect.objectContaining({ scanId: scan.id, destination: join(home, 'split-out'), status: 'done', recovered: 7, failed: 0 })]);
  });
});

describe('imaging jobs', () => {
  it('images a source to a file with a map (making its folder), then offers the image as a source of its own', async () => {
    const agent = await services('imaging');
    const [demo] = await agent.listSources();
    const out = join(home, 'images', 'new folder');
    const started = await agent.startImaging({ sourceId: demo!.id, imagePath: join(out, 'card.img') });
    const done = await lastState<ImagingState>(agent.imagingEvents({ imagingId: started.id }, undefined));
    expect(done).toMatchObject({ status: 'done', complete: true, mapPath: join(out, 'card.img.map') });
    expect(sha(await readFile(join(out, 'card.img')))).toBe(sha(await readFile(demo!.path)));
    expect(await readFile(join(out, 'card.img.map'), 'utf8')).toMatch(/\n0x00000000\s+0x[0-9A-F]+\s+\+\n/i);
    const sources = await agent.listSources();
    expect(sources.find((s) => s.id === done.imageSourceId)).toMatchObject({ kind: 'image', path: join(out, 'card.img') });
  });

  it('refuses to write the image over the source itself', async () => {
    const agent = await services('imaging-refused');
    const [demo] = await agent.listSources();
    await expect(agent.startImaging({ sourceId: demo!.id, imagePath: demo!.path })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

/** A scan that waits until it is told to stop, so a pause or a cancel lands while it is running. */
function stoppedWhileWaiting(): ScanPipeline {
  return async (source, options) => {
    await new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve()));
    return scanMedia(source, options);
  };
}

describe('pausing, resuming and cancelling a scan', () => {
  it('a paused scan stays paused across a restart and finishes when resumed', async () => {
    const first = await services('pause', { pipeline: stoppedWhileWaiting() });
    const started = await first.startScan({ sourceId: 'demo-card' });
    const paused = await first.pauseScan(started.id);
    expect(paused.status).toBe('paused');

    const second = await services('pause');
    expect(await second.resumeInterrupted()).toEqual([]);
    expect((await second.getScan(started.id)).status).toBe('paused');
    await second.resumeScan(started.id);
    const done = await lastState<ScanState>(second.scanEvents({ scanId: started.id }, undefined));
    expect(done.status).toBe('done');
    expect(done.findingCount).toBe(7);
    await expect(second.resumeScan(started.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a cancelled scan ends as cancelled and cannot be resumed', async () => {
    const agent = await services('cancel', { pipeline: stoppedWhileWaiting() });
    const started = await agent.startScan({ sourceId: 'demo-card' });
    expect((await agent.cancelScan(started.id)).status).toBe('cancelled');
    await expect(agent.resumeScan(started.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(agent.cancelScan(started.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
