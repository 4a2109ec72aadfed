// Scores one tool's outputs on a card history against its truth (history-build.mjs):
//   exact        outputs whose sha256 is a photo deleted on the card whose bytes are still intact,
//                once per photo, out of all such photos ("physically still on the card");
//   live         exact copies of photos still live at the end (PhotoRec carves them too), apart;
//   names right  of the exact recoveries whose name still exists on the volume, those where one of
//                the photo's copies carries its original file name (case-insensitively on FAT32,
//                exactly on exFAT and HFS+); a FAT short name whose first letter the deletion erased
//                must be inferred to count ("first letter aside" gives the looser count as well);
//   partial      photos that came back only cut, merged or with a wrong byte (score.mjs);
//   false+       outputs that match no photo written on the card.
import { readFileSync } from 'node:fs';

const same = (a, b, caseInsensitive) => (caseInsensitive ? a.toUpperCase() === b.toUpperCase() : a === b);

export function scoreRun(image, run, tool) {
  const { truth, caseInsensitive, match } = image;
  const bySha = new Map();
  const falsePositives = [];
  const partial = new Set();
  for (const output of run.outputs) {
    const verdict = match.classify(readFileSync(output.path));
    if (verdict.kind === 'exact') {
      if (!bySha.has(verdict.original.sha256)) bySha.set(verdict.original.sha256, []);
      bySha.get(verdict.original.sha256).push(output);
    } else if (verdict.kind === 'partial') partial.add(verdict.original.sha256);
    else if (verdict.kind === 'false-positive') falsePositives.push(output.name);
  }
  const wanted = truth.filter((t) => !t.live && t.intact);
  const exact = wanted.filter((t) => bySha.has(t.photo.sha256));
  const named = exact.filter((t) => t.nameEvidence.exists);
  const nameOf = (t) => (bySha.get(t.photo.sha256) ?? []).map((o) => o.name);
  const right = named.filter((t) => nameOf(t).some((n) => same(n, t.name, caseInsensitive)));
  const rightLoose = named.filter((t) => nameOf(t).some((n) => same(n.slice(1), t.name.slice(1), caseInsensitive) && n.length === t.name.length));
  const missed = wanted.filter((t) => !bySha.has(t.photo.sha256));
  return {
    tool,
    seconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    mbPerSecond: image.bytes / 1e6 / run.seconds,
    maxRssMiB: run.maxRssMiB,
    outputs: run.outputs.length,
    exact: exact.length,
    intactDeleted: wanted.length,
    exactOfDeletedNotIntact: truth.filter((t) => !t.live && !t.intact && bySha.has(t.photo.sha256)).map((t) => t.name),
    live: truth.filter((t) => t.live && bySha.has(t.photo.sha256)).length,
    liveOnCard: truth.filter((t) => t.live).length,
    partial: [...partial].filter((s) => !bySha.has(s) && truth.some((t) => t.photo.sha256 === s)).length,
    namesChecked: named.length,
    namesRight: right.length,
    namesRightFirstLetterAside: rightLoose.length,
    namesRightPercent: named.length ? (100 * right.length) / named.length : null,
    falsePositives: falsePositives.length,
    falsePositiveNames: falsePositives.slice(0, 30),
    missed: missed.map((t) => t.id),
    partialOfMissed: missed.filter((t) => partial.has(t.photo.sha256)).map((t) => t.id),
    wrongNames: named.filter((t) => !right.includes(t)).map((t) => ({ name: t.name, got: [...new Set(nameOf(t))] })),
    ...(run.failed?.length ? { failed: run.failed } : {}),
  };
}

/** Why a photo may have been missed, from what the truth knows about it. */
export function missHint(t, quickFormatted) {
  const hints = [];
  if (t.fragments > 1) hints.push(`fragmented in ${t.fragments} runs`);
  if (!t.nameEvidence.exists) hints.push('no record of its name left on the volume');
  else if (quickFormatted) hints.push('its entry survives only in an orphan folder');
  if (t.nameEvidence.firstLetterLost) hints.push('deleted 8.3 entry (first letter erased)');
  if (!t.deleted) hints.push('live until the quick format');
  return hints.join('; ') || 'contiguous, entry intact';
}
