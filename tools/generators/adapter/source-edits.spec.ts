import { describe, expect, it } from 'vitest';
import { addExportLine, addListRow, declaredNames, objectKeys, unionMembers } from './source-edits.js';

const row = { identifier: 'boxAdapter', from: './box/box-target.js' };
const head = "import type { A } from './a.js';\nimport { b } from './b.js';\n\nconst local = 1;\n";

describe('addListRow', () => {
  it('adds the import after the last one and the row at the end of a one-line list', () => {
    const out = addListRow(`${head}export const adapters: readonly A[] = [local, other];\n`, row);
    expect(out).toBe(
      "import type { A } from './a.js';\nimport { b } from './b.js';\nimport { boxAdapter } from './box/box-target.js';\n\nconst local = 1;\n" +
        'export const adapters: readonly A[] = [local, other, boxAdapter];\n',
    );
  });

  it('keeps a one-per-line list one per line, with or without a trailing comma', () => {
    const trailing = addListRow(`${head}export const adapters = [\n  local,\n  other,\n];\n`, row);
    expect(trailing).toContain('export const adapters = [\n  local,\n  other,\n  boxAdapter,\n];\n');
    const bare = addListRow(`${head}export const adapters = [\n    local,\n    other\n] as const;\n`, row);
    expect(bare).toContain('export const adapters = [\n    local,\n    other,\n    boxAdapter\n] as const;\n');
  });

  it('fills an empty list', () => {
    expect(addListRow(`${head}export const adapters = [];\n`, row)).toContain('export const adapters = [boxAdapter];');
  });

  it('changes nothing the second time', () => {
    const once = addListRow(`${head}export const adapters = [local];\n`, row);
    expect(addListRow(once, row)).toBe(once);
  });

  it('leaves every other line as it was', () => {
    const before = `${head}export const adapters = [local];\nexport function adapterFor() {}\n`;
    const after = addListRow(before, row);
    expect(after.replace("\nimport { boxAdapter } from './box/box-target.js';", '').replace(', boxAdapter', '')).toBe(before);
  });

  it('says so when there is no list to add to', () => {
    expect(() => addListRow(head, row)).toThrow(/no `const adapters = \[\.\.\.\]` list to add boxAdapter to/);
  });
});

describe('addExportLine', () => {
  const line = "export { BoxTarget, type BoxTargetOptions } from './lib/box/box-target.js';";

  it('appends the line once, ending the file with a newline', () => {
    const once = addExportLine("export { a } from './lib/a.js';", line);
    expect(once).toBe(`export { a } from './lib/a.js';\n${line}\n`);
    expect(addExportLine(once, line)).toBe(once);
  });

  it('does not add a second export from a module already exported', () => {
    const text = "export { BoxTarget } from './lib/box/box-target.js';\n";
    expect(addExportLine(text, line)).toBe(text);
  });
});

describe('reading declarations', () => {
  it('lists the members of a string union', () => {
    expect(unionMembers("export type AccountProvider = 'google' | 'dropbox' | 'microsoft';", 'AccountProvider')).toEqual(['google', 'dropbox', 'microsoft']);
    expect(unionMembers('export type Other = string;', 'AccountProvider')).toEqual([]);
  });

  it('lists the keys of an object literal, through `as const`', () => {
    expect(objectKeys("export const TEST_NAMES = { roundTrip: 'a', 'large': 'b' } as const;", 'TEST_NAMES')).toEqual(['roundTrip', 'large']);
  });

  it('lists the names a module imports and declares, not words in its comments', () => {
    const text = "import type { A } from './a.js';\nimport { b as c } from './b.js';\n/** a folder */\nconst local = 1;\nexport function adapterFor() {}\nexport type T = 1;\n";
    expect([...declaredNames(text)].sort()).toEqual(['A', 'T', 'adapterFor', 'c', 'local']);
  });
});
