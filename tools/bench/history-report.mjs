// The histories' table (tools side by side per card), the targets of issue 4, and what Afterimage missed.
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const yes = (v) => (v === null || v === undefined ? 'n/a' : v ? 'met' : 'NOT met');

export function formatHistories({ images, skipped }) {
  const lines = [];
  const head = `${pad('card', 9)} ${pad('tool', 11)} ${lpad('s', 6)} ${lpad('MB/s', 6)} ${lpad('max RSS', 9)} ${lpad('exact', 8)} ${lpad('names right', 16)} ${lpad('live', 7)} ${lpad('partial', 7)} ${lpad('false+', 6)} ${lpad('outputs', 7)}`;
  lines.push(head, '-'.repeat(head.length));
  for (const image of images) {
    for (const r of image.runs) {
      if (r.error) {
        lines.push(`${pad(image.name, 9)} ${pad(r.tool, 11)} FAILED: ${r.error.split('\n')[0].slice(0, 120)}`);
        continue;
      }
      const names = r.namesChecked ? `${r.namesRight}/${r.namesChecked} ${r.namesRightPercent.toFixed(0)}%` : '–';
      lines.push(
        `${pad(image.name, 9)} ${pad(r.tool, 11)} ${lpad(r.seconds.toFixed(1), 6)} ${lpad(r.mbPerSecond.toFixed(0), 6)} ${lpad(`${r.maxRssMiB.toFixed(0)} MiB`, 9)} ` +
          `${lpad(`${r.exact}/${r.intactDeleted}`, 8)} ${lpad(names, 16)} ${lpad(`${r.live}/${r.liveOnCard}`, 7)} ${lpad(r.partial, 7)} ${lpad(r.falsePositives, 6)} ${lpad(r.outputs, 7)}`,
      );
    }
    for (const why of image.toolsMissing) lines.push(`${pad(image.name, 9)} (${why})`);
    lines.push('');
  }
  for (const s of skipped) lines.push(`skipped: ${s}`);
  return lines.join('\n');
}

export function formatHistoryDetails({ images }) {
  const lines = [];
  for (const image of images) {
    lines.push(
      `${image.name}: ${image.filesystem}${image.quickFormatted ? ', quick-formatted' : ''}; ${image.written} written, ${image.liveAtEnd} live, ` +
        `${image.deleted} deleted (${image.deletedIntact} intact, ${image.deletedOverwritten} overwritten); intact: ${image.intactFragmented} fragmented, ` +
        `${image.intactWithName} with their name on the volume (${image.firstLetterLost ? `${image.firstLetterLost} as deleted 8.3 entries; ` : ''}found in its bytes ${image.intactWithNameOnVolume}, listed by fls ${image.intactWithNameListedByFls})`,
    );
    if (image.runsUnverified.length) lines.push(`  runs not confirmed by hash (left out of "intact"): ${image.runsUnverified.join(', ')}`);
    if (!image.targets) continue;
    const t = image.targets;
    lines.push(`  targets: exact ≥ best of TSK/PhotoRec ${yes(t.exactAtLeastBestOther)}; exact ≥ 95 % of intact deleted ${yes(t.exactAtLeast95PercentOfIntact)}; names right ≥ 95 % ${yes(t.namesRightAtLeast95Percent)}`);
    const tsk = image.runs.find((r) => r.tool === 'tsk_recover' && !r.error);
    if (tsk?.namesChecked) lines.push(`  tsk_recover names with a deleted 8.3 name's first letter aside: ${tsk.namesRightFirstLetterAside}/${tsk.namesChecked}`);
    const missed = image.afterimageMissed ?? [];
    if (missed.length) {
      lines.push(`  Afterimage missed ${missed.length}:`);
      for (const m of missed.slice(0, 40)) {
        const others = m.alsoMissedBy.length ? `also missed by ${m.alsoMissedBy.join(', ')}` : 'the others got it';
        lines.push(`    ${pad(m.name, 14)} ${lpad((m.size / 1e6).toFixed(2), 6)} MB  ${m.hint}${m.afterimageWrotePart ? '; Afterimage wrote it cut or merged' : ''}; ${others}  [${m.source}]`);
      }
      if (missed.length > 40) lines.push(`    … ${missed.length - 40} more in the JSON`);
    }
    const ours = image.runs.find((r) => r.tool === 'afterimage' && !r.error);
    const wrong = ours?.wrongNames ?? [];
    if (wrong.length) lines.push(`  Afterimage's wrong names (${wrong.length}): ${wrong.slice(0, 12).map((w) => `${w.name} → ${w.got.join('|')}`).join(', ')}${wrong.length > 12 ? ', …' : ''}`);
    if (ours?.failed?.length) lines.push(`  Afterimage could not recover ${ours.failed.length}: ${ours.failed.slice(0, 5).map((f) => `${f.name} (${f.reason})`).join(', ')}`);
  }
  return lines.join('\n');
}
