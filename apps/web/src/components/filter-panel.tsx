'use client';
import type { Confidence, FindingFacets, Origin, TrashKeeper, ValidationState } from '@afterimage/contracts';
import { useId, type Dispatch, type SetStateAction } from 'react';
import { formatChoices, foundByCount, trashChoices } from '../lib/facet-counts';
import { activeFilterCount, EMPTY_FILTER, toggleIn, type FilterForm, type FoundByChoice, type SizeUnit } from '../lib/filter-model';
import { CONFIDENCE_HINT, CONFIDENCE_LABEL, formatLabel, ORIGIN_HINT, ORIGIN_LABEL, STATE_HINT, STATE_LABEL } from '../lib/finding-labels';
import { TRASH_LABEL, TRASH_PLACE } from '../lib/trash-labels';
import { ChoiceGroup } from './choice-group';
import { DebouncedInput } from './debounced-input';
import { CameraHints, DateHint, SizeHint } from './filter-hints';

const STATES: ValidationState[] = ['complete', 'truncated', 'corrupt'];
const ORIGINS: Origin[] = ['deleted', 'live', 'lost'];
const CONFIDENCES: Confidence[] = ['high', 'medium', 'low'];

interface Props {
  form: FilterForm;
  onChange: Dispatch<SetStateAction<FilterForm>>;
  /** The scan's own tally by type, offered until the agent's counts come. */
  formats: [string, number][];
  /** The agent's counts (findings.facets): each choice shows what it would give with the other filters. */
  facets?: FindingFacets;
  /** Every trash this scan's findings came from, as far as the agent has counted. */
  trashKinds?: TrashKeeper[];
}

/**
 * Every filter findings.page knows: type, state, how it was found, deleted or not, recoverability,
 * which trash, date taken, camera, size, name; each choice with the agent's count. Each change asks
 * the agent again; the grid shows what it answers.
 */
export function FilterPanel({ form, onChange, formats, facets, trashKinds = [] }: Props) {
  const id = useId();
  // Against the latest form: a debounced field commits after other controls may have changed.
  const set = (patch: Partial<FilterForm>) => onChange((current) => ({ ...current, ...patch }));
  const active = activeFilterCount(form);
  const types = formatChoices(facets, formats, form.formats);
  const trash = trashChoices(facets, form.trash, trashKinds);
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()} data-testid="filters" data-facets={facets ? 'ready' : 'loading'}>
      <div className="filters-head">
        <p className="filters-title">Filters{active > 0 ? ` (${active})` : ''}</p>
        <button type="button" className="btn btn-quiet" disabled={active === 0} onClick={() => onChange(EMPTY_FILTER)} data-testid="filters-clear">
          Clear
        </button>
      </div>
      <label className="field" htmlFor={`${id}-text`}>
        <span className="field-label">Name or folder</span>
        <DebouncedInput id={`${id}-text`} className="input input-plain" type="search" value={form.text} onCommit={(text) => set({ text })} placeholder="IMG_, DCIM…" data-testid="filter-text" />
      </label>
      {types.length > 0 && (
        <ChoiceGroup legend="Type" name="format" choices={types.map(([value, count]) => ({ value, label: formatLabel(value), count }))} chosen={form.formats} onToggle={(v) => set({ formats: toggleIn(form.formats, v) })} />
      )}
      {trash.length > 0 && (
        <ChoiceGroup
          legend="From a trash"
          name="trash"
          choices={trash.map(({ value, count }) =>
            value === 'none' ? { value, label: 'Not from a trash', count, hint: 'Never put in a trash, or deleted past it.' } : value === 'any' ? { value, label: 'Any trash', count } : { value, label: TRASH_LABEL[value], count, hint: `Kept by ${TRASH_PLACE[value]}.` },
          )}
          chosen={form.trash}
          onToggle={(v) => set({ trash: toggleIn(form.trash, v) })}
        />
      )}
      <ChoiceGroup legend="State" name="state" choices={STATES.map((value) => ({ value, label: STATE_LABEL[value], hint: STATE_HINT[value], count: facets?.states[value] }))} chosen={form.states} onToggle={(v) => set({ states: toggleIn(form.states, v) })} />
      <ChoiceGroup<FoundByChoice>
        legend="How it was found"
        name="found-by"
        choices={[
          { value: 'filesystem', label: 'Filesystem entry', hint: 'A deleted or live entry named it (both ways count).', count: foundByCount(facets, 'filesystem') },
          { value: 'carving', label: 'Carved', hint: 'Found by its content (both ways count).', count: foundByCount(facets, 'carving') },
        ]}
        chosen={form.foundBy}
        onToggle={(v) => set({ foundBy: toggleIn(form.foundBy, v) })}
      />
      <ChoiceGroup legend="Deleted or not" name="origin" choices={ORIGINS.map((value) => ({ value, label: ORIGIN_LABEL[value], hint: ORIGIN_HINT[value], count: facets?.origins[value] }))} chosen={form.origins} onToggle={(v) => set({ origins: toggleIn(form.origins, v) })} />
      <ChoiceGroup
        legend="Recoverability"
        name="confidence"
        choices={CONFIDENCES.map((value) => ({ value, label: CONFIDENCE_LABEL[value], hint: CONFIDENCE_HINT[value], count: facets?.confidence[value] }))}
        chosen={form.confidence}
        onToggle={(v) => set({ confidence: toggleIn(form.confidence, v) })}
      />
      <fieldset className="choice-group">
        <legend>Date taken</legend>
        <div className="range range-dates">
          <label htmlFor={`${id}-from`} className="sr-only">
            Taken on or after
          </label>
          <input id={`${id}-from`} className="input input-plain" type="date" value={form.takenFrom} onChange={(e) => set({ takenFrom: e.target.value })} data-testid="filter-taken-from" />
          <span aria-hidden>to</span>
          <label htmlFor={`${id}-to`} className="sr-only">
            Taken on or before
          </label>
          <input id={`${id}-to`} className="input input-plain" type="date" value={form.takenTo} onChange={(e) => set({ takenTo: e.target.value })} data-testid="filter-taken-to" />
        </div>
        <DateHint facets={facets} />
      </fieldset>
      <label className="field" htmlFor={`${id}-camera`}>
        <span className="field-label">Camera</span>
        <DebouncedInput id={`${id}-camera`} className="input input-plain" type="search" value={form.camera} onCommit={(camera) => set({ camera })} placeholder="Canon, iPhone…" data-testid="filter-camera" />
      </label>
      <CameraHints facets={facets} chosen={form.camera} onPick={(camera) => set({ camera })} />
      <fieldset className="choice-group">
        <legend>Size</legend>
        <div className="range">
          <label htmlFor={`${id}-min`} className="sr-only">
            At least
          </label>
          <DebouncedInput id={`${id}-min`} className="input input-plain input-number" inputMode="decimal" value={form.minSize} onCommit={(minSize) => set({ minSize })} placeholder="min" data-testid="filter-min-size" />
          <span aria-hidden>–</span>
          <label htmlFor={`${id}-max`} className="sr-only">
            At most
          </label>
          <DebouncedInput id={`${id}-max`} className="input input-plain input-number" inputMode="decimal" value={form.maxSize} onCommit={(maxSize) => set({ maxSize })} placeholder="max" data-testid="filter-max-size" />
          <label htmlFor={`${id}-unit`} className="sr-only">
            Unit
          </label>
          <select id={`${id}-unit`} className="input input-plain input-unit" value={form.sizeUnit} onChange={(e) => set({ sizeUnit: e.target.value as SizeUnit })}>
            <option value="KB">KB</option>
            <option value="MB">MB</option>
          </select>
        </div>
        <SizeHint facets={facets} />
      </fieldset>
    </form>
  );
}
