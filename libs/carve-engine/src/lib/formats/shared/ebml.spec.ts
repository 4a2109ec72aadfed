import { describe, expect, it } from 'vitest';
import { childrenIn, parseElement, uintIn } from './ebml.js';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/ /g, ''), 'hex');

describe('EBML element headers', () => {
  it('reads 1- to 4-byte ids and 1- to 8-byte sizes, positions offset by the base', () => {
    expect(parseElement(bytes('a3 85'), 0, 100)).toEqual({ id: 0xa3, start: 100, data: 102, size: 5 });
    expect(parseElement(bytes('42 82 40 04'), 0)).toEqual({ id: 0x4282, start: 0, data: 4, size: 4 });
    expect(parseElement(bytes('2a d7 b1 83'), 0)).toEqual({ id: 0x2ad7b1, start: 0, data: 4, size: 3 });
    expect(parseElement(bytes('18 53 80 67 01 00 00 00 00 00 0e b8'), 0)).toEqual({ id: 0x18538067, start: 0, data: 12, size: 3768 });
    expect(parseElement(bytes('00 00 1f 43 b6 75 10 00 00 01'), 2, 50)).toEqual({ id: 0x1f43b675, start: 52, data: 60, size: 1 });
  });

  it('reads the all-ones sizes of any length as unknown', () => {
    for (const size of ['ff', '7f ff', '3f ff ff', '01 ff ff ff ff ff ff ff']) {
      expect(parseElement(bytes(`1f 43 b6 75 ${size}`), 0)).toMatchObject({ id: 0x1f43b675, size: undefined });
    }
    expect(parseElement(bytes('1f 43 b6 75 7f fe'), 0)).toMatchObject({ size: 0x3ffe });
  });

  it('rejects ids longer than 4 bytes, reserved ids, sizes longer than 8 bytes and sizes past 2^53', () => {
    expect(parseElement(bytes('08 00 00 00 00 81'), 0)).toMatch(/no element id at 0/);
    expect(parseElement(bytes('00 81'), 0)).toMatch(/no element id/);
    expect(parseElement(bytes('ff 81'), 0)).toMatch(/reserved element id 0xff/);
    expect(parseElement(bytes('80 81'), 0)).toMatch(/reserved element id 0x80/);
    expect(parseElement(bytes('7f ff 81'), 0)).toMatch(/reserved/);
    expect(parseElement(bytes('a3 00 00 00 00 00 00 00 00 01'), 0)).toMatch(/invalid size/);
    expect(parseElement(bytes('a3 01 40 00 00 00 00 00 00'), 0)).toMatch(/claims/);
  });

  it('says short when the buffer ends inside a header', () => {
    expect(parseElement(bytes(''), 0)).toBe('short');
    expect(parseElement(bytes('1f 43'), 0)).toBe('short');
    expect(parseElement(bytes('1f 43 b6 75'), 0)).toBe('short');
    expect(parseElement(bytes('1f 43 b6 75 01 00'), 0)).toBe('short');
  });

  it('lists the children of a master element in memory and stops at anything odd', () => {
    const video = bytes('e0 86 b0 81 10 ba 81 0c');
    expect([...childrenIn(video, 2, 8)].map((e) => [e.id, uintIn(video, e)])).toEqual([[0xb0, 16], [0xba, 12]]);
    const broken = bytes('b0 81 10 00 81 0c');
    expect([...childrenIn(broken, 0, 6)].map((e) => e.id)).toEqual([0xb0]);
    const overrun = bytes('b0 88 10');
    expect([...childrenIn(overrun, 0, 3)]).toEqual([]);
  });
});
