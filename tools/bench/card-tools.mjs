// Small helpers for the card builders: which tools are there, and loop devices and FUSE mounts that
// are always undone (in `finally`, and on exit or Ctrl-C for whatever a crash left behind).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

export const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const loops = new Set();
const mounts = new Set();

function unmount(dir) {
  for (let i = 0; i < 20; i++) {
    if (spawnSync('fusermount', ['-u', dir], { stdio: 'ignore' }).status === 0) break;
    if (spawnSync('mountpoint', ['-q', dir]).status !== 0) break;
    spawnSync('sleep', ['0.2']);
  }
  mounts.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

function detach(loop) {
  spawnSync('losetup', ['-d', loop], { stdio: 'ignore' });
  loops.delete(loop);
}

function cleanupAll() {
  for (const dir of [...mounts]) unmount(dir);
  for (const loop of [...loops]) detach(loop);
}
process.on('exit', cleanupAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanupAll();
    process.exit(130);
  });
}

/** Runs fn(loopDevice) with `image` attached to a free loop device, detached afterwards. */
export function withLoop(image, fn) {
  const loop = execFileSync('losetup', ['-f', '--show', image], { encoding: 'utf8' }).trim();
  loops.add(loop);
  try {
    return fn(loop);
  } finally {
    spawnSync('blockdev', ['--flushbufs', loop], { stdio: 'ignore' });
    detach(loop);
  }
}

/** Runs fn(mountDir) with the exFAT image mounted by exfat-fuse through a loop device. */
export function withExfatMount(image, dir, fn) {
  return withLoop(image, (loop) => {
    mkdirSync(dir, { recursive: true });
    execFileSync('mount.exfat-fuse', [loop, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    mounts.add(dir);
    try {
      return fn(dir);
    } finally {
      unmount(dir);
    }
  });
}
