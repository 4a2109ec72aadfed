import { describe, expect, it } from 'vitest';
import { PidTable } from './mts-tables.js';

/** A TS packet starting a PSI section (pointer_field 0) on `pid`, filled with 0xFF stuffing. */
function sectionPacket(pid: number, section: number[]): Buffer {
  const p = Buffer.alloc(188, 0xff);
  p.set([0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10, 0x00, ...section]);
  return p;
}
/** table_id, the syntax bit and a length covering 5 header bytes, the body and a CRC. */
const section = (tableId: number, body: number[]): number[] => {
  const length = 5 + body.length + 4;
  return [tableId, 0xb0 | (length >> 8), length & 0xff, 0, 1, 0xc1, 0, 0, ...body, 0, 0, 0, 0];
};
const pat = sectionPacket(0, section(0x00, [0x00, 0x00, 0xe0, 0x1f, 0x00, 0x01, 0xe1, 0x00])); // NIT 0x1F, program 1 → PMT 0x100
// PCR on 0x1001; H.264 on 0x1011 with a 6-byte descriptor; AC-3 on 0x1100.
const pmt = sectionPacket(0x100, section(0x02, [0xf0, 0x01, 0xf0, 0x00, 0x1b, 0xf0, 0x11, 0xf0, 0x06, 1, 2, 3, 4, 5, 6, 0x81, 0xf1, 0x00, 0xf0, 0x00]));

describe('PID table', () => {
  it('accepts every PID until the PAT and its PMTs are read, then only declared ones', () => {
    const table = new PidTable();
    expect(table.belongs(0x0999)).toBe(true);
    table.see(pat, 0);
    expect(table.patSeen).toBe(true);
    expect(table.belongs(0x0999)).toBe(true); // the PMT is not read yet
    table.see(pmt, 0);
    expect([0x0000, 0x0011, 0x001f, 0x0100, 0x1001, 0x1011, 0x1100, 0x1fff].map((pid) => table.belongs(pid))).toEqual(Array(8).fill(true));
    expect([0x0999, 0x1012, 0x0101].map((pid) => table.belongs(pid))).toEqual([false, false, false]);
  });

  it('ignores sections that are not a PAT, and does not judge a PMT that runs past its packet', () => {
    const table = new PidTable();
    table.see(sectionPacket(0, [0x42, 0xb0, 0x0d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 0); // an SDT-like table id on PID 0
    expect(table.patSeen).toBe(false);
    table.see(pat, 0);
    const long = Buffer.from(pmt);
    long[5 + 1] = 0xb1; // section_length + 256: continues in the next packet
    table.see(long, 0);
    expect(table.belongs(0x1011)).toBe(true);
    expect(table.belongs(0x0999)).toBe(true);
  });
});
