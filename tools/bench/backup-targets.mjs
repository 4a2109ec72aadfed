// The `backups` section's targets (issue 7), judged over every run: which were met, and by which runs not.
export const SENT_TARGET = 1.01;
/** A second pass "uploads nothing" when it sends at most this share of the bytes stored (requests' JSON only). */
export const SECOND_PASS_SHARE = 0.001;

const name = (r) => `${r.kind} (${r.run})`;
const cloud = (r) => r.requests !== undefined;

const CHECKS = [
  {
    name: `bytes sent per byte stored ≤ ${SENT_TARGET} without faults`,
    applies: (r) => cloud(r) && !r.faulty,
    miss: (r) => (r.sentPerStored > SENT_TARGET ? `×${r.sentPerStored.toFixed(4)}` : undefined),
  },
  { name: 'nothing lost', applies: () => true, miss: (r) => (r.lost > 0 ? `${r.lost} lost` : undefined) },
  {
    name: 'nothing duplicated (listed once; the store holds one object a file)',
    applies: () => true,
    miss: (r) => (r.duplicated > 0 || r.stored.files !== r.files ? `${r.duplicated} listed twice or more, ${r.stored.files} stored for ${r.files} files (${r.stored.note})` : undefined),
  },
  {
    name: 'no put failed',
    applies: () => true,
    miss: (r) => (r.failed > 0 ? `${r.failed} failed (reported: ${r.errors.map((e) => `${e.count}× ${e.error}`).join('; ')})` : undefined),
  },
  {
    name: `a second pass uploads nothing (≤ ${SECOND_PASS_SHARE * 100} % of the bytes sent, store unchanged, no failure)`,
    applies: () => true,
    miss: (r) => {
      const s = r.second;
      const sentTooMuch = s.bytesSent !== undefined && s.bytesSent > SECOND_PASS_SHARE * r.bytes;
      if (!sentTooMuch && !s.rewritten && s.failed === 0 && s.storedAfter.files === r.stored.files) return undefined;
      return `${s.bytesSent !== undefined ? `${s.bytesSent} B sent` : `${s.rewritten} rewritten`}, ${s.storedAfter.files} stored after (${r.stored.files} before), ${s.failed} failed`;
    },
  },
];

export function judge(runs) {
  return CHECKS.map((check) => {
    const missed = runs.filter(check.applies).map((r) => [r, check.miss(r)]).filter(([, why]) => why);
    return { name: check.name, met: missed.length === 0, missedBy: missed.map(([r, why]) => `${name(r)}: ${why}`) };
  });
}
