import { describe, expect, it } from 'vitest';
import { RescueMap } from './rescue-map.js';

const layout = (map: RescueMap) => map.blocks.map((b) => `${b.pos}+${b.size}${b.status}`).join(' ');

describe('RescueMap', () => {
  it('starts as one non-tried block covering the device', () => {
    const map = new RescueMap(1000);
    expect(layout(map)).toBe('0+1000?');
    expect(map.totals()).toEqual({ finished: 0, nonTried: 1000, nonTrimmed: 0, nonScraped: 0, badSector: 0, badAreas: 0 });
  });

  it('splits a block where a mark lands inside it and merges equal neighbours', () => {
    const map = new RescueMap(1000);
    map.mark(100, 50, '+');
    expect(layout(map)).toBe('0+100? 100+50+ 150+850?');
    map.mark(150, 50, '+');
    expect(layout(map)).toBe('0+100? 100+100+ 200+800?');
    map.mark(0, 100, '+');
    expect(layout(map)).toBe('0+200+ 200+800?');
    map.mark(300, 10, '-');
    map.mark(320, 10, '-');
    expect(map.totals().badAreas).toBe(2);
    map.mark(310, 10, '-');
    expect(layout(map)).toBe('0+200+ 200+100? 300+30- 330+670?');
    map.mark(0, 1000, '+');
    expect(layout(map)).toBe('0+1000+');
  });

  it('marks across several blocks, keeping the remainders of the first and last', () => {
    const map = new RescueMap(100);
    map.mark(10, 10, '*');
    map.mark(30, 10, '/');
    map.mark(50, 10, '-');
    map.mark(15, 40, '+');
    expect(layout(map)).toBe('0+10? 10+5* 15+40+ 55+5- 60+40?');
    expect(map.totals()).toEqual({ finished: 40, nonTried: 50, nonTrimmed: 5, nonScraped: 0, badSector: 5, badAreas: 1 });
  });

  it('finds the next and previous stretch of a status, clipped to where the search starts', () => {
    const map = new RescueMap(100);
    map.mark(0, 20, '+');
    map.mark(60, 20, '+');
    expect(map.nextOf('?', 0)).toEqual({ pos: 20, size: 40, status: '?' });
    expect(map.nextOf('?', 30)).toEqual({ pos: 30, size: 30, status: '?' });
    expect(map.nextOf('?', 60)).toEqual({ pos: 80, size: 20, status: '?' });
    expect(map.nextOf('-', 0)).toBeUndefined();
    expect(map.previousOf('?', 100)).toEqual({ pos: 80, size: 20, status: '?' });
    expect(map.previousOf('?', 50)).toEqual({ pos: 20, size: 30, status: '?' });
    expect(map.previousOf('?', 20)).toBeUndefined();
    expect(map.statusAt(19)).toBe('+');
    expect(map.statusAt(-1)).toBeUndefined();
    expect(map.statusAt(100)).toBeUndefined();
  });

  it('refuses marks outside the device and blocks that do not tile it', () => {
    const map = new RescueMap(100);
    expect(() => map.mark(90, 20, '+')).toThrow(RangeError);
    expect(() => map.mark(-1, 2, '+')).toThrow(RangeError);
    expect(() => new RescueMap(100, [{ pos: 0, size: 50, status: '+' }])).toThrow(/cover 50 bytes/);
    expect(() => new RescueMap(100, [{ pos: 10, size: 90, status: '+' }])).toThrow(/contiguous/);
    expect(layout(new RescueMap(100, [{ pos: 0, size: 50, status: '+' }, { pos: 50, size: 50, status: '+' }]))).toBe('0+100+');
  });
});
