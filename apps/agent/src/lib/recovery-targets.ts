import { posix } from 'node:path';
import type { Finding } from '@afterimage/contracts';

/** A safe relative path inside the destination: the original folders kept, nothing that climbs out. */
export function relativeTarget(finding: Pick<Finding, 'name' | 'originalPath'>): string {
  const clean = (part: string) =>
    [...part]
      .map((c) => (c.charCodeAt(0) < 0x20 || '<>:"|?*\\'.includes(c) ? '_' : c))
      .join('')
      .replace(/^\.+$/, '_')
      .trim() || '_';
  const folders = finding.originalPath ? posix.dirname(finding.originalPath).split('/').filter((p) => p && p !== '.' && p !== '..') : ['lost'];
  return posix.join(...folders.map(clean), clean(finding.name));
}

/** The n-th other name for a finding whose name is taken: IMG_0001.HEIC → IMG_0001-1.HEIC. */
const numbered = <F extends Pick<Finding, 'name' | 'originalPath'>>(finding: F, n: number): F =>
  n === 0 ? finding : { ...finding, name: finding.name.replace(/(\.[^.]*)?$/, `-${n}$1`) };

/**
 * Where each finding goes, relative to the destination: its own name in its original folder, or the
 * first numbered name free (compared without case: a camera card's folder often lands on one that
 * ignores it). The two halves of a Live Photo are placed together, so they keep one base name (a
 * still IMG_0001.HEIC and its movie IMG_0001.MOV become IMG_0001-1.HEIC and IMG_0001-1.MOV, never
 * one of each).
 */
export function planTargets(findings: readonly Finding[]): Map<string, string> {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const taken = new Set<string>();
  const planned = new Map<string, string>();
  for (const finding of findings) {
    if (planned.has(finding.id)) continue;
    const partner = finding.livePhotoPair ? byId.get(finding.livePhotoPair) : undefined;
    const group = partner && partner.id !== finding.id && partner.livePhotoPair === finding.id && !planned.has(partner.id) ? [finding, partner] : [finding];
    for (let n = 0; ; n++) {
      const paths = group.map((f) => relativeTarget(numbered(f, n)));
      const keys = paths.map((p) => p.toLowerCase());
      if (keys.some((k) => taken.has(k)) || new Set(keys).size < keys.length) continue;
      group.forEach((f, i) => planned.set(f.id, paths[i] as string));
      keys.forEach((k) => taken.add(k));
      break;
    }
  }
  return planned;
}
