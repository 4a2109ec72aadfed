import { readFileSync } from 'node:fs';

/**
 * JPEG XL files made by cjxl (libjxl-tools) with tools/fixtures/build-jxl-fixtures.sh and committed
 * under fixtures/jxl/ (no JPEG XL encoder runs at test time).
 */
export type JxlFixture = 'codestream' | 'container' | 'recompressed' | 'permuted' | 'icc' | 'animated';

export const JXL_FIXTURE_SIZES: Readonly<Record<JxlFixture, { width: number; height: number }>> = {
  codestream: { width: 64, height: 48 },
  container: { width: 64, height: 48 },
  recompressed: { width: 64, height: 48 },
  permuted: { width: 300, height: 260 },
  icc: { width: 48, height: 32 },
  animated: { width: 48, height: 32 },
};

export function jxlFixture(name: JxlFixture): Buffer {
  return readFileSync(new URL(`./fixtures/jxl/${name}.jxl`, import.meta.url));
}
