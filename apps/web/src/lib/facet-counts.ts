import type { FindingFacets, TrashChoice, TrashKeeper } from '@afterimage/contracts';
import type { FoundByChoice } from './filter-model';

const KEEPERS: TrashKeeper[] = ['iphone-recently-deleted', 'android-trash', 'android-pending', 'recycle-bin'];

/**
 * The types to offer, in a steady order (the scan's own tally first, so a choice never moves under
 * the pointer), each with the agent's count when it has answered (what the other filters leave: 0
 * for a type they rule out), else the scan's tally. A type only the agent or the choice knows of is
 * added at the end.
 */
export function formatChoices(facets: FindingFacets | undefined, scanTally: readonly [string, number][], chosen: readonly string[]): [string, number | undefined][] {
  const counts = new Map(facets?.formats.map((f) => [f.value, f.count]));
  const names = [...new Set([...scanTally.map(([format]) => format), ...counts.keys(), ...chosen])];
  const tally = new Map(scanTally);
  return names.map((format) => [format, facets ? (counts.get(format) ?? 0) : tally.get(format)]);
}

/** "Filesystem entry" and "Carved" each count the findings found both ways too (as the filter does). */
export function foundByCount(facets: FindingFacets | undefined, choice: FoundByChoice): number | undefined {
  return facets ? facets.foundBy[choice] + facets.foundBy.both : undefined;
}

/**
 * The trash choices worth showing: each trash that kept something in this scan (`known`: counted by
 * an earlier answer, so it stays while other filters rule it out) or is chosen, each with the
 * agent's count, then "not from a trash". None at all when no finding came from a trash.
 */
export function trashChoices(facets: FindingFacets | undefined, chosen: readonly TrashChoice[], known: readonly TrashKeeper[]): { value: TrashChoice; count: number | undefined }[] {
  const kept = KEEPERS.filter((k) => (facets?.trash[k] ?? 0) > 0 || known.includes(k) || chosen.includes(k));
  if (kept.length === 0 && chosen.length === 0) return [];
  return [...kept.map((k) => ({ value: k as TrashChoice, count: facets?.trash[k] })), { value: 'none', count: facets?.withoutTrash }];
}
