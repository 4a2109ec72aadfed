import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConformance } from '../../testing/index.js';
import { LocalFolderTarget } from './local-folder-target.js';

const roots: string[] = [];

/**
 * The shared suite on a folder. No emulator, so the fault tests are skipped (they say so); a folder
 * has no resumable protocol of its own, but a put with a sessions store keeps its partial file and
 * resumes from its length (local-folder-resume.spec.ts counts the bytes read to prove it).
 */
describeConformance('local-folder', {
  async makeTarget() {
    const root = await mkdtemp(join(tmpdir(), 'local-folder-conformance-'));
    roots.push(root);
    return new LocalFolderTarget(root);
  },
  async cleanup() {
    await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  },
  resumableAbove: 64 * 1024,
  folders: true,
});
