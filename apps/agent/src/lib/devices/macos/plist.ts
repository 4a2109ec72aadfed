import { OutputFormatError } from '../errors.js';

/** A value of an XML property list as Apple's tools print it (diskutil -plist, hdiutil -plist). */
export type PlistValue = string | number | boolean | Date | Buffer | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

const MAX_INPUT = 32 * 1024 * 1024;
const MAX_DEPTH = 64;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] as string;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/**
 * A small reader of XML property lists: dict, array, string, key, integer, real, true, false, data
 * and date, with comments, the XML declaration and the DOCTYPE skipped. Anything else, a value
 * deeper than 64 levels or an integer past 2^53 is an OutputFormatError naming where it was.
 */
export function parsePlist(xml: string): PlistValue {
  if (xml.length > MAX_INPUT) throw new OutputFormatError(`a property list of ${xml.length} characters is too large`);
  let pos = 0;
  const fail = (what: string): never => {
    throw new OutputFormatError(`not a property list Afterimage can read: ${what} at character ${pos}`);
  };
  const skipMarkup = () => {
    for (;;) {
      while (pos < xml.length && /\s/.test(xml[pos] as string)) pos++;
      const close = xml.startsWith('<?', pos) ? '?>' : xml.startsWith('<!--', pos) ? '-->' : xml.startsWith('<!', pos) ? '>' : undefined;
      if (!close) return;
      const end = xml.indexOf(close, pos);
      if (end < 0) fail('an unclosed declaration or comment');
      pos = end + close.length;
    }
  };
  /** Reads `<name attrs>` or `<name/>`: the name and whether it closed itself. */
  const openTag = (): { name: string; empty: boolean } => {
    skipMarkup();
    const match = /^<([A-Za-z]+)(?:\s[^>]*?)?(\/?)>/.exec(xml.slice(pos, pos + 256));
    if (!match) return fail('an expected element');
    pos += match[0].length;
    return { name: match[1] as string, empty: match[2] === '/' };
  };
  const closeTag = (name: string) => {
    skipMarkup();
    if (!xml.startsWith(`</${name}>`, pos)) fail(`a missing </${name}>`);
    pos += name.length + 3;
  };
  const textUntilClose = (name: string): string => {
    const end = xml.indexOf(`</${name}>`, pos);
    if (end < 0) fail(`a missing </${name}>`);
    const raw = xml.slice(pos, end);
    if (raw.includes('<')) fail(`markup inside <${name}>`);
    pos = end + name.length + 3;
    return decodeText(raw);
  };
  const atClose = (name: string) => {
    skipMarkup();
    return xml.startsWith(`</${name}>`, pos);
  };

  const value = (depth: number): PlistValue => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    const { name, empty } = openTag();
    switch (name) {
      case 'true':
      case 'false':
        if (!empty) closeTag(name);
        return name === 'true';
      case 'dict': {
        const dict: PlistDict = Object.create(null) as PlistDict;
        if (empty) return dict;
        while (!atClose('dict')) {
          const key = openTag();
          if (key.name !== 'key') fail(`<${key.name}> where a <key> belongs`);
          const keyText = key.empty ? '' : textUntilClose('key');
          dict[keyText] = value(depth + 1);
        }
        closeTag('dict');
        return dict;
      }
      case 'array': {
        const list: PlistValue[] = [];
        if (empty) return list;
        while (!atClose('array')) list.push(value(depth + 1));
        closeTag('array');
        return list;
      }
      case 'string':
        return empty ? '' : textUntilClose('string');
      case 'integer': {
        const text = empty ? '' : textUntilClose('integer').trim();
        const number = /^[+-]?\d+$/.test(text) ? Number(text) : /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : NaN;
        if (!Number.isSafeInteger(number)) fail(`an integer "${text.slice(0, 40)}" that is not a safe number`);
        return number;
      }
      case 'real': {
        const number = Number(empty ? '' : textUntilClose('real').trim());
        if (Number.isNaN(number)) fail('a <real> that is not a number');
        return number;
      }
      case 'data':
        return Buffer.from(empty ? '' : textUntilClose('data').replace(/\s+/g, ''), 'base64');
      case 'date': {
        const date = new Date(empty ? '' : textUntilClose('date').trim());
        if (Number.isNaN(date.getTime())) fail('a <date> that is not a date');
        return date;
      }
      default:
        return fail(`an unknown element <${name}>`);
    }
  };

  skipMarkup();
  const wrapped = /^<plist[\s>]/.test(xml.slice(pos, pos + 7));
  if (wrapped) openTag();
  const root = value(0);
  if (wrapped) closeTag('plist');
  skipMarkup();
  if (pos < xml.length) fail('text after the property list');
  return root;
}

/** The value as a dict, or undefined. */
export function asDict(value: PlistValue | undefined): PlistDict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value)
    ? (value as PlistDict)
    : undefined;
}
