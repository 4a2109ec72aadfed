import type { CarvedFile } from './types.js';

const MAX_CAMERA_LENGTH = 64;

/**
 * A file name for a carved file: `YYYY-MM-DD_HH-MM-SS_<Make-Model>.<ext>` from its EXIF date and
 * camera (the date's own wall clock, no zone conversion), `YYYY-MM-DD_HH-MM-SS.<ext>` without a
 * camera, else `f<byte offset>.<ext>`. Only [A-Za-z0-9._-] survive, so the name is safe on FAT,
 * exFAT, NTFS, HFS+ and ext4. With `taken`, the name is also made unique there.
 */
export function suggestName(file: Pick<CarvedFile, 'metadata' | 'extension' | 'byteRuns'>, taken?: NameAllocator): string {
  const ext = sanitize(file.extension).toLowerCase() || 'bin';
  const date = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(file.metadata.takenAt ?? '');
  let base: string;
  if (date) {
    const [, y, mo, d, h, mi, s] = date;
    const camera = cameraName(file.metadata.make, file.metadata.model);
    base = `${y}-${mo}-${d}_${h}-${mi}-${s}${camera ? `_${camera}` : ''}`;
  } else {
    base = `f${file.byteRuns[0]?.offset ?? 0}`;
  }
  const name = `${base}.${ext}`;
  return taken ? taken.allocate(name) : name;
}

/** Hands out names, adding -1, -2… before the extension on collisions (case-insensitively, like FAT/exFAT/APFS). */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(existing: Iterable<string> = []) {
    for (const name of existing) this.used.add(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.used.has(name.toLowerCase());
  }

  allocate(name: string): string {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 1; this.has(candidate); n++) candidate = `${stem}-${n}${ext}`;
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}

function cameraName(make: string | undefined, model: string | undefined): string {
  const m = sanitize(make ?? '');
  let mod = sanitize(model ?? '');
  // "Canon" + "Canon EOS R5" -> "Canon-EOS-R5", not "Canon-Canon-EOS-R5".
  if (m && mod.toLowerCase().startsWith(m.toLowerCase())) mod = mod.slice(m.length).replace(/^-+/, '');
  return [m, mod].filter(Boolean).join('-').slice(0, MAX_CAMERA_LENGTH).replace(/[-.]+$/, '');
}

function sanitize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}
