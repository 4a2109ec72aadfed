// Plays a card history (history-plan.mjs) on one filesystem (card-*.mjs) and records its truth: for
// every photo ever written, its name, path and byte runs (from istat while it is live, checked by
// hash at once), whether it is live at the end, whether its bytes are still intact at its runs, and
// whether its name still exists anywhere on the volume (name-evidence.mjs, plus what fls lists).
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { istatRuns, istatUnit, listFiles, sha256OfRuns } from './fs-truth.mjs';
import { planHistory } from './history-plan.mjs';
import { nameEvidence } from './name-evidence.mjs';

const MiB = 1024 * 1024;
const lower = (s) => s.toLowerCase();
const base = (p) => p.split('/').pop();

/** The most bytes live at once over the history: the card is made 25 % + 16 MiB larger. */
function peakBytes(steps) {
  let live = 0;
  let peak = 0;
  for (const step of steps) {
    const bytes = step.files.reduce((s, f) => s + f.photo.data.length, 0);
    live += step.op === 'write' ? bytes : step.op === 'delete' ? -bytes : 0;
    peak = Math.max(peak, live);
  }
  return peak;
}

export function buildHistory(scratch, photos, card, { name, seed, quickFormat = false }) {
  const plan = planHistory(photos, { seed, folder: card.folder, quickFormat, editOnly: card.editOnly });
  const image = join(scratch, `${name}.img`);
  const bytes = Math.max(card.minBytes, Math.ceil((peakBytes(plan.steps) * 1.25 + 16 * MiB) / MiB) * MiB);
  rmSync(image, { force: true });
  const state = { tskType: card.tskType, ...card.create(image, bytes, plan.files) };
  const records = new Map();
  const log = [];
  let unit;
  // Where each live file lies now (istat), checked by hash: at its writing, and again after a move.
  const locate = (files, label) => {
    unit ??= istatUnit(image, state);
    const inodes = new Map(listFiles(image, state, 'live').map((f) => [lower(f.path), f.inode]));
    for (const file of files) {
      const inode = inodes.get(lower(file.path));
      const runs = inode ? istatRuns(image, state, inode, file.photo.data.length, unit) : [];
      const verified = runs.length > 0 && sha256OfRuns(image, runs) === file.photo.sha256;
      const record = records.get(file.id) ?? { file, written: label, deleted: null };
      records.set(file.id, Object.assign(record, { runs, verified }));
    }
  };
  for (const step of plan.steps) {
    const started = performance.now();
    let outcome;
    if (step.op === 'write') {
      card.write(image, step.files, state);
      locate(step.files, step.label);
    } else if (step.op === 'delete') {
      outcome = card.remove(image, step.files, state, step);
      for (const file of outcome?.done ?? step.files) records.get(file.id).deleted = step.label;
    } else if (step.op === 'fragment') {
      outcome = card.fragment(image, step.files, state);
      locate(outcome.done, step.label);
    } else {
      card.quickFormat(image, state);
    }
    const done = outcome?.done ?? step.files;
    log.push({ op: step.op, label: step.label, files: done.map((f) => f.name), seconds: (performance.now() - started) / 1000, ...(outcome?.notes?.length ? { notes: outcome.notes } : {}) });
  }

  const liveNow = new Set(listFiles(image, state, 'live').map((f) => lower(f.path)));
  const listed = listFiles(image, state, 'all').map((f) => lower(base(f.path)));
  const truth = [...records.values()].map((r) => ({
    id: r.file.id,
    name: r.file.name,
    path: r.file.path,
    photo: r.file.photo,
    size: r.file.photo.data.length,
    runs: r.runs,
    fragments: r.runs.length,
    runsVerified: r.verified,
    written: r.written,
    deleted: r.deleted,
    live: liveNow.has(lower(r.file.path)),
    intact: r.verified && sha256OfRuns(image, r.runs) === r.file.photo.sha256,
  }));
  const gone = truth.filter((t) => !t.live);
  const evidence = nameEvidence(image, state, gone.map((t) => ({ id: t.id, name: t.name, photo: t.photo })));
  for (const t of gone) {
    const raw = evidence.get(t.id);
    const n = lower(t.name);
    const byFls = listed.includes(n) || (card.id === 'fat32' && listed.some((l) => l.length === n.length && l.slice(1) === n.slice(1)));
    t.nameEvidence = { exists: raw.exists || byFls, onVolume: raw.exists, listedByFls: byFls, firstLetterLost: raw.firstLetterLost };
  }
  return { image, bytes: statSync(image).size, volumeOffset: state.volumeOffset, steps: log, truth };
}
