import { describe, expect, it } from 'vitest';
import { readHealthNote, scanProgressLine } from './scan-progress.js';

const progress = { bytesDone: 50, bytesTotal: 100, rateBytesPerSecond: 10, findingsByFormat: { jpeg: 3 } };

describe('bad sectors in the scan progress line and summary', () => {
  it('shows bad sectors on the progress line only when there are some', () => {
    expect(scanProgressLine({ ...progress, badSectors: 16, unreadableBytes: 8192 })).toMatch(/3 jpeg {2}16 bad sectors {2}\(50 B of 100 B\)$/);
    expect(scanProgressLine({ ...progress, badSectors: 1 })).toContain('  1 bad sector  ');
    expect(scanProgressLine(progress)).not.toContain('bad');
    expect(scanProgressLine({ ...progress, badSectors: 0 })).not.toContain('bad');
  });

  it('says in the summary how many, how much could not be read, and whether the imaging map said so', () => {
    expect(readHealthNote(progress)).toBeUndefined();
    expect(readHealthNote({ ...progress, badSectors: 7, badSectorsFromMap: 7, unreadableBytes: 3584 })).toBe('7 bad sectors, per the imaging map (4 KB could not be read)');
    expect(readHealthNote({ ...progress, badSectors: 9, badSectorsFromMap: 7, unreadableBytes: 4608 })).toBe('9 bad sectors, 7 of them per the imaging map (5 KB could not be read)');
    expect(readHealthNote({ ...progress, badSectors: 1, readErrors: 1, unreadableBytes: 4 * 1024 * 1024 })).toBe('1 bad sector (4.0 MB could not be read)');
  });
});
