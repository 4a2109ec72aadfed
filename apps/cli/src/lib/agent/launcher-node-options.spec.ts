import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launcherNodeOptions, nodeOptionsOfShebang } from './launcher-node-options.js';

describe("a launcher's node options, from its #! line", () => {
  it('reads them after env -S, after a plain env, and after node named directly', () => {
    expect(nodeOptionsOfShebang('#!/usr/bin/env -S node --max-semi-space-size=1')).toEqual(['--max-semi-space-size=1']);
    expect(nodeOptionsOfShebang('#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=2')).toEqual(['--max-semi-space-size=1', '--v8-pool-size=2']);
    expect(nodeOptionsOfShebang('#!/usr/local/bin/node --stack-size=2000')).toEqual(['--stack-size=2000']);
    expect(nodeOptionsOfShebang('#!/usr/bin/env node')).toEqual([]);
  });

  it('takes nothing from a line that runs something else or carries more than plain options', () => {
    expect(nodeOptionsOfShebang('#!/bin/sh -e')).toEqual([]);
    expect(nodeOptionsOfShebang('// not a #! line --max-semi-space-size=1')).toEqual([]);
    expect(nodeOptionsOfShebang('#!/usr/bin/env -S node --require ./evil.js')).toEqual([]);
    expect(nodeOptionsOfShebang('#!/usr/bin/env -S node --title=$(rm -rf ~)')).toEqual([]);
  });

  it("gives the agent's launcher its heap settings, and nothing for a script that is missing", async () => {
    const agentBin = resolve(import.meta.dirname, '../../../../agent/bin/afterimage-agent.mjs');
    expect(launcherNodeOptions(agentBin)).toContain('--max-semi-space-size=2');
    const dir = await mkdtemp(join(tmpdir(), 'cli-launcher-'));
    try {
      await writeFile(join(dir, 'plain.mjs'), '#!/usr/bin/env node\nconsole.log(1);\n');
      expect(launcherNodeOptions(join(dir, 'plain.mjs'))).toEqual([]);
      expect(launcherNodeOptions(join(dir, 'missing.mjs'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
