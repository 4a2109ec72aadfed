import { describe, expect, it } from 'vitest';
import { imagingProgressLine, imagingSummary } from './imaging-progress.js';
import { scanProgressLine } from './scan-progress.js';
import { renderTable } from './table.js';
import { formatBytes, formatDuration, formatTime, parseSize } from './units.js';

const imaging = { phase: 'scraping' as const, pass: 1, deviceSize: 1024 ** 3, bytesRescued: 1024 ** 3 - 4096, bytesBad: 4096, bytesNonTried: 0, nonTrimmed: 0, nonScraped: 0, errors: 2, readErrors: 9, ratePerSecond: 0, currentPos: 0, elapsedMs: 65_000 };

describe('format helpers', () => {
  it('reads sizes as people write them and refuses the rest', () => {
    expect(parseSize('20000')).toBe(20000);
    expect(parseSize('500K')).toBe(512_000);
    expect(parseSize('1.5MB')).toBe(1_572_864);
    expect(parseSize('2g')).toBe(2 * 1024 ** 3);
    for (const bad of ['', '-1', '12 parsecs', 'MB', '1e400']) expect(parseSize(bad)).toBeUndefined();
  });

  it('shows bytes, durations and times', () => {
    expect([formatBytes(512), formatBytes(13_904), formatBytes(35_651_584), formatBytes(274_877_906_944)]).toEqual(['512 B', '14 KB', '34.0 MB', '256.0 GB']);
    expect([formatDuration(7), formatDuration(723), formatDuration(3729), formatDuration(Number.NaN)]).toEqual(['0:07', '12:03', '1:02:09', '?']);
    expect(formatTime('2024-06-15T06:42:10')).toBe('2024-06-15 06:42');
    expect(formatTime(undefined)).toBe('');
  });

  it('lines up a table and cuts long cells', () => {
    const table = renderTable([{ header: 'NAME', max: 6 }, { header: 'SIZE', align: 'right' }], [['IMG_0001.JPG', '14 KB'], ['a', '1 B']]);
    expect(table.split('\n')).toEqual(['NAME     SIZE', 'IMG_0…  14 KB', 'a         1 B']);
  });

  it("says what a scan and an imaging job are doing, ddrescue's numbers included", () => {
    const line = scanProgressLine({ bytesDone: 50, bytesTotal: 100, rateBytesPerSecond: 10, findingsByFormat: { jpeg: 3, cr2: 5 } });
    expect(line).toMatch(/^\[#{10}\.{10}\]\s+50%\s+10 B\/s\s+ETA 0:05\s+5 cr2, 3 jpeg\s+\(50 B of 100 B\)$/);
    expect(imagingProgressLine(imaging)).toContain('bad 4 KB/2 areas');
    expect(imagingSummary(imaging)).toContain('4 KB in 2 areas could not be read');
    expect(imagingSummary({ ...imaging, bytesRescued: 1024 ** 3, bytesBad: 0, errors: 0 })).toContain('every sector was read');
  });
});
