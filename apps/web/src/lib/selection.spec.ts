import { describe, expect, it } from 'vitest';
import { ALL_MATCHING, chosenCount, followFilters, isSelected, NOTHING, recoverySelection, setChosen, toggle, toggleTogether } from './selection';

describe('selection', () => {
  it('starts with everything that matches and counts the exceptions out', () => {
    let s = ALL_MATCHING;
    expect(isSelected(s, 'a')).toBe(true);
    s = toggle(s, 'a');
    expect(isSelected(s, 'a')).toBe(false);
    expect(chosenCount(s, 10)).toBe(9);
    s = toggle(s, 'a');
    expect(chosenCount(s, 10)).toBe(10);
  });

  it('keeps exactly the chosen ids once cleared', () => {
    let s = setChosen(NOTHING, ['a', 'b', 'c'], true);
    s = setChosen(s, ['b'], false);
    expect(chosenCount(s, 1000)).toBe(2);
    expect(isSelected(s, 'c')).toBe(true);
    expect(followFilters(s)).toBe(s);
  });

  it('follows the filters when it is "all that match"', () => {
    const s = setChosen(ALL_MATCHING, ['x'], false);
    expect(followFilters(s)).toEqual(ALL_MATCHING);
  });

  it('recovers "all that match" by the filter less the ones left out, and a hand-picked choice by its ids', () => {
    expect(recoverySelection(ALL_MATCHING, {})).toEqual({ filter: {} });
    expect(recoverySelection(ALL_MATCHING, { formats: ['png'] })).toEqual({ filter: { formats: ['png'] } });
    const except = recoverySelection(setChosen(ALL_MATCHING, ['b', 'd'], false), { trash: ['any'] });
    expect(except).toEqual({ filter: { trash: ['any'] }, exceptIds: ['b', 'd'] });
    expect(recoverySelection(setChosen(NOTHING, ['c', 'a'], true), { formats: ['png'] })).toEqual({ findingIds: ['c', 'a'] });
  });
});

describe('toggleTogether', () => {
  it('moves both halves of a Live Photo to the first one’s new state', () => {
    const none = toggleTogether(ALL_MATCHING, ['still', 'movie']);
    expect(isSelected(none, 'still')).toBe(false);
    expect(isSelected(none, 'movie')).toBe(false);
    const mixed = setChosen(NOTHING, ['movie'], true);
    const both = toggleTogether(mixed, ['still', 'movie']);
    expect(isSelected(both, 'still') && isSelected(both, 'movie')).toBe(true);
    expect(toggleTogether(mixed, [])).toBe(mixed);
  });
});
