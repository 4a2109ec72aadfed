import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { INDEX, REGISTRY, SUITE_NAMES } from './generator.js';

/** The workspace root (tools/generators/adapter → three levels up). */
export const WORKSPACE = resolve(import.meta.dirname, '../../..');

/** The real files the generator reads or edits, as they are on disk now. */
export const EDITED = [REGISTRY, INDEX, SUITE_NAMES] as const;

/** An empty Nx workspace holding copies of the real registry, barrel and suite names (the disk is never written). */
export function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const path of EDITED) tree.write(path, readFileSync(resolve(WORKSPACE, path), 'utf8'));
  return tree;
}

/** A file the generator wrote into the tree, as text. */
export function written(tree: Tree, path: string): string {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`The generator did not write ${path}.`);
  return text;
}
