// The filesystem benchmark (issue 4): camera-card histories on FAT32, exFAT and HFS+ built from the
// photos with real tools (history-build.mjs), each recovered by Afterimage's CLI, tsk_recover and
// PhotoRec side by side (history-runs.mjs) and scored against the truth (history-score.mjs).
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { exfat } from './card-exfat.mjs';
import { fat32 } from './card-fat32.mjs';
import { hfsplus } from './card-hfsplus.mjs';
import { onPath } from './card-tools.mjs';
import { buildHistory } from './history-build.mjs';
import { recoveryTools, runAfterimageCli, runPhotorecCard, runTskRecover } from './history-runs.mjs';
import { flushWrites } from './tools.mjs';
import { missHint, scoreRun } from './history-score.mjs';
import { Truth } from './score.mjs';

// Another seed per filesystem puts other photos on its card; a quick-formatted card replays its
// filesystem's history (same seed, same layout) and formats it at the end.
export const HISTORIES = [
  { name: 'fat32', card: fat32, seed: 1 },
  { name: 'fat32-qf', card: fat32, seed: 1, quickFormat: true },
  { name: 'exfat', card: exfat, seed: 2 },
  { name: 'exfat-qf', card: exfat, seed: 2, quickFormat: true },
  { name: 'hfsplus', card: hfsplus, seed: 3 },
];

const warm = (path) => new Promise((done, fail) => createReadStream(path, { highWaterMark: 8 << 20 }).on('data', () => undefined).on('end', done).on('error', fail));

function describe(h, built) {
  const t = built.truth;
  const gone = t.filter((x) => !x.live);
  return {
    written: t.length,
    liveAtEnd: t.filter((x) => x.live).length,
    deleted: gone.length,
    deletedIntact: gone.filter((x) => x.intact).length,
    deletedOverwritten: gone.filter((x) => !x.intact).length,
    intactFragmented: gone.filter((x) => x.intact && x.fragments > 1).length,
    intactWithName: gone.filter((x) => x.intact && x.nameEvidence.exists).length,
    // How the names were found: the volume's bytes searched (name-evidence.mjs), fls's listing.
    intactWithNameOnVolume: gone.filter((x) => x.intact && x.nameEvidence.onVolume).length,
    intactWithNameListedByFls: gone.filter((x) => x.intact && x.nameEvidence.listedByFls).length,
    firstLetterLost: gone.filter((x) => x.intact && x.nameEvidence.firstLetterLost).length,
    runsUnverified: t.filter((x) => !x.runsVerified).map((x) => x.name),
  };
}

async function benchHistory(h, { scratch, photos, photorecTypes, keep, log }) {
  const missing = [...h.card.missing(), ...['fls', 'istat', 'fsstat'].filter((c) => !onPath(c))];
  if (missing.length) return { skipped: `${h.name}: missing ${missing.join(', ')}` };
  const started = performance.now();
  let built;
  try {
    built = buildHistory(scratch, photos, h.card, { name: h.name, seed: h.seed, quickFormat: h.quickFormat });
  } catch (error) {
    rmSync(join(scratch, `${h.name}.img`), { force: true });
    return { skipped: `${h.name}: the history could not be built: ${String(error.message).split('\n')[0]}` };
  }
  const image = { name: h.name, filesystem: h.card.label, quickFormatted: Boolean(h.quickFormat), bytes: built.bytes, volumeOffset: built.volumeOffset, buildSeconds: (performance.now() - started) / 1000 };
  Object.assign(image, describe(h, built), { steps: built.steps.map(({ label, files, notes }) => ({ label, files: files.length, ...(notes ? { notes } : {}) })) });
  log(`\n${h.name}: ${h.card.label}${h.quickFormat ? ', quick-formatted at the end' : ''} (${(built.bytes / 2 ** 20).toFixed(0)} MiB, built in ${image.buildSeconds.toFixed(0)} s): ` +
    `${image.written} photos written, ${image.liveAtEnd} live at the end, ${image.deleted} deleted of which ${image.deletedIntact} intact (${image.intactFragmented} fragmented)`);
  await warm(built.image);
  const ctx = { truth: built.truth, bytes: built.bytes, caseInsensitive: h.card.caseInsensitive, match: new Truth(built.truth.map((t) => t.photo)) };
  const runners = {
    afterimage: (out) => runAfterimageCli(built.image, out),
    tsk_recover: (out) => runTskRecover(built.image, out, built.volumeOffset),
    photorec: (out) => runPhotorecCard(built.image, out, photorecTypes),
  };
  image.runs = [];
  image.toolsMissing = [];
  for (const [tool, run] of Object.entries(runners)) {
    const why = recoveryTools[tool]();
    if (why) {
      image.toolsMissing.push(why);
      continue;
    }
    const out = join(scratch, `out-${h.name}-${tool}`);
    flushWrites();
    try {
      const scored = scoreRun(ctx, run(out), tool);
      image.runs.push(scored);
      log(`  ${tool}: ${scored.seconds.toFixed(1)} s, ${scored.exact}/${scored.intactDeleted} exact, names ${scored.namesRight}/${scored.namesChecked}`);
    } catch (error) {
      image.runs.push({ tool, error: String(error.message).slice(0, 1000) });
      log(`  ${tool}: FAILED ${String(error.message).split('\n')[0]}`);
    } finally {
      if (!keep) rmSync(out, { recursive: true, force: true });
    }
  }
  const found = (tool, t) => !image.runs.find((r) => r.tool === tool)?.missed?.includes(t.id);
  const ok = (tool) => image.runs.some((r) => r.tool === tool && !r.error);
  image.truth = built.truth.map((t) => ({
    name: t.name, size: t.size, fragments: t.fragments, written: t.written, deleted: t.deleted, live: t.live, intact: t.intact,
    nameOnVolume: t.nameEvidence?.exists ?? null, firstLetterLost: t.nameEvidence?.firstLetterLost ?? false,
    ...(!t.live && t.intact ? { exactBy: Object.keys(runners).filter((tool) => ok(tool) && found(tool, t)) } : {}),
  }));
  const ours = image.runs.find((r) => r.tool === 'afterimage' && !r.error);
  if (ours) {
    const byId = new Map(built.truth.map((t) => [t.id, t]));
    image.afterimageMissed = ours.missed.map((id) => byId.get(id)).map((t) => ({
      name: t.name, size: t.size, source: t.photo.name, hint: missHint(t, h.quickFormat), afterimageWrotePart: ours.partialOfMissed.includes(t.id), alsoMissedBy: ['tsk_recover', 'photorec'].filter((tool) => ok(tool) && !found(tool, t)),
    }));
    const best = Math.max(0, ...image.runs.filter((r) => r.tool !== 'afterimage' && !r.error).map((r) => r.exact));
    image.targets = {
      exactAtLeastBestOther: ours.exact >= best,
      exactAtLeast95PercentOfIntact: ours.exact >= 0.95 * ours.intactDeleted,
      namesRightAtLeast95Percent: ours.namesChecked === 0 ? null : ours.namesRight >= 0.95 * ours.namesChecked,
    };
  }
  if (!keep) rmSync(built.image, { force: true });
  else image.path = built.image;
  return { image };
}

/** Runs every history; returns { images, skipped, seconds }. */
export async function runHistories({ scratch, photos, photorecTypes, keep = false, log = console.log }) {
  const started = performance.now();
  const images = [];
  const skipped = [];
  for (const h of HISTORIES) {
    const result = await benchHistory(h, { scratch, photos, photorecTypes, keep, log });
    if (result.skipped) {
      skipped.push(result.skipped);
      log(`\n${result.skipped} — skipped`);
    } else images.push(result.image);
  }
  return { images, skipped, seconds: (performance.now() - started) / 1000 };
}
