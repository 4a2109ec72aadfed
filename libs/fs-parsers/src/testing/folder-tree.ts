/**
 * Folder trees for the folder walker's tests: built in a temp directory with fixed times, and a
 * snapshot of everything a walk must leave as it was (names, kinds, sizes, contents, link targets,
 * modification times, and the files' access times).
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** 2024-06-01T00:00:00Z, in whole seconds so that setting it again changes nothing. */
const MTIME = Date.UTC(2024, 5, 1) / 1000;
/** Older than every mtime: on a relatime mount, a plain read of the file would move it. */
const OLD_ATIME = Date.UTC(2001, 0, 1) / 1000;

export interface TempTree {
  readonly root: string;
  /** Writes a file (parents made as needed); returns its absolute path. */
  file(path: string, content?: Uint8Array | string, mtimeSeconds?: number): string;
  folder(path: string): string;
  link(path: string, target: string): string;
  /** Sets every file's access time older than its modification time (do it last, then snapshot). */
  ageAccessTimes(): void;
  cleanup(): void;
}

export function tempTree(prefix = 'afterimage-folder-'): TempTree {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const at = (path: string) => join(root, path);
  const mtimes = new Map<string, number>();
  return {
    root,
    file(path, content = `${path}\n`, mtimeSeconds = MTIME) {
      mkdirSync(dirname(at(path)), { recursive: true });
      writeFileSync(at(path), content);
      utimesSync(at(path), mtimeSeconds, mtimeSeconds);
      mtimes.set(at(path), mtimeSeconds);
      return at(path);
    },
    folder: (path) => (mkdirSync(at(path), { recursive: true }), at(path)),
    link: (path, target) => (mkdirSync(dirname(at(path)), { recursive: true }), symlinkSync(target, at(path)), at(path)),
    ageAccessTimes: () => mtimes.forEach((mtime, path) => utimesSync(path, OLD_ATIME, mtime)),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** One line per item under `root`, sorted: kind, path, size, mtime, a link's target, and a file's sha256 (`contents`) or else its access time. */
export function snapshotTree(root: string, contents = true): string[] {
  const lines: string[] = [];
  const visit = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const info = lstatSync(path, { bigint: true });
      const head = `${relative(root, path)} size=${info.size} mtime=${info.mtimeNs} mode=${info.mode} ino=${info.ino}`;
      if (info.isSymbolicLink()) lines.push(`link ${head} -> ${readlinkSync(path)}`);
      else if (info.isDirectory()) {
        lines.push(`folder ${head}`);
        visit(path);
      } else if (info.isFile()) {
        // Reading a file may move its access time: a snapshot has one or the other.
        const tail = contents ? `sha256=${createHash('sha256').update(readFileSync(path)).digest('hex')}` : `atime=${info.atimeNs}`;
        lines.push(`file ${head} ${tail}`);
      } else lines.push(`other ${head}`);
    }
  };
  visit(root);
  return lines.sort();
}
