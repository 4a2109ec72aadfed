// The benchmark runner's writing thread (run-afterimage.mjs): it copies each finding's byte runs from
// the image into OUTDIR/<name>, in the order posted, through one reused 1 MiB buffer, with plain
// blocking reads and writes (no work queued on libuv's pool, where the scan's reads ahead wait). A null
// message ends it once every file before it is written.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { image, out } = workerData;
const imageFd = openSync(image, 'r');
const piece = Buffer.allocUnsafe(1 << 20);

parentPort.on('message', (file) => {
  if (file === null) {
    closeSync(imageFd);
    parentPort.close();
    return;
  }
  const fd = openSync(join(out, file.name), 'w');
  try {
    for (const { offset, length } of file.byteRuns) {
      for (let done = 0; done < length; ) {
        const n = readSync(imageFd, piece, 0, Math.min(piece.length, length - done), offset + done);
        if (n === 0) throw new Error(`${image}: nothing read at ${offset + done}`);
        writeSync(fd, piece, 0, n);
        done += n;
      }
    }
  } finally {
    closeSync(fd);
  }
});
