import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';
import { scanStats } from './scan-stats';

describe('scanStats', () => {
  it('gives the share read, the time left at the current rate and the findings by type', () => {
    const s = scanStats({ bytesDone: 250, bytesTotal: 1000, rateBytesPerSecond: 50, findingsByFormat: { png: 2, jpeg: 5, cr2: 2 } }, false);
    expect(s.percent).toBe(25);
    expect(s.etaSeconds).toBe(15);
    expect(s.byFormat).toEqual([['jpeg', 5], ['cr2', 2], ['png', 2]]);
    expect(s.found).toBe(9);
  });

  it('has no time left to guess before the first bytes, and none once finished', () => {
    expect(scanStats({ bytesDone: 0, bytesTotal: 1000, rateBytesPerSecond: 0, findingsByFormat: {} }, false).etaSeconds).toBeUndefined();
    const done = scanStats({ bytesDone: 990, bytesTotal: 1000, rateBytesPerSecond: 10, findingsByFormat: {} }, true);
    expect(done.percent).toBe(100);
    expect(done.etaSeconds).toBeUndefined();
    expect(scanStats(undefined, false).percent).toBe(0);
  });
});

describe('scanStats of a folder', () => {
  it('follows the files examined, not the bytes', () => {
    const s = scanStats({ bytesDone: 900, bytesTotal: 1000, filesDone: 1, filesTotal: 4, rateBytesPerSecond: 0, findingsByFormat: {} }, false);
    expect(s.files).toEqual({ done: 1, total: 4 });
    expect(s.percent).toBe(25);
    expect(scanStats({ bytesDone: 0, bytesTotal: 0, rateBytesPerSecond: 0, findingsByFormat: {} }, false).files).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(0.2)).toBe('under a second');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(4320)).toBe('1 h 12 min');
  });
});
