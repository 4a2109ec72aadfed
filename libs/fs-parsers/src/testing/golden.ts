/**
 * Golden dumps: a parse written as JSON text is compared with the committed
 * `__golden__/<name>.json` beside the spec; with UPDATE_GOLDEN=1 the file is rewritten first.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { ByteRun, FileSystem, FsEntry } from '../lib/filesystem.js';

/** `actual` is JSON and is, to the byte, `<specDir>/__golden__/<name>.json` (UPDATE_GOLDEN=1 writes it). */
export function expectGolden(specDir: string, name: string, actual: string): void {
  const golden = join(specDir, '__golden__', `${name}.json`);
  expect(() => JSON.parse(actual)).not.toThrow();
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(golden), { recursive: true });
    writeFileSync(golden, actual);
  }
  expect(existsSync(golden), `no golden at ${golden}: run the test with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(golden, 'utf8'));
}

const pairs = (runs: readonly ByteRun[]) => runs.map((r) => [r.offset, r.length]);

/** An entry's golden line; the first cluster is named `unit` ('block' on HFS+). Absent fields are left out. */
function goldenEntry(e: FsEntry, unit: 'cluster' | 'block' = 'cluster'): object {
  return {
    path: e.path,
    short: e.shortName,
    inferred: e.inferredName,
    dir: e.isDirectory,
    deleted: e.deleted,
    size: e.size,
    [unit]: e.firstCluster,
    created: e.createdAt,
    modified: e.modifiedAt,
    accessed: e.accessedAt,
    confidence: e.confidence,
    runs: pairs(e.byteRuns),
    notes: e.notes,
  };
}

/**
 * A filesystem's golden dump: its own sections (one JSON line each; asked for after the entries
 * were listed, so the volume's notes are complete), the free and allocated ranges, then one line
 * per entry, so a change in the parser's output is a small diff.
 */
export async function dumpFileSystem(
  fs: FileSystem,
  sections: () => [string, unknown][] | Promise<[string, unknown][]>,
  unit?: 'cluster' | 'block',
): Promise<string> {
  const entries = (await fs.entries()).map((e) => JSON.stringify(goldenEntry(e, unit)));
  const head = [...(await sections()), ['freeRanges', pairs(await fs.freeRanges())], ['allocatedRanges', pairs(await fs.allocatedRanges())]];
  return ['{', ...head.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)},`), '"entries": [', entries.join(',\n'), ']', '}', ''].join('\n');
}
