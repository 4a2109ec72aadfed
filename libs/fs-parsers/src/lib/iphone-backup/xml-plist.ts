import { CorruptError } from '../errors.js';
import type { PlistDict, PlistValue } from './plist-value.js';

/**
 * A bounded reader of XML property lists (Apple's PropertyList-1.0 DTD: dict/key, array, string,
 * integer, real, date, data, true, false), as Info.plist is written. No recursion: an explicit
 * stack capped in depth, and a cap on the number of values, so a hostile file cannot exhaust the stack.
 */
const MAX_DEPTH = 64;
const MAX_VALUES = 2_000_000;
const SCALARS = new Set(['key', 'string', 'integer', 'real', 'date', 'data']);

type Frame = { list: PlistValue[] } | { dict: PlistDict; key?: string };

export function parseXmlPlist(text: string): PlistValue {
  const stack: Frame[] = [];
  let root: PlistValue | undefined;
  let values = 0;
  const emit = (value: PlistValue, isKey = false): void => {
    if (++values > MAX_VALUES) throw new CorruptError(`XML plist: more than ${MAX_VALUES} values`);
    const top = stack.at(-1);
    if (!top) {
      if (isKey || root !== undefined) throw new CorruptError('XML plist: more than one top-level value');
      root = value;
    } else if ('list' in top) {
      if (isKey) throw new CorruptError('XML plist: <key> inside an <array>');
      top.list.push(value);
    } else if (isKey) {
      if (top.key !== undefined) throw new CorruptError(`XML plist: <key>${top.key}</key> has no value`);
      top.key = value as string;
    } else {
      if (top.key === undefined) throw new CorruptError('XML plist: a <dict> value without a <key>');
      top.dict[top.key] = value;
      delete top.key;
    }
  };

  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at)) {
    if (text.startsWith('<?', at)) at = skipPast(text, at, '?>');
    else if (text.startsWith('<!--', at)) at = skipPast(text, at, '-->');
    else if (text.startsWith('<!', at)) at = skipPast(text, at, '>');
    else {
      const end = skipPast(text, at, '>');
      const tag = /^<(\/?)([A-Za-z]+)[^>]*?(\/?)>$/.exec(text.slice(at, end));
      if (!tag) throw new CorruptError(`XML plist: malformed tag at ${at}`);
      const [, closing, name = '', empty] = tag;
      at = end;
      if (name === 'plist') continue;
      if (closing) {
        const frame = stack.pop();
        if (!frame || (name !== 'array' && name !== 'dict') || (name === 'array') !== ('list' in frame)) throw new CorruptError(`XML plist: unexpected </${name}>`);
        if ('dict' in frame && frame.key !== undefined) throw new CorruptError(`XML plist: <key>${frame.key}</key> has no value`);
        emit('list' in frame ? frame.list : frame.dict);
      } else if (name === 'array' || name === 'dict') {
        const frame: Frame = name === 'array' ? { list: [] } : { dict: Object.create(null) as PlistDict };
        if (empty) emit('list' in frame ? frame.list : frame.dict);
        else if (stack.push(frame) > MAX_DEPTH) throw new CorruptError(`XML plist: nested deeper than ${MAX_DEPTH} levels`);
      } else if (name === 'true' || name === 'false') {
        emit(name === 'true');
      } else if (SCALARS.has(name)) {
        let body = '';
        if (!empty) {
          const close = text.indexOf(`</${name}>`, at);
          if (close === -1) throw new CorruptError(`XML plist: <${name}> is never closed`);
          body = text.slice(at, close);
          at = close + name.length + 3;
        }
        emit(scalar(name, body), name === 'key');
      } else {
        throw new CorruptError(`XML plist: unknown element <${name}>`);
      }
    }
  }
  if (stack.length > 0 || root === undefined) throw new CorruptError('XML plist: ends before its top-level value is complete');
  return root;
}

function skipPast(text: string, at: number, marker: string): number {
  const end = text.indexOf(marker, at);
  if (end === -1) throw new CorruptError(`XML plist: "${text.slice(at, at + 12)}" is never closed`);
  return end + marker.length;
}

function scalar(name: string, body: string): PlistValue {
  if (name === 'data') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const value = decodeEntities(body);
  if (name === 'key' || name === 'string') return value;
  const trimmed = value.trim();
  if (name === 'integer') {
    if (!/^[+-]?\d{1,40}$/.test(trimmed)) throw new CorruptError(`XML plist: "${trimmed.slice(0, 40)}" is not an integer`);
    const big = BigInt(trimmed);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  if (name === 'real') {
    const real = Number(trimmed);
    if (trimmed === '' || Number.isNaN(real)) throw new CorruptError(`XML plist: "${trimmed.slice(0, 40)}" is not a real number`);
    return real;
  }
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(trimmed) ? new Date(trimmed) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new CorruptError(`XML plist: "${trimmed.slice(0, 40)}" is not an ISO 8601 UTC date`);
  return date;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#\d{1,7}|[a-z]{2,4});/g, (whole, entity: string) => {
    if (!entity.startsWith('#')) return NAMED[entity] ?? whole;
    const code = entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    if (code > 0x10ffff) throw new CorruptError(`XML plist: character reference ${whole} is out of range`);
    return String.fromCodePoint(code);
  });
}
