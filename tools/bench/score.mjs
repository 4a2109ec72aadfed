// Compares a tool's output files with the photos that went into an image (sha256 is the truth):
//   exact     an output whose sha256 is an original's (counted once per original);
//   partial   no exact copy, but an output that starts like the original (its first 4 KiB, or all of a
//             shorter output: truncated, cut, or with extra bytes after) or contains its first 4 KiB;
//   fragment  an output that is a piece of an original (an embedded thumbnail or preview), not junk;
//   false positive  an output that matches none of this.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const HEAD = 4096;
const sha = (data) => createHash('sha256').update(data).digest('hex');

/** Every regular file under `dir`, except the tools' own reports and logs. */
export function outputFiles(dir, ignore = /^(report\.xml|audit\.txt|photorec\.log|photorec\.ses)$/) {
  let names = [];
  try {
    names = readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return [];
  }
  return names.map((n) => join(dir, n)).filter((p) => statSync(p).isFile() && !ignore.test(p.split('/').pop()));
}

export class Truth {
  constructor(originals) {
    this.originals = originals;
    this.bySha = new Map(originals.map((o) => [o.sha256, o]));
    this.byHead = new Map();
    for (const o of originals) if (o.data.length >= HEAD) this.byHead.set(sha(o.data.subarray(0, HEAD)), o);
    this.starts = [];
    let at = 0;
    for (const o of originals) {
      this.starts.push(at);
      at += o.data.length;
    }
    this.all = Buffer.concat(originals.map((o) => o.data));
  }

  /** The original whose bytes hold position `pos` of the concatenation, and where it starts. */
  at(pos) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { original: this.originals[lo], start: this.starts[lo] };
  }

  classify(data) {
    const whole = this.bySha.get(sha(data));
    if (whole) return { kind: 'exact', original: whole };
    if (data.length >= HEAD) {
      const head = this.byHead.get(sha(data.subarray(0, HEAD)));
      if (head) return { kind: 'partial', original: head };
    }
    const probe = data.subarray(0, Math.min(HEAD, data.length));
    const pos = probe.length >= 16 ? this.all.indexOf(probe) : -1;
    if (pos !== -1) {
      const { original, start } = this.at(pos);
      if (pos === start) return { kind: 'partial', original };
      return { kind: 'fragment', original };
    }
    if (data.length <= 256 * 1024 * 1024) {
      for (const o of this.originals) if (o.data.length >= HEAD && data.indexOf(o.data.subarray(0, HEAD)) !== -1) return { kind: 'partial', original: o };
    }
    return { kind: 'false-positive' };
  }

  /** Scores the outputs against the originals that went into the image (`placed`). */
  score(paths, placed) {
    const wanted = new Set(placed.map((p) => p.sha256));
    const exact = new Set();
    const partial = new Set();
    let fragments = 0;
    const falsePositives = [];
    for (const path of paths) {
      const verdict = this.classify(readFileSync(path));
      if (verdict.kind === 'exact') exact.add(verdict.original.sha256);
      else if (verdict.kind === 'partial') partial.add(verdict.original.sha256);
      else if (verdict.kind === 'fragment') fragments++;
      else falsePositives.push(path.split('/').pop());
    }
    for (const s of exact) partial.delete(s);
    const placedOnly = (set) => [...set].filter((s) => wanted.has(s));
    return { outputs: paths.length, exact: placedOnly(exact), partial: placedOnly(partial), fragments, falsePositives };
  }
}
