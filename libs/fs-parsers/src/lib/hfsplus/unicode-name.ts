/**
 * An HFSUniStr255 (length u16, then that many UTF-16BE code units) at `at`, or undefined when it
 * does not fit in `bytes` or claims more than 255 units. HFS+ stores names decomposed (a variant of
 * NFD); callers turn them to NFC for display and comparison.
 */
export function readUniStr(bytes: Buffer, at: number): { raw: string; units: number } | undefined {
  if (at + 2 > bytes.length) return undefined;
  const units = bytes.readUInt16BE(at);
  if (units > 255 || at + 2 + units * 2 > bytes.length) return undefined;
  let raw = '';
  for (let i = 0; i < units; i++) raw += String.fromCharCode(bytes.readUInt16BE(at + 2 + i * 2));
  return { raw, units };
}

/** The name as users see it: NFC, with the '/' HFS+ allows in names shown as ':' (as the Finder maps them). */
export function displayName(raw: string): string {
  return raw.normalize('NFC').replaceAll('/', ':');
}
