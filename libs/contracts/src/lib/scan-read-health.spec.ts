import { describe, expect, it } from 'vitest';
import { ScanEventSchema, ScanProgressSchema, ScanStateSchema } from './scan.js';

// Progress as the agent stored it before it counted bad sectors: it must still read.
const stored = { bytesDone: 1024, bytesTotal: 4096, rateBytesPerSecond: 0, findingsByFormat: { jpeg: 2 } };

describe('scan progress with read health', () => {
  it('still reads progress stored before bad sectors were counted, with no read-health fields', () => {
    const parsed = ScanProgressSchema.parse(stored);
    expect(parsed).toEqual(stored);
    expect(parsed.badSectors).toBeUndefined();
    const state = ScanStateSchema.parse({ id: 's', sourceId: 'src', status: 'done', startedAt: '2024-06-15T08:00:00Z', progress: stored, findingCount: 2 });
    expect(state.progress.unreadableBytes).toBeUndefined();
  });

  it('carries bad sectors, unreadable bytes, read errors, the map share and where the first error was', () => {
    const health = { badSectors: 16, unreadableBytes: 8192, readErrors: 3, badSectorsFromMap: 10, firstReadErrorAt: 1_024_000 };
    expect(ScanProgressSchema.parse({ ...stored, ...health })).toEqual({ ...stored, ...health });
    expect(ScanEventSchema.parse({ type: 'progress', progress: { ...stored, ...health } })).toMatchObject({ progress: { badSectors: 16 } });
  });

  it('refuses counts that are negative or not whole', () => {
    expect(ScanProgressSchema.safeParse({ ...stored, badSectors: -1 }).success).toBe(false);
    expect(ScanProgressSchema.safeParse({ ...stored, badSectors: 1.5 }).success).toBe(false);
    expect(ScanProgressSchema.safeParse({ ...stored, readErrors: 0.5 }).success).toBe(false);
    expect(ScanProgressSchema.safeParse({ ...stored, unreadableBytes: -512 }).success).toBe(false);
  });
});
