import { TEST_NAMES } from '@afterimage/cloud-adapters/testing';
import type { Tree } from '@nx/devkit';
import { describe, expect, it } from 'vitest';
import adapterGenerator, { INDEX, REGISTRY, SUITE_NAMES } from './generator.js';
import { workspaceTree, written } from './workspace-tree.js';

const FILES = [
  'libs/cloud-adapters/src/lib/demo-cloud/demo-cloud-target.ts',
  'libs/cloud-adapters/src/lib/demo-cloud/demo-cloud-adapter.ts',
  'libs/cloud-adapters/src/lib/demo-cloud/demo-cloud-target.spec.ts',
  'tools/emulators/demo-cloud/demo-cloud-emulator.ts',
  'tools/emulators/demo-cloud/demo-cloud.conformance.spec.ts',
];

/** The elements of `export const adapters = [...]`, in order. */
function adapterRows(registry: string): string[] {
  const list = /export const adapters\b[^=]*=\s*\[([^\]]*)\]/.exec(registry);
  if (!list) throw new Error('registry.ts has no adapters list');
  return list[1]!.split(',').map((row) => row.trim()).filter(Boolean);
}

function changedPaths(tree: Tree): string[] {
  return tree.listChanges().map((change) => `${change.type} ${change.path}`);
}

describe('the adapter generator', () => {
  it('creates the target, its spec, the emulator and the conformance spec under the name', async () => {
    const tree = workspaceTree();
    const before = new Set(changedPaths(tree));
    await adapterGenerator(tree, { name: 'demo-cloud', title: 'Demo Cloud' });
    const made = changedPaths(tree).filter((change) => !before.has(change) && !change.endsWith('registry.ts') && !change.endsWith('src/index.ts'));
    expect(made.sort()).toEqual(FILES.map((path) => `CREATE ${path}`).sort());
    for (const path of FILES) expect(written(tree, path), path).not.toMatch(/<%|%>|__name__|__tmpl__/);
    const target = written(tree, FILES[0]!);
    expect(target).toContain('export class DemoCloudTarget implements BackupTarget {');
    expect(target).toContain("readonly kind = 'demo-cloud';");
    expect(target).toContain("readonly medium = 'cloud';");
    expect(target).toContain("throw notWritten('put');");
    expect(written(tree, FILES[3]!)).toContain('export async function startDemoCloudEmulator(');
    const conformance = written(tree, FILES[4]!);
    expect(conformance).toContain("describeConformance('demo-cloud', {");
    expect(conformance).toContain('describe.skipIf(!realToken)');
    expect(conformance).toContain('process.env.AFTERIMAGE_TEST_DEMO_CLOUD_TOKEN');
  });

  it("adds the registry row and its import, keeping the rows already there in order", async () => {
    const tree = workspaceTree();
    const rows = adapterRows(written(tree, REGISTRY));
    await adapterGenerator(tree, { name: 'demo-cloud' });
    const registry = written(tree, REGISTRY);
    expect(adapterRows(registry)).toEqual([...rows, 'demoCloud']);
    expect(registry.match(/import \{ demoCloud \} from '\.\/demo-cloud\/demo-cloud-adapter\.js';/g)).toHaveLength(1);
    const row = written(tree, FILES[1]!);
    expect(row).toContain("export const demoCloud: AdapterDescriptor = {\n  kind: 'demo-cloud',\n  title: 'Demo Cloud',\n  medium: 'cloud',\n");
    expect(row).toContain("if (!deps.tokens) throw new AuthError('Sign in to Demo Cloud before backing up to it.');");
  });

  it('appends one export line to the library barrel and changes nothing else there', async () => {
    const tree = workspaceTree();
    const index = written(tree, INDEX);
    await adapterGenerator(tree, { name: 'demo-cloud' });
    const line = "export { DemoCloudTarget, type DemoCloudTargetOptions } from './lib/demo-cloud/demo-cloud-target.js';\n";
    expect(written(tree, INDEX)).toBe(`${index}${index.endsWith('\n') ? '' : '\n'}${line}`);
  });

  it('lists every test of the conformance suite as a known failure', async () => {
    const tree = workspaceTree();
    await adapterGenerator(tree, { name: 'demo-cloud' });
    const spec = written(tree, FILES[4]!);
    for (const key of Object.keys(TEST_NAMES)) expect(spec, key).toContain(`\n  ${key}: 'not written yet',\n`);
  });

  it('falls back to every test of the suite at run time when it cannot read the names', async () => {
    const tree = workspaceTree();
    tree.delete(SUITE_NAMES);
    await adapterGenerator(tree, { name: 'demo-cloud' });
    expect(written(tree, FILES[4]!)).toContain("  ...Object.fromEntries(Object.keys(TEST_NAMES).map((key) => [key, 'not written yet'])),\n};");
  });

  it('quotes the title, and makes a disk adapter that is not offsite', async () => {
    const tree = workspaceTree();
    await adapterGenerator(tree, { name: 'usb-vault', title: "Sam's USB vault", medium: 'disk' });
    const target = written(tree, 'libs/cloud-adapters/src/lib/usb-vault/usb-vault-target.ts');
    expect(target).toContain("const TITLE = 'Sam\\'s USB vault';");
    expect(target).toContain("readonly medium = 'disk';");
    expect(target).toContain('readonly offsite: boolean;');
    expect(target).toContain('this.offsite = options.offsite ?? false;');
    const row = written(tree, 'libs/cloud-adapters/src/lib/usb-vault/usb-vault-adapter.ts');
    expect(row).toContain("title: 'Sam\\'s USB vault',");
    expect(row).not.toMatch(/account: '|AuthError/);
  });

  it('names an account the registry knows, and explains what a new one needs', async () => {
    const tree = workspaceTree();
    await adapterGenerator(tree, { name: 'demo-cloud', account: 'google' });
    expect(written(tree, FILES[1]!)).toContain("  account: 'google',\n");
    await expect(adapterGenerator(workspaceTree(), { name: 'box', account: 'box' })).rejects.toThrow(
      /--account must be one of google, .*got "box"\. A new sign-in provider needs its OAuth endpoints in libs\/cloud-adapters\/src\/lib\/auth\/providers\.ts/,
    );
  });

  it.each(['Box', 'box_drive', '1box', 'box--drive', '-box', 'box-', '', 'b'.repeat(41)])('refuses the name %j and writes nothing', async (name) => {
    const tree = workspaceTree();
    const before = changedPaths(tree);
    await expect(adapterGenerator(tree, { name })).rejects.toThrow(/--name must be kebab-case, like "box"/);
    expect(changedPaths(tree)).toEqual(before);
  });

  it('refuses an adapter that is already there, by folder or by registry kind', async () => {
    const tree = workspaceTree();
    await adapterGenerator(tree, { name: 'demo-cloud' });
    await expect(adapterGenerator(tree, { name: 'demo-cloud' })).rejects.toThrow(
      'An adapter named "demo-cloud" is already there: libs/cloud-adapters/src/lib/demo-cloud exists. Pick another --name, or delete libs/cloud-adapters/src/lib/demo-cloud first.',
    );
    const emulatorOnly = workspaceTree();
    emulatorOnly.write('tools/emulators/box/box-emulator.ts', '');
    await expect(adapterGenerator(emulatorOnly, { name: 'box' })).rejects.toThrow(/tools\/emulators\/box exists/);
    await expect(adapterGenerator(workspaceTree(), { name: 'local-folder' })).rejects.toThrow(`${REGISTRY} already has an adapter of kind "local-folder"`);
  });

  it.each([
    ['adapters', 'adapters'],
    ['adapter-for', 'adapterFor'],
    ['class', 'class'],
  ])('refuses %j, whose registry row would be a const named %s', async (name, identifier) => {
    await expect(adapterGenerator(workspaceTree(), { name })).rejects.toThrow(`The registry row would be a const named ${identifier}, which is a reserved word or already a name in ${REGISTRY}.`);
  });
});
