import { resolve } from 'node:path';
import type { Tree } from '@nx/devkit';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import adapterGenerator from './generator.js';
import { WORKSPACE, workspaceTree } from './workspace-tree.js';

/**
 * Type-checks what the generator wrote against the workspace as it is on disk (the contract, the registry,
 * the conformance suite), without writing anything: the tree's files are laid over the disk in memory.
 * Diagnostics are kept for the generated files and for the lines the generator added to shared files, so
 * an error in someone else's unfinished file does not fail this test.
 */
function typeErrors(tree: Tree, mark: RegExp): string[] {
  const overlay = new Map<string, string>();
  for (const change of tree.listChanges()) if (change.type !== 'DELETE' && change.content) overlay.set(resolve(WORKSPACE, change.path), change.content.toString());
  const config = ts.getParsedCommandLineOfConfigFile(resolve(WORKSPACE, 'tsconfig.base.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const options: ts.CompilerOptions = { ...config?.options, composite: false, declaration: false, declarationMap: false, noEmit: true, types: ['node'] };
  const host = ts.createCompilerHost(options);
  const inOverlay = (dir: string) => [...overlay.keys()].some((path) => path.startsWith(`${dir}/`));
  const getSourceFile = host.getSourceFile.bind(host);
  Object.assign(host, {
    fileExists: (path: string) => overlay.has(path) || ts.sys.fileExists(path),
    readFile: (path: string) => overlay.get(path) ?? ts.sys.readFile(path),
    directoryExists: (dir: string) => inOverlay(dir) || ts.sys.directoryExists(dir),
    realpath: (path: string) => (overlay.has(path) || inOverlay(path) ? path : (ts.sys.realpath?.(path) ?? path)),
    getSourceFile: (path: string, language: ts.ScriptTarget | ts.CreateSourceFileOptions, onError?: (message: string) => void) => {
      const text = overlay.get(path);
      return text === undefined ? getSourceFile(path, language, onError) : ts.createSourceFile(path, text, language);
    },
  });
  const roots = [...overlay.keys()].filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'));
  const program = ts.createProgram(roots, options, host);
  const errors: string[] = [];
  for (const path of roots) {
    const file = program.getSourceFile(path);
    const generated = mark.test(path);
    for (const diagnostic of file ? ts.getPreEmitDiagnostics(program, file) : []) {
      const at = diagnostic.start === undefined ? undefined : file!.getLineAndCharacterOfPosition(diagnostic.start);
      const line = at ? file!.text.split('\n')[at.line]! : '';
      if (generated || mark.test(line)) errors.push(`${path}:${(at?.line ?? 0) + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    }
  }
  return errors;
}

describe('what the adapter generator writes', () => {
  it('type-checks against the current contract, registry and conformance suite', async () => {
    const tree = workspaceTree();
    await adapterGenerator(tree, { name: 'demo-cloud', title: "Demo's Cloud", account: 'google' });
    expect(typeErrors(tree, /demo-cloud|DemoCloud|demoCloud/)).toEqual([]);
  });

  it('would report a type error in a generated file (the check can fail)', async () => {
    const tree = workspaceTree();
    await adapterGenerator(tree, { name: 'demo-cloud' });
    const path = 'libs/cloud-adapters/src/lib/demo-cloud/demo-cloud-target.ts';
    tree.write(path, tree.read(path, 'utf-8')!.replace("readonly medium = 'cloud';", "readonly medium = 'tape';"));
    expect(typeErrors(tree, /demo-cloud|DemoCloud|demoCloud/).join('\n')).toMatch(/demo-cloud-target\.ts:\d+: .*medium/);
  });
});
