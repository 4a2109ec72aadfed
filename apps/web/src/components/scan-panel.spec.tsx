import type { ScanState, Source } from '@afterimage/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AgentProvider } from '../lib/agent-context';
import type { LiveScan } from '../lib/use-scan-live';
import { ScanPanel } from './scan-panel';

const settings = { agentUrl: 'http://127.0.0.1:7170', token: 't', defaultDestination: '/home/me/Pictures/Recovered', imagesFolder: '/home/me/Afterimage images' };
const card: Source = { id: 'dev-1', kind: 'device', label: 'SanDisk Ultra (/dev/sdb)', path: '/dev/sdb', sizeBytes: 32e9 };
const progress = { bytesDone: 3e9, bytesTotal: 32e9, rateBytesPerSecond: 40e6, findingsByFormat: { jpeg: 12 } };
const failed: ScanState = {
  id: 'scan-1',
  sourceId: 'dev-1',
  status: 'failed',
  startedAt: '2024-06-15T08:00:00Z',
  finishedAt: '2024-06-15T08:01:15Z',
  progress,
  findingCount: 12,
  error: 'The device gave a read error: it may be failing. Make an image of it first (good areas first, with a map file so it can be resumed), then scan the image, so the device is read as little as possible.',
};

function render(live: LiveScan, source: Source) {
  const noop = () => undefined;
  return renderToStaticMarkup(
    <AgentProvider settings={settings}>
      <ScanPanel live={live} source={source} onPause={noop} onResume={noop} onCancel={noop} onScanSource={noop} />
    </AgentProvider>,
  );
}

describe('ScanPanel', () => {
  it('offers to image a device that a scan stopped on for read errors, into the images folder', () => {
    const html = render({ state: failed, progress, found: 12, reconnecting: false }, card);
    expect(html).toContain('The scan stopped at 9%');
    expect(html).toContain('Make an image of this device first');
    expect(html).toContain('value="/home/me/Afterimage images/SanDisk-Ultra-dev-sdb.img"');
  });

  it('does not offer it for an image, nor for a scan that ended well', () => {
    expect(render({ state: failed, progress, found: 12, reconnecting: false }, { ...card, kind: 'image', path: '/x.img' })).not.toContain('Make an image of this device first');
    const done = render({ state: { ...failed, status: 'done', error: undefined }, progress, found: 12, reconnecting: false }, card);
    expect(done).not.toContain('Make an image');
    expect(done).toContain('Scan finished in 1 min 15 s: 12 found');
  });

  it('shows bad sectors beside the bytes and speed, says the count came from the imaging map, and offers no imaging for an image', () => {
    const image: Source = { ...card, id: 'src-1', kind: 'image', path: '/images/card.img', label: 'card.img' };
    const health = { ...progress, badSectors: 7, badSectorsFromMap: 7, unreadableBytes: 3584 };
    const html = render({ state: { ...failed, status: 'done', error: undefined, progress: health }, progress: health, found: 12, reconnecting: false }, image);
    expect(html).toMatch(/<dt>Bad sectors<\/dt><dd data-testid="stat-bad-sectors"[^>]*>7<\/dd>/);
    expect(html).toContain('Scan finished in 1 min 15 s: 12 found · 7 bad sectors');
    expect(html).toContain('7 sectors could not be read from the device when it was imaged: the count comes from the imaging map.');
    expect(html).not.toContain('Make an image of this device first');
    // None: no line, no sentence.
    const clean = render({ state: { ...failed, status: 'done', error: undefined }, progress, found: 12, reconnecting: false }, image);
    expect(clean).not.toContain('Bad sectors');
    expect(clean).not.toContain('scan-read-health');
  });

  it('offers to image a device whose scan shows bad sectors, and says where the first one was', () => {
    const health = { ...progress, badSectors: 1, readErrors: 1, unreadableBytes: 4_194_304, firstReadErrorAt: 738_816 };
    // Offered from the count, whatever the error says.
    const html = render({ state: { ...failed, progress: health, error: 'Stopped.' }, progress: health, found: 12, reconnecting: false }, card);
    expect(html).toContain('data-testid="stat-bad-sectors"');
    expect(html).toContain('1 sector of this device could not be read, the first 739 KB in.');
    expect(html).toContain('Make an image of this device first');
  });

  it('shows bytes, speed, time left, findings by type and the controls while running', () => {
    const html = render({ state: { ...failed, status: 'running', finishedAt: undefined, error: undefined }, progress, found: 12, reconnecting: false }, card);
    expect(html).toContain('3.0 GB of 32.0 GB');
    expect(html).toContain('40.0 MB/s');
    expect(html).toContain('about 12 min 5 s');
    expect(html).toContain('JPEG 12');
    expect(html).toContain('data-testid="scan-pause"');
  });
});
