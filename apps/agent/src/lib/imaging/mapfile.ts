import { MapFileError } from './errors.js';
import { BLOCK_STATUSES, type BlockStatus, type MapBlock, RescueMap } from './rescue-map.js';

/**
 * GNU ddrescue's map file (its manual, "Mapfile structure"): comment lines, then a status line
 * `current_pos current_status [current_pass]`, then data lines `pos size status`. '#' at the start
 * of a line or after whitespace starts a comment. Numbers may be decimal, 0x-hex or 0-octal (as C++
 * integer constants); current_pass is decimal. Blocks are contiguous and do not overlap.
 */

/** The phase a map was saved in: '?' copying, '*' trimming, '/' scraping, '-' retrying, 'F' fill, 'G' generate, '+' finished. */
export type MapPhase = '?' | '*' | '/' | '-' | 'F' | 'G' | '+';

const PHASES: readonly string[] = ['?', '*', '/', '-', 'F', 'G', '+'];

/** More blocks than this is not a map of a real rescue (a 64 MiB map file holds about two million). */
export const MAX_MAP_BLOCKS = 2_000_000;

export interface MapFileState {
  readonly currentPos: number;
  readonly currentStatus: MapPhase;
  readonly currentPass: number;
  readonly map: RescueMap;
}

/**
 * Reads a map file's text. With `deviceSize`, the map must fit in it: a map that stops short (or
 * starts late, as ddrescue's domain options leave them) is completed with non-tried blocks; one that
 * runs past the end is refused. An empty map (comments only) means a new rescue, as for ddrescue.
 * @throws MapFileError naming the line, for bad syntax, gaps, overlaps, unknown statuses or sizes
 */
export function parseMapfile(text: string, deviceSize?: number): MapFileState {
  const blocks: MapBlock[] = [];
  let status: { pos: number; phase: MapPhase; pass: number } | undefined;
  let end = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const fields = (lines[index] as string).replace(/(^|\s)#.*$/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) continue;
    if (!status) {
      if (fields.length < 2 || fields.length > 3) throw new MapFileError(`the status line needs "current_pos current_status [current_pass]", found "${fields.join(' ')}"`, line);
      const [pos, phase, pass] = fields as [string, string, string | undefined];
      if (!PHASES.includes(phase)) throw new MapFileError(`"${phase}" is not a status (one of ${PHASES.join(' ')})`, line);
      if (pass !== undefined && !/^[1-9][0-9]{0,8}$/.test(pass)) throw new MapFileError(`current_pass "${pass}" is not a positive decimal number`, line);
      status = { pos: parseInteger(pos, 'current_pos', line), phase: phase as MapPhase, pass: pass === undefined ? 1 : Number(pass) };
      continue;
    }
    if (fields.length !== 3) throw new MapFileError(`a block line needs "pos size status", found "${fields.join(' ')}"`, line);
    const [posText, sizeText, blockStatus] = fields as [string, string, string];
    const pos = parseInteger(posText, 'pos', line);
    const size = parseInteger(sizeText, 'size', line);
    if (!(BLOCK_STATUSES as readonly string[]).includes(blockStatus)) {
      throw new MapFileError(`"${blockStatus}" is not a block status (one of ${BLOCK_STATUSES.join(' ')})`, line);
    }
    if (blocks.length === 0 && pos > 0) blocks.push({ pos: 0, size: pos, status: '?' });
    else if (pos < end) throw new MapFileError(`the block at ${hex(pos)} overlaps the one before, which ends at ${hex(end)}`, line);
    else if (pos > end) throw new MapFileError(`there is a gap between ${hex(end)} and ${hex(pos)}: blocks must be contiguous`, line);
    if (!Number.isSafeInteger(pos + size)) throw new MapFileError(`the block at ${hex(pos)} of ${hex(size)} bytes ends past any device`, line);
    if (deviceSize !== undefined && pos + size > deviceSize) {
      throw new MapFileError(`the block at ${hex(pos)} ends at ${hex(pos + size)}, past the end of the device (${hex(deviceSize)} bytes)`, line);
    }
    if (blocks.length >= MAX_MAP_BLOCKS) throw new MapFileError(`more than ${MAX_MAP_BLOCKS} blocks: not a map of a real rescue`, line);
    if (size > 0) blocks.push({ pos, size, status: blockStatus as BlockStatus });
    end = pos + size;
  }
  const size = deviceSize ?? end;
  if (end < size) blocks.push({ pos: end, size: size - end, status: '?' });
  if (status && status.pos > size) throw new MapFileError(`current_pos ${hex(status.pos)} lies past the end of the device (${hex(size)} bytes)`);
  const map = new RescueMap(size, blocks);
  return { currentPos: status?.pos ?? 0, currentStatus: status?.phase ?? '?', currentPass: status?.pass ?? 1, map };
}

function parseInteger(text: string, what: string, line: number): number {
  let value: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = BigInt(text);
  else if (/^0[0-7]*$/.test(text)) value = BigInt(`0o${text.slice(1) || '0'}`);
  else if (/^[1-9][0-9]*$/.test(text)) value = BigInt(text);
  else throw new MapFileError(`${what} "${text}" is not a non-negative integer (decimal, 0x-hex or 0-octal)`, line);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new MapFileError(`${what} ${text} is larger than any device`, line);
  return Number(value);
}

/** 0x-prefixed upper-case hex, at least 8 digits, as ddrescue writes positions and sizes. */
export function hex(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
}

export interface MapFileHeader {
  /** When this rescue started; shown as "Start time". */
  readonly startTime?: Date;
  /** When the map was saved; shown as "Current time". */
  readonly now?: Date;
  /** A line describing what was being done ("Copying non-tried blocks... Pass 1 (forwards)"). */
  readonly statusMessage?: string;
}

/** Writes a map in ddrescue's layout (its heading comments, status line and block list). */
export function formatMapfile(state: MapFileState, header: MapFileHeader = {}): string {
  const now = header.now ?? new Date();
  const lines = [
    '# Mapfile. Created by Afterimage (GNU ddrescue map format)',
    `# Start time:   ${localTime(header.startTime ?? now)}`,
    `# Current time: ${localTime(now)}`,
    ...(header.statusMessage ? [`# ${header.statusMessage.replace(/[\r\n]+/g, ' ')}`] : []),
    '# current_pos  current_status  current_pass',
    `${hex(state.currentPos)}     ${state.currentStatus}               ${state.currentPass}`,
    '#      pos        size  status',
    ...state.map.blocks.map((block) => `${hex(block.pos)}  ${hex(block.size)}  ${block.status}`),
  ];
  return `${lines.join('\n')}\n`;
}

function localTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
