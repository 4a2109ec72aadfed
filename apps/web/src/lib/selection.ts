import type { FindingFilter } from '@afterimage/contracts';

/**
 * Which findings are chosen for recovery. Two shapes:
 * - "matching": every finding that matches the current filters, except some. It is the default (so
 *   photos still being found are included) and what "Select all that match" sets; when the filters
 *   change it follows them, and its exceptions are dropped.
 * - "ids": exactly these findings, whatever the filters show.
 */
export type Selection = { kind: 'matching'; except: ReadonlySet<string> } | { kind: 'ids'; ids: ReadonlySet<string> };

export const ALL_MATCHING: Selection = { kind: 'matching', except: new Set() };
export const NOTHING: Selection = { kind: 'ids', ids: new Set() };

export function isSelected(selection: Selection, id: string): boolean {
  return selection.kind === 'matching' ? !selection.except.has(id) : selection.ids.has(id);
}

/** Sets each of `ids` chosen (on) or not. */
export function setChosen(selection: Selection, ids: readonly string[], on: boolean): Selection {
  if (selection.kind === 'matching') {
    const except = new Set(selection.except);
    for (const id of ids) {
      if (on) except.delete(id);
      else except.add(id);
    }
    return { kind: 'matching', except };
  }
  const chosen = new Set(selection.ids);
  for (const id of ids) {
    if (on) chosen.add(id);
    else chosen.delete(id);
  }
  return { kind: 'ids', ids: chosen };
}

export function toggle(selection: Selection, id: string): Selection {
  return setChosen(selection, [id], !isSelected(selection, id));
}

/**
 * Chooses or leaves out a finding together with the ones that belong with it (the other half of a
 * Live Photo): all follow the first one's new state.
 */
export function toggleTogether(selection: Selection, ids: readonly string[]): Selection {
  const [first] = ids;
  return first === undefined ? selection : setChosen(selection, ids, !isSelected(selection, first));
}

/** The filters changed: "all that match" now means the new matches, with no exceptions. */
export function followFilters(selection: Selection): Selection {
  return selection.kind === 'matching' ? ALL_MATCHING : selection;
}

/** How many are chosen, given how many match the filters now. */
export function chosenCount(selection: Selection, matching: number): number {
  return selection.kind === 'matching' ? Math.max(0, matching - selection.except.size) : selection.ids.size;
}

/** What a recovery is asked to take: exactly some findings, or those matching a filter less some. */
export type RecoverySelection = { findingIds: string[] } | { filter: FindingFilter; exceptIds?: string[] };

/**
 * The selection as recovery.startJob takes it: "all that match" is the filter itself with the ones
 * left out by hand, chosen by the agent in its database (no ids are fetched for it); a hand-picked
 * selection is its ids.
 */
export function recoverySelection(selection: Selection, filter: FindingFilter): RecoverySelection {
  if (selection.kind === 'ids') return { findingIds: [...selection.ids] };
  return selection.except.size > 0 ? { filter, exceptIds: [...selection.except] } : { filter };
}
