'use client';
import type { Confidence, Origin, ValidationState } from '@afterimage/contracts';
import { useId, type Dispatch, type SetStateAction } from 'react';
import { activeFilterCount, EMPTY_FILTER, toggleIn, type FilterForm, type FoundByChoice, type SizeUnit } from '../lib/filter-model';
import { CONFIDENCE_HINT, CONFIDENCE_LABEL, formatLabel, ORIGIN_HINT, ORIGIN_LABEL, STATE_HINT, STATE_LABEL } from '../lib/finding-labels';
import { ChoiceGroup } from './choice-group';
import { DebouncedInput } from './debounced-input';

const STATES: ValidationState[] = ['complete', 'truncated', 'corrupt'];
const ORIGINS: Origin[] = ['deleted', 'live', 'lost'];
const CONFIDENCES: Confidence[] = ['high', 'medium', 'low'];

/**
 * Every filter findings.page knows: type, state, how it was found, deleted or not, recoverability,
 * date taken, camera, size, name. Each change asks the agent again; the grid shows what it answers.
 */
export function FilterPanel({ form, onChange, formats }: { form: FilterForm; onChange: Dispatch<SetStateAction<FilterForm>>; formats: [string, number][] }) {
  const id = useId();
  // Against the latest form: a debounced field commits after other controls may have changed.
  const set = (patch: Partial<FilterForm>) => onChange((current) => ({ ...current, ...patch }));
  const active = activeFilterCount(form);
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()} data-testid="filters">
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
      {formats.length > 0 && (
        <ChoiceGroup legend="Type" name="format" choices={formats.map(([value, count]) => ({ value, label: formatLabel(value), count }))} chosen={form.formats} onToggle={(v) => set({ formats: toggleIn(form.formats, v) })} />
      )}
      <ChoiceGroup legend="State" name="state" choices={STATES.map((value) => ({ value, label: STATE_LABEL[value], hint: STATE_HINT[value] }))} chosen={form.states} onToggle={(v) => set({ states: toggleIn(form.states, v) })} />
      <ChoiceGroup<FoundByChoice>
        legend="How it was found"
        name="found-by"
        choices={[
          { value: 'filesystem', label: 'Filesystem entry', hint: 'A deleted or live entry named it (both ways count).' },
          { value: 'carving', label: 'Carved', hint: 'Found by its content (both ways count).' },
        ]}
        chosen={form.foundBy}
        onToggle={(v) => set({ foundBy: toggleIn(form.foundBy, v) })}
      />
      <ChoiceGroup legend="Deleted or not" name="origin" choices={ORIGINS.map((value) => ({ value, label: ORIGIN_LABEL[value], hint: ORIGIN_HINT[value] }))} chosen={form.origins} onToggle={(v) => set({ origins: toggleIn(form.origins, v) })} />
      <ChoiceGroup legend="Recoverability" name="confidence" choices={CONFIDENCES.map((value) => ({ value, label: CONFIDENCE_LABEL[value], hint: CONFIDENCE_HINT[value] }))} chosen={form.confidence} onToggle={(v) => set({ confidence: toggleIn(form.confidence, v) })} />
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
      </fieldset>
      <label className="field" htmlFor={`${id}-camera`}>
        <span className="field-label">Camera</span>
        <DebouncedInput id={`${id}-camera`} className="input input-plain" type="search" value={form.camera} onCommit={(camera) => set({ camera })} placeholder="Canon, iPhone…" data-testid="filter-camera" />
      </label>
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
      </fieldset>
    </form>
  );
}
