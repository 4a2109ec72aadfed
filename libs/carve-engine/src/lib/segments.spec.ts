import { describe, expect, it } from 'vitest';
import { clipRanges, RangeMeter } from './scan-settings.js';
import { splitSegments } from './segments.js';

const ranges = [
  { offset: 0, length: 100 },
  { offset: 150, length: 10 },
  { offset: 170, length: 5 },
  { offset: 300, length: 250 },
];

describe('segments of the scan ranges', () => {
  it('puts every offset of the ranges in exactly one segment, in order, about `size` bytes each', () => {
    const segments = splitSegments(ranges, 64);
    const covered = segments.flatMap((s) => s.ranges);
    expect(clipRanges(covered, 0)).toEqual(covered);
    const bytes = (rs: readonly { offset: number; length: number }[]): number[] => rs.flatMap((r) => Array.from({ length: r.length }, (_, i) => r.offset + i));
    expect(bytes(covered)).toEqual(bytes(ranges));
    expect(segments.map((s) => s.bytes)).toEqual([64, 64, 64, 64, 64, 45]);
    // Small ranges share a segment: 36 bytes of the first range, then all of the next two, then the big one.
    expect(segments[1].ranges).toEqual([{ offset: 64, length: 36 }, { offset: 150, length: 10 }, { offset: 170, length: 5 }, { offset: 300, length: 13 }]);
    expect(segments[1].end).toBe(313);
  });

  it('counts the bytes of the ranges below a position, and the ranges wholly below it', () => {
    const meter = new RangeMeter(ranges);
    expect(meter.total).toBe(365);
    expect([0, 50, 100, 149, 155, 165, 172, 299, 400, 10_000].map((p) => meter.bytesBelow(p))).toEqual([0, 50, 100, 100, 105, 110, 112, 115, 215, 365]);
    expect([0, 100, 160, 175, 549, 550].map((p) => meter.rangesBelow(p))).toEqual([0, 1, 2, 3, 3, 4]);
  });

  it('clips ranges to a window', () => {
    expect(clipRanges(ranges, 155, 310)).toEqual([{ offset: 155, length: 5 }, { offset: 170, length: 5 }, { offset: 300, length: 10 }]);
  });
});
