// @ts-check
/**
 * `nx g @afterimage/tools:adapter --name=box --title="Box"` — scaffolds a backup-target adapter: the
 * target class (every method throws UnsupportedError with notes on what it must do), its unit spec, an
 * emulator skeleton and the shared conformance suite wired to it (every test a known failure until the
 * adapter is written), plus its row in the adapter registry and its export from the library.
 *
 * Plain JavaScript (with checked JSDoc types) because Nx loads a local generator with `require()`, and
 * on node 20 without swc-node or ts-node it cannot load TypeScript.
 */
import { generateFiles, logger, names } from '@nx/devkit';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addExportLine, addListRow, declaredNames, objectKeys, unionMembers } from './source-edits.js';

/** @typedef {{ name: string, title?: string, medium?: string, account?: string }} AdapterSchema */
/** @typedef {{ name: string, className: string, propertyName: string, constantName: string, title: string, medium: 'cloud' | 'disk', account: string }} AdapterOptions */

export const LIB_SRC = 'libs/cloud-adapters/src';
export const REGISTRY = `${LIB_SRC}/lib/registry.ts`;
export const INDEX = `${LIB_SRC}/index.ts`;
/** Where the conformance suite names its tests (TEST_NAMES): the generated spec lists them all as known failures. */
export const SUITE_NAMES = `${LIB_SRC}/testing/conformance-context.ts`;
export const EMULATORS = 'tools/emulators';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Words a one-word name cannot be: its registry row is a `const` of that name. */
const RESERVED = new Set(
  ('await break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'implements import in instanceof interface let new null package private protected public return static super switch this throw ' +
    'true try typeof var void while with yield').split(' '),
);
const here = dirname(fileURLToPath(import.meta.url));

/** A TypeScript single-quoted string literal. @param {string} text */
const quote = (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** @param {import('@nx/devkit').Tree} tree @param {AdapterSchema} schema @returns {AdapterOptions} */
export function normalizeOptions(tree, schema) {
  const name = String(schema.name ?? '').trim();
  if (!KEBAB.test(name) || name.length > 40) {
    throw new Error(`--name must be kebab-case, like "box" or "pcloud-drive" (lower-case words of letters and digits joined by single hyphens, starting with a letter, at most 40 characters); got ${JSON.stringify(name)}.`);
  }
  const { className, propertyName, constantName } = names(name);
  const title = (schema.title ?? '').trim() || name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  // eslint-disable-next-line no-control-regex
  if (title.length > 60 || /[\u0000-\u001f\u007f]/.test(title) || title.includes('*/')) {
    throw new Error(`--title must be a short name for people, like "Box" or "OneDrive for Business" (at most 60 characters, one line); got ${JSON.stringify(title)}.`);
  }
  const medium = schema.medium ?? 'cloud';
  if (medium !== 'cloud' && medium !== 'disk') throw new Error(`--medium must be cloud or disk; got ${JSON.stringify(medium)}.`);
  const account = (schema.account ?? '').trim();
  if (account) {
    if (medium !== 'cloud') throw new Error('--account is for cloud adapters: a disk adapter signs in to no account.');
    const known = tree.exists(REGISTRY) ? unionMembers(tree.read(REGISTRY, 'utf-8') ?? '', 'AccountProvider') : [];
    if (!known.includes(account)) {
      throw new Error(
        `--account must be one of ${known.join(', ') || '(none found)'} (AccountProvider in ${REGISTRY}); got ${JSON.stringify(account)}. ` +
          `A new sign-in provider needs its OAuth endpoints in ${LIB_SRC}/lib/auth/providers.ts and its name in AccountProvider first; add those, then run this again (or leave --account out and add it later).`,
      );
    }
  }
  return { name, className, propertyName, constantName, title, medium, account };
}

/** @param {import('@nx/devkit').Tree} tree @param {AdapterOptions} options */
function refuseExisting(tree, { name, className, propertyName }) {
  if (!tree.exists(REGISTRY) || !tree.exists(INDEX)) {
    throw new Error(`${REGISTRY} or ${INDEX} is missing: run this from the Afterimage workspace root.`);
  }
  for (const folder of [`${LIB_SRC}/lib/${name}`, `${EMULATORS}/${name}`]) {
    if (tree.exists(folder)) throw new Error(`An adapter named "${name}" is already there: ${folder} exists. Pick another --name, or delete ${folder} first.`);
  }
  const registry = tree.read(REGISTRY, 'utf-8') ?? '';
  if (new RegExp(`kind:\\s*['"]${name}['"]`).test(registry)) throw new Error(`${REGISTRY} already has an adapter of kind "${name}". Pick another --name.`);
  if (RESERVED.has(propertyName) || declaredNames(registry).has(propertyName)) {
    throw new Error(`The registry row would be a const named ${propertyName}, which is a reserved word or already a name in ${REGISTRY}. Pick another --name.`);
  }
  if (new RegExp(`\\b${className}Target\\b`).test(tree.read(INDEX, 'utf-8') ?? '')) throw new Error(`${INDEX} already exports ${className}Target. Pick another --name.`);
}

/** @param {import('@nx/devkit').Tree} tree @param {AdapterSchema} schema */
export default async function adapterGenerator(tree, schema) {
  const options = normalizeOptions(tree, schema);
  refuseExisting(tree, options);
  const { name, className, propertyName } = options;
  const suiteKeys = tree.exists(SUITE_NAMES) ? objectKeys(tree.read(SUITE_NAMES, 'utf-8') ?? '', 'TEST_NAMES') : [];
  const substitutions = { ...options, tmpl: '', quote, offsite: options.medium === 'cloud', suiteKeys };
  generateFiles(tree, join(here, 'files', 'lib'), `${LIB_SRC}/lib/${name}`, substitutions);
  generateFiles(tree, join(here, 'files', 'emulator'), `${EMULATORS}/${name}`, substitutions);
  const from = `./${name}/${name}-adapter.js`;
  tree.write(REGISTRY, addListRow(tree.read(REGISTRY, 'utf-8') ?? '', { identifier: propertyName, from }));
  tree.write(INDEX, addExportLine(tree.read(INDEX, 'utf-8') ?? '', `export { ${className}Target, type ${className}TargetOptions } from './lib/${name}/${name}-target.js';`));
  // No formatFiles: it would run prettier over registry.ts and index.ts and rewrite others' lines.
  return () => {
    logger.info(
      [
        `${options.title} adapter scaffolded. What to build, in order:`,
        `  1. ${EMULATORS}/${name}/${name}-emulator.ts: the provider's REAL routes, status codes and error bodies.`,
        `  2. ${LIB_SRC}/lib/${name}/${name}-target.ts: put/stat/list/open (the TODO notes say what each must do).`,
        `  3. npx vitest run --config tools/vitest.config.mjs ${EMULATORS}/${name}  — delete each known failure as it starts passing.`,
      ].join('\n'),
    );
  };
}
