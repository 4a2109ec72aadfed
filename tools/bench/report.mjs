// The benchmark's table (side by side per image) and the ratios under it.
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

export function formatTable(images) {
  const lines = [];
  const head = `${pad('image', 6)} ${pad('tool', 10)} ${pad('mode', 24)} ${lpad('MB/s', 6)} ${lpad('CPU s', 6)} ${lpad('max RSS', 9)} ${lpad('exact', 8)} ${lpad('partial', 7)} ${lpad('false+', 6)} ${lpad('outputs', 7)}  notes`;
  lines.push(head, '-'.repeat(head.length + 10));
  for (const image of images) {
    for (const run of image.runs) {
      const notes = [];
      if (run.alignment) notes.push(`block ${run.alignment.blockSize}${run.alignment.offset ? `+${run.alignment.offset}` : ''}`);
      if (run.threads !== undefined) notes.push(`${run.threads} thread(s)`);
      if (run.unalignedFound !== undefined) notes.push(`unaligned found ${run.unalignedFound}/${image.inScope}`);
      if (run.fragments) notes.push(`${run.fragments} embedded pieces`);
      lines.push(
        `${pad(image.name, 6)} ${pad(run.tool, 10)} ${pad(run.mode, 24)} ${lpad(run.mbPerSecond.toFixed(0), 6)} ${lpad(run.cpuSeconds.toFixed(1), 6)} ${lpad(`${run.maxRssMiB.toFixed(0)} MiB`, 9)} ` +
          `${lpad(`${run.exact}/${image.inScope}`, 8)} ${lpad(run.partial, 7)} ${lpad(run.falsePositives, 6)} ${lpad(run.outputs, 7)}  ${notes.join(', ')}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Afterimage ÷ PhotoRec (and ÷ foremost) per image, on the comparable run (the first Afterimage one).
 * On the dump the jobs differ (byte level against a tool that finds no aligned header and skips), so
 * no throughput ratio is given there.
 */
export function summarize(images) {
  const out = [];
  for (const image of images) {
    const ours = image.runs.find((r) => r.tool === 'afterimage');
    for (const other of image.runs.filter((r) => r.tool !== 'afterimage')) {
      out.push({
        image: image.name,
        versus: other.tool,
        throughputRatio: image.name === 'dump' ? null : ours.mbPerSecond / other.mbPerSecond,
        cpuRatio: image.name === 'dump' ? null : other.cpuSeconds / ours.cpuSeconds,
        rssRatio: ours.maxRssMiB / other.maxRssMiB,
        exactDifference: ours.exact - other.exact,
        falsePositives: { afterimage: ours.falsePositives, [other.tool]: other.falsePositives },
      });
    }
  }
  return out;
}

export function formatSummary(summary) {
  return summary
    .map(
      (s) =>
        `${pad(s.image, 6)} Afterimage ÷ ${pad(s.versus, 9)} ` +
        (s.throughputRatio === null ? 'throughput not comparable (other job), ' : `throughput ×${s.throughputRatio.toFixed(1)} (per CPU second ×${s.cpuRatio.toFixed(1)}), `) +
        `max RSS ×${s.rssRatio.toFixed(2)}, ` +
        `exact ${s.exactDifference >= 0 ? '+' : ''}${s.exactDifference}, false positives ${s.falsePositives.afterimage} vs ${s.falsePositives[s.versus]}`,
    )
    .join('\n');
}
