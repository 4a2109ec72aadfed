// The `backups` section's emulators: one fresh emulator per run (tools/emulators), and what each one's
// own store holds, read from the store itself (not through the API): files stored, so an upload made
// twice shows even where the API would hide it (a trashed Drive copy, a second Dropbox revision).
// TypeScript sources: import this module only after backups.mjs registered the loader hooks.
const { emulators, EMULATOR_TOKEN, FaultPlan } = await import('../emulators/index.ts');
// OneDrive is started directly: tools/emulators/index.ts hides its store and keeps the default 1 GiB quota.
const { startOneDriveEmulator } = await import('../emulators/onedrive/onedrive-emulator.ts');

export { EMULATOR_TOKEN, FaultPlan };

/** Emulator records of what it stores, by kind: { files (incl. trashed/deleted), live, extra: what else }. */
const STORED = {
  'google-drive': (e) => ({ files: e.store.countFiles(), live: e.store.countFiles({ trashed: false }), note: `${e.store.countFiles({ trashed: true })} trashed` }),
  dropbox: (e) => {
    const nodes = [...e.store.files.values()];
    const revisions = nodes.reduce((s, n) => s + n.revisions.length, 0);
    return { files: nodes.length, live: nodes.filter((n) => !n.deletedAt).length, note: `${revisions} revisions` };
  },
  'google-photos': (e) => ({ files: e.state.items.size, live: e.state.items.size, note: `${[...e.state.albums.values()].length} album(s)` }),
  onedrive: (e) => {
    const files = [...e.store.items.values()].filter((i) => !i.folder);
    return { files: files.length, live: files.filter((i) => !i.deletedAt).length, note: `${files.filter((i) => i.deletedAt).length} in the recycle bin` };
  },
};

/** A fresh emulator of `kind` with `faults` (a FaultPlan); `bytes` sizes OneDrive's quota. */
export async function startFor(kind, faults, bytes) {
  if (kind === 'onedrive') {
    const started = await startOneDriveEmulator({ faults, quotaBytes: Math.max(2 ** 30, 4 * bytes) });
    return Object.assign(started.emulator, { store: started.store });
  }
  const start = emulators[kind];
  if (!start) throw new Error(`no emulator for ${kind}`);
  return start({ faults });
}

/** What the emulator's own store holds (see STORED). */
export function storedIn(kind, emulator) {
  return STORED[kind](emulator);
}

/** Requests and request-body bytes in a slice of an emulator's log, with the failed ones (each one an adapter had to repeat). */
export function logFigures(log, from = 0, to = log.length) {
  const slice = log.slice(from, to);
  // An expire-session fault on a request that names no upload session changes nothing: not a failure.
  const failed = slice.filter((r) => (r.fault && r.fault !== 'expire-session') || r.status === 0 || r.status === 429 || r.status >= 400 && r.fault === 'expire-session' || r.status >= 500);
  const byPath = {};
  for (const r of slice) {
    const path = r.path.replace(/IMG_\d+\.[a-z0-9]+/gi, '{file}').replace(/[A-Za-z0-9_%!-]{24,}/g, '{id}');
    const key = `${r.method} ${path}`;
    byPath[key] = (byPath[key] ?? 0) + 1;
  }
  return { requests: slice.length, bytesIn: slice.reduce((s, r) => s + r.bytesIn, 0), bytesOut: slice.reduce((s, r) => s + r.bytesOut, 0), failed: failed.length, byRoute: byPath };
}
