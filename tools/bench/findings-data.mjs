// 100,000 findings as a scan of a large disk yields them, for the findings benchmark: seeded, so every
// run stores the same rows. Formats weighted as on photo disks (mostly JPEG, then HEIC, RAWs, videos),
// deleted / live / lost origins with their foundBy, names as cameras and phones write them (or as the
// engine names carved files: date_camera or f<offset>), DCIM paths, EXIF dates over twelve years (some
// unknown), twenty cameras (some unknown), sizes by kind, offsets rising through the disk, every
// field valid for the contracts' FindingSchema.
import { seededRandom } from '../lib/seeded-random.mjs';

const FORMATS = [
  // [weight, format, extension, mimeType, size range in MB]
  [58, 'jpeg', 'jpg', 'image/jpeg', [0.3, 14]],
  [10, 'heic', 'heic', 'image/heic', [0.8, 5]],
  [8, 'tiff', 'cr2', 'image/tiff', [18, 35]],
  [4, 'tiff', 'nef', 'image/tiff', [15, 45]],
  [3, 'tiff', 'arw', 'image/tiff', [20, 60]],
  [2, 'tiff', 'dng', 'image/tiff', [10, 80]],
  [2, 'cr3', 'cr3', 'image/x-canon-cr3', [20, 40]],
  [6, 'mp4', 'mp4', 'video/mp4', [5, 1800]],
  [4, 'mov', 'mov', 'video/quicktime', [5, 900]],
  [2, 'png', 'png', 'image/png', [0.05, 6]],
  [1, 'gif', 'gif', 'image/gif', [0.01, 3]],
];
const CAMERAS = [
  ['Canon', 'Canon EOS 5D Mark IV'], ['Canon', 'Canon EOS 80D'], ['Canon', 'Canon PowerShot G7 X'], ['NIKON CORPORATION', 'NIKON D750'],
  ['NIKON CORPORATION', 'NIKON Z 6'], ['SONY', 'ILCE-7M3'], ['SONY', 'DSC-RX100M5'], ['FUJIFILM', 'X-T3'], ['FUJIFILM', 'X100V'],
  ['Panasonic', 'DMC-GH5'], ['OLYMPUS CORPORATION', 'E-M10MarkII'], ['Apple', 'iPhone 8'], ['Apple', 'iPhone 12 Pro'], ['Apple', 'iPhone 15'],
  ['Google', 'Pixel 7'], ['samsung', 'SM-G991B'], ['HUAWEI', 'P30'], ['GoPro', 'HERO9 Black'], ['DJI', 'FC3170'], ['LEICA CAMERA AG', 'LEICA Q2'],
];
const FOLDERS = ['100CANON', '101CANON', '100NIKON', '100MSDCF', '100_FUJI', '100APPLE', '101APPLE', 'Camera', '100GOPRO', 'DJI_001'];
const REASONS = { truncated: ['the file ends before its last segment'], corrupt: ['the entropy-coded data breaks at byte 1048576'] };

const pad = (n, w = 2) => String(n).padStart(w, '0');
const hex = (random, n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');

/** `count` findings of one scan, in the order found (rising offsets). */
export function makeFindings(count, seed = 5) {
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const totalWeight = FORMATS.reduce((s, f) => s + f[0], 0);
  const weighted = () => {
    let r = random() * totalWeight;
    return FORMATS.find((f) => (r -= f[0]) < 0) ?? FORMATS[0];
  };
  const findings = [];
  let offset = 4 * 2 ** 20;
  for (let i = 0; i < count; i++) {
    const [, format, extension, mimeType, [lo, hi]] = weighted();
    const size = Math.round((lo + (hi - lo) * random() ** 2) * 1e6);
    const o = random();
    const origin = o < 0.55 ? 'deleted' : o < 0.7 ? 'live' : 'lost';
    const foundBy = origin === 'lost' ? 'carving' : random() < 0.4 ? 'filesystem' : 'both';
    const s = random();
    const state = s < 0.85 ? 'complete' : s < 0.93 ? 'truncated' : 'corrupt';
    const camera = random() < 0.8 ? pick(CAMERAS) : undefined;
    const t = random() < 0.85 ? new Date(Date.UTC(2013, 0, 1) + Math.floor(random() * 12 * 365.25 * 864e5)) : undefined;
    const takenAt = t && `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
    offset += Math.ceil((size + random() * 8e6) / 4096) * 4096;
    const pieces = random() < 0.1 ? 2 + Math.floor(random() * 3) : 1;
    const byteRuns = Array.from({ length: pieces }, (_, k) => ({ offset: offset + k * 2 ** 30, length: Math.ceil(size / pieces) }));
    byteRuns[pieces - 1].length = size - Math.ceil(size / pieces) * (pieces - 1);
    const base = ['IMG_', 'DSC_', 'DSCF', 'PXL_', 'GOPR', 'DJI_'][Math.floor(random() * 6)];
    const fsName = `${base}${pad(i % 10000, 4)}.${extension.toUpperCase()}`;
    const carvedName = takenAt
      ? `${takenAt.slice(0, 10)}_${takenAt.slice(11).replace(/:/g, '-')}${camera ? `_${camera[1].replace(/\s+/g, '-')}` : ''}.${extension}`
      : `f${offset}.${extension}`;
    const named = origin !== 'lost';
    const metadata = {
      ...(takenAt ? { takenAt } : {}),
      ...(camera ? { make: camera[0], model: camera[1] } : {}),
      ...(mimeType.startsWith('image/') ? { width: 4000 + Math.floor(random() * 4) * 512, height: 3000 + Math.floor(random() * 3) * 256, orientation: 1 } : {}),
      ...(random() < 0.3 ? { gps: { latitude: -60 + random() * 130, longitude: -180 + random() * 360 } } : {}),
    };
    findings.push({
      id: `f-${hex(random, 12)}`,
      format,
      extension,
      mimeType,
      name: named ? fsName : carvedName,
      ...(named ? { originalPath: `/DCIM/${pick(FOLDERS)}/${fsName}` } : {}),
      ...(named && t ? { times: { createdAt: t.toISOString(), modifiedAt: t.toISOString() } } : {}),
      origin,
      foundBy,
      byteRuns,
      size,
      sha256: hex(random, 64),
      validation: { state, reasons: REASONS[state] ?? [] },
      confidence: state !== 'complete' ? 'low' : foundBy === 'carving' ? 'medium' : 'high',
      metadata,
      hasThumbnail: format === 'jpeg' || format === 'tiff' || format === 'heic' ? random() < 0.8 : false,
    });
  }
  return findings;
}
