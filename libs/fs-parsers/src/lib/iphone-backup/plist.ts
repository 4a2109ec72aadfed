import { CorruptError } from '../errors.js';
import { isBinaryPlist, parseBinaryPlist } from './bplist.js';
import { type PlistDict, isDict } from './plist-value.js';
import { parseXmlPlist } from './xml-plist.js';

/**
 * A property list from its bytes, binary ("bplist00") or XML (optionally after a UTF-8 byte order
 * mark); its top level must be a dictionary, as Info.plist, Manifest.plist, Status.plist and the
 * Manifest.db file records are.
 */
export function parsePlistDict(bytes: Buffer, what: string): PlistDict {
  let value;
  try {
    if (isBinaryPlist(bytes)) value = parseBinaryPlist(bytes);
    else {
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      if (!/^\s*<(\?xml|!DOCTYPE|plist)/.test(text)) throw new CorruptError('neither a binary (bplist00) nor an XML property list');
      value = parseXmlPlist(text);
    }
  } catch (cause) {
    throw new CorruptError(`${what}: ${(cause as Error).message}`, { cause });
  }
  if (!isDict(value)) throw new CorruptError(`${what}: the property list does not hold a dictionary`);
  return value;
}
