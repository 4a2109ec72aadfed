// Module hooks for typescript-worker.mjs: resolve workspace libs through their "@afterimage/source"
// export condition, map a relative `./x.js` import to `./x.ts` when only the source exists, and
// transpile .ts files with the TypeScript compiler (types erased, nothing checked).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE_CONDITION = '@afterimage/source';

export async function resolve(specifier, context, nextResolve) {
  const conditions = [...new Set([SOURCE_CONDITION, ...(context.conditions ?? [])])];
  try {
    return await nextResolve(specifier, { ...context, conditions });
  } catch (error) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (!relative || !specifier.endsWith('.js') || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return nextResolve(`${specifier.slice(0, -3)}.ts`, { ...context, conditions });
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { outputText } = ts.transpileModule(await readFile(path, 'utf8'), {
    fileName: path,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
