import type { BoundedReader } from '../bounded-reader.js';
import { BitReader, InvalidBits, NoVerdict, OutOfBits } from './jxl-bits.js';
import type { JxlFrame } from './jxl-frame.js';
import type { JxlImageInfo } from './jxl-headers.js';
import { readLfCoefficientsHeader, readLfGlobal, type LfGlobal } from './jxl-lf-global.js';

/** A frame's TOC as far as the first sections' check needs it. */
export interface FrameToc {
  readonly header: JxlFrame;
  /** Where the first two sections (in their logical order) lie, from the end of the TOC (one when the frame is a single section). */
  readonly firstSections: readonly { readonly offset: number; readonly size: number }[];
}

const FIRST_WINDOW = 64 * 1024;
/** MA trees and histograms of real images take kilobytes; past this the check gives up (no verdict). */
const MAX_WINDOW = 4 * 1024 * 1024;

type Verdict<T> = { kind: 'ok'; value: T } | { kind: 'unknown' } | { kind: 'invalid'; reason: string };

/**
 * Checks what a decoder reads of a frame before its first sample: the LF global section and, for a
 * VarDCT frame, the header of its first LF group's coefficients (in the same section when the frame is
 * one section, else in the next one). A random FF 0A whose headers and TOC happen to parse (one in a few
 * thousand) almost never gets through these too. Returns why the frame is no JPEG XL frame, or
 * undefined when it passes or cannot be checked (bytes that end at the source's end, hostile counts).
 */
export async function checkFirstSections(reader: BoundedReader, dataStart: number, toc: FrameToc, info: JxlImageInfo): Promise<string | undefined> {
  const single = toc.header.tocEntries === 1;
  const [lfGlobal, lfGroup] = toc.firstSections;
  const global = await parseSection(reader, dataStart + lfGlobal.offset, lfGlobal.size, (r): LfGlobal => {
    const lf = readLfGlobal(r, toc.header, info);
    // One section: the LF group follows at once, unless samples of the global image come first.
    if (single && lf.lfCoefficients && !lf.globalSamples) readLfCoefficientsHeader(r, toc.header, lf);
    return lf;
  });
  if (global.kind === 'invalid') return `its LF global section: ${global.reason}`;
  const lf = global.kind === 'ok' ? global.value : null;
  if (!lf?.lfCoefficients || single) return undefined;
  const group = await parseSection(reader, dataStart + lfGroup.offset, lfGroup.size, (r) => readLfCoefficientsHeader(r, toc.header, lf));
  return group.kind === 'invalid' ? `its first LF group: ${group.reason}` : undefined;
}

/** Parses the start of a section of `size` bytes at `pos`, growing the window while the bits run out. */
async function parseSection<T>(reader: BoundedReader, pos: number, size: number, parse: (r: BitReader) => T): Promise<Verdict<T>> {
  let window = Math.min(size, FIRST_WINDOW);
  for (;;) {
    const available = Math.min(window, reader.end - pos);
    const data = available > 0 ? await reader.bytes(pos, available) : Buffer.alloc(0);
    if (data === null) return { kind: 'unknown' };
    try {
      return { kind: 'ok', value: parse(new BitReader(data)) };
    } catch (error) {
      if (error instanceof InvalidBits) return { kind: 'invalid', reason: error.message };
      if (error instanceof NoVerdict) return { kind: 'unknown' };
      if (!(error instanceof OutOfBits)) throw error;
      if (available < window) return { kind: 'unknown' }; // the source ends first
      if (window >= size) return { kind: 'invalid', reason: `the section ends (${size} bytes) before its headers do` };
      if (window >= MAX_WINDOW) return { kind: 'unknown' };
      window = Math.min(window * 4, size, MAX_WINDOW);
    }
  }
}
