import type Exifr from 'exifr';
import type { Exifr as ExifrReader } from 'exifr';
// @ts-expect-error -- exifr types its main entry only; this is the same bundle built as an ES module.
import esm from 'exifr/dist/full.esm.mjs';

/**
 * exifr, from its ES module build: the code of its main entry (a UMD bundle, which node loads through
 * its CommonJS wrapper and export scanner in twice the time, ~20 ms at every start), the same API.
 */
export const exifr = esm as typeof Exifr;

/** exifr's reader class (its types give the default export's `Exifr` as an instance, not the class). */
export const ExifrReaderClass = (esm as { Exifr: typeof ExifrReader }).Exifr;
