// One vitest configuration for every project: sources of workspace libs are resolved through the
// "@afterimage/source" export condition (no build needed), and each run writes a JSON report that
// tools/scripts/test-all.mjs sums into the closing "N passed, N failed" line.
import { relative, resolve } from 'node:path';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const workspaceRoot = import.meta.dirname;

export function projectConfig(projectDir, name, test = {}) {
  return defineConfig({
    root: projectDir,
    cacheDir: resolve(workspaceRoot, 'node_modules/.vite', name),
    resolve: { conditions: ['@afterimage/source', ...defaultClientConditions] },
    ssr: { resolve: { conditions: ['@afterimage/source', ...defaultServerConditions] } },
    test: {
      name,
      include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
      environment: 'node',
      // Generous: fixture rebuilds and worker-thread scans take tens of seconds on a busy 2-core machine.
      testTimeout: 180_000,
      hookTimeout: 120_000,
      // reports/vitest/<project root>.json: the path Nx caches as the test target's output.
      reporters: ['default', ['json', { outputFile: resolve(workspaceRoot, 'reports/vitest', `${relative(workspaceRoot, projectDir)}.json`) }]],
      ...test,
    },
  });
}
