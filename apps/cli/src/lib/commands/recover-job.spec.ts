import { describe, expect, it } from 'vitest';
import { recoveryProgressLine } from './recover-job.js';

describe('the recovery progress line', () => {
  it('shows the share of bytes written, files of files, failures and the file being written', () => {
    const line = recoveryProgressLine({ filesTotal: 30, filesDone: 12, recovered: 11, failed: 1, bytesTotal: 120e6, bytesDone: 30e6, current: 'IMG_0042.JPG' });
    expect(line).toMatch(/^\[#{5}\.{15}\]\s+25%/);
    expect(line).toContain('12 of 30 files, 1 failed');
    expect(line).toContain('IMG_0042.JPG');
  });

  it('falls back to files when the sizes are not known yet, and never divides by zero', () => {
    expect(recoveryProgressLine({ filesTotal: 4, filesDone: 1, recovered: 1, failed: 0, bytesTotal: 0, bytesDone: 0 })).toMatch(/^\[#{5}\.{15}\]\s+25%/);
    expect(recoveryProgressLine({ filesTotal: 0, filesDone: 0, recovered: 0, failed: 0, bytesTotal: 0, bytesDone: 0 })).toMatch(/^\[\.{20}\]\s+0%/);
  });
});
