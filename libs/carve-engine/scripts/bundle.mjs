// The engine as node loads it at run time: dist/bundle/, made from tsc's output (dist/) after every
// build (the package's `build` target runs this after tsc; the `import` export points here).
//
// Why: a scan's process starts by importing the engine, ~116 modules of its own plus file-type's and
// exifr's (~40 more, `debug` among them), which node's ES module loader resolves, reads and compiles
// one by one: ~80 ms here, an eighth of the benchmark card's scan. As three files it takes ~40 ms.
//
// What stays outside: node's built-ins, the other @afterimage packages (one copy of each per thread,
// shared with the agent's own imports) and sharp (a native addon, loaded on first use). The scan
// worker (lib/scan-worker.js) is an entry of its own, next to index.js, where worker-protocol.js
// looks for it; code both use is in shared chunks, named without a hash so that a build (or a restore
// from nx's cache) overwrites them instead of leaving the last build's beside them.
import { rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const BUILTIN = new Set(builtinModules);

/** Modules the bundle imports at run time instead of carrying. */
export function isExternal(id) {
  return id.startsWith('node:') || BUILTIN.has(id) || id.startsWith('@afterimage/') || id === 'sharp' || id.startsWith('sharp/');
}

/** Bundles `dist` (tsc's output) into `out`; throws on any warning, so nothing half-resolved ships. */
export async function bundleEngine(dist, out) {
  const warnings = [];
  const build = await rolldown({
    input: { index: join(dist, 'index.js'), 'scan-worker': join(dist, 'lib/scan-worker.js') },
    platform: 'node',
    external: isExternal,
    onLog: (level, log) => {
      if (level === 'warn') warnings.push(log.message);
    },
  });
  try {
    await rm(out, { recursive: true, force: true });
    await build.write({ dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name].js' });
  } finally {
    await build.close();
  }
  if (warnings.length > 0) throw new Error(`bundling the carve engine: ${warnings.join('\n')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = resolve(import.meta.dirname, '..');
  await bundleEngine(join(root, 'dist'), join(root, 'dist/bundle'));
}
