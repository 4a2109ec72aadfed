import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapFileError } from './errors.js';
import { formatMapfile, parseMapfile } from './mapfile.js';
import { MAX_MAPFILE_BYTES, readMapfile, writeMapfileAtomic } from './mapfile-store.js';
import { RescueMap } from './rescue-map.js';

// The example map in GNU ddrescue's manual ("Mapfile structure"), as ddrescue 1.27 writes it.
const MANUAL_EXAMPLE = `# Mapfile. Created by GNU ddrescue version 1.27
# Command line: ddrescue -d -c18 /dev/fd0 fdimage mapfile
# Start time:   2015-07-21 09:37:44
# Current time: 2015-07-21 09:38:19
# Copying non-tried blocks... Pass 1 (forwards)
# current_pos  current_status  current_pass
0x00120000     ?               1
#      pos        size  status
0x00000000  0x00117000  +
0x00117000  0x00000200  -
0x00117200  0x00001000  /
0x00118200  0x00007E00  *
0x00120000  0x00048000  ?
`;

const layout = (map: RescueMap) => map.blocks.map((b) => `${b.pos.toString(16)}+${b.size.toString(16)}${b.status}`).join(' ');
const body = (lines: string) => `# a map\n0 ? 1\n${lines}`;

describe('parseMapfile', () => {
  it("reads the manual's example: status line, every block status, hex numbers", () => {
    const state = parseMapfile(MANUAL_EXAMPLE);
    expect(state).toMatchObject({ currentPos: 0x120000, currentStatus: '?', currentPass: 1 });
    expect(layout(state.map)).toBe('0+117000+ 117000+200- 117200+1000/ 118200+7e00* 120000+48000?');
    expect(state.map.size).toBe(1_474_560); // a 1.44 MB floppy
  });

  it('writes what it reads, in the layout ddrescue writes', () => {
    const state = parseMapfile(MANUAL_EXAMPLE);
    const text = formatMapfile(state, { statusMessage: 'Copying non-tried blocks... Pass 1 (forwards)' });
    const data = (t: string) => t.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(data(text)).toEqual(data(MANUAL_EXAMPLE));
    expect(layout(parseMapfile(text).map)).toBe(layout(state.map));
  });

  it('takes decimal and octal numbers, comments after whitespace, and a status line without a pass', () => {
    const state = parseMapfile('# old ddrescue\n4096 - # retrying\n0 4096 + # good\n4096 010 -\n4104 0x8 -\n');
    expect(state).toMatchObject({ currentPos: 4096, currentStatus: '-', currentPass: 1 });
    expect(layout(state.map)).toBe('0+1000+ 1000+10-');
  });

  it("accepts the fill ('F') and generate ('G') statuses of ddrescue's other modes", () => {
    expect(parseMapfile('0x200 G 1\n0 0x400 ?\n').currentStatus).toBe('G');
    expect(parseMapfile('0 F 1\n0 0x400 +\n').currentStatus).toBe('F');
  });

  it('completes a map that starts late or stops short of the device with non-tried blocks', () => {
    const state = parseMapfile(body('0x1000 0x1000 +\n'), 0x4000);
    expect(layout(state.map)).toBe('0+1000? 1000+1000+ 2000+2000?');
  });

  it('treats a map with no status line (empty or comments only) as a new rescue', () => {
    expect(layout(parseMapfile('# nothing yet\n\n', 512).map)).toBe('0+200?');
    expect(parseMapfile('', 512).currentStatus).toBe('?');
  });

  it.each([
    ['overlapping blocks', body('0 0x200 +\n0x100 0x200 -\n'), /line 4: .*overlaps/],
    ['a gap between blocks', body('0 0x200 +\n0x400 0x200 -\n'), /line 4: .*gap between 0x00000200 and 0x00000400/],
    ['an unknown block status', body('0 0x200 x\n'), /line 3: "x" is not a block status/],
    ['an unknown current status', '0 Q 1\n', /line 1: "Q" is not a status/],
    ['a pass that is not a positive decimal', '0 ? 0x1\n', /current_pass "0x1"/],
    ['a size larger than any device', body('0 0xFFFFFFFFFFFFFFFFFFFF +\n'), /larger than any device/],
    ['a block ending past 2^53', body('0x1FFFFFFFFFFFFF 0x10 +\n'), /ends past any device/],
    ['a negative size', body('0 -512 +\n'), /not a non-negative integer/],
    ['garbage numbers', body('zero 512 +\n'), /pos "zero"/],
    ['a block line with a missing field', body('0 512\n'), /needs "pos size status"/],
    ['a status line with four fields', '0 ? 1 2\n', /status line needs/],
  ])('refuses %s, naming the line', (_what, text, message) => {
    expect(() => parseMapfile(text)).toThrow(MapFileError);
    expect(() => parseMapfile(text)).toThrow(message);
  });

  it('refuses a map that runs past the end of the device, or a current_pos past it', () => {
    expect(() => parseMapfile(body('0 0x400 +\n'), 0x200)).toThrow(/past the end of the device/);
    expect(() => parseMapfile('0x400 ? 1\n0 0x200 +\n', 0x200)).toThrow(/current_pos 0x00000400 lies past the end/);
  });
});

describe('map files on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'afterimage-mapfile-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('replaces a map atomically and leaves no temporary file behind', async () => {
    const path = join(dir, 'card.map');
    const map = new RescueMap(0x2000);
    await writeMapfileAtomic(path, formatMapfile({ currentPos: 0, currentStatus: '?', currentPass: 1, map }));
    map.mark(0, 0x1000, '+');
    await writeMapfileAtomic(path, formatMapfile({ currentPos: 0x1000, currentStatus: '?', currentPass: 1, map }));
    expect(await readdir(dir)).toEqual(['card.map']);
    const read = await readMapfile(path, 0x2000);
    expect(read && layout(read.map)).toBe('0+1000+ 1000+1000?');
    expect(await readFile(path, 'utf8')).toMatch(/^# Mapfile\. Created by Afterimage/);
  });

  it('says there is no map for a missing file and names the file of a damaged one', async () => {
    expect(await readMapfile(join(dir, 'none.map'))).toBeUndefined();
    const damaged = join(dir, 'damaged.map');
    await writeFile(damaged, '0 ? 1\n0 512 +\n256 512 -\n');
    await expect(readMapfile(damaged)).rejects.toThrow(/damaged\.map is damaged: line 3: .*overlaps/);
  });

  it('refuses a map file larger than any real map without reading it', async () => {
    const huge = join(dir, 'huge.map');
    await writeFile(huge, '');
    await truncate(huge, MAX_MAPFILE_BYTES + 1);
    await expect(readMapfile(huge)).rejects.toThrow(/more than any real map/);
  });
});
