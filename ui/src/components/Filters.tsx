import type { PriorityFilter, Sort, StatusFilter, View } from '../lib/list';
import { view } from '../state/tasks';
import { Choice, PRIORITY_OPTIONS } from './Choice';

const set = (patch: Partial<View>) => (view.value = { ...view.value, ...patch });

const STATUS: [StatusFilter, string][] = [
  ['all', 'All'],
  ['open', 'Open'],
  ['done', 'Done'],
];
const PRIORITY: [PriorityFilter, string][] = [['any', 'Any'], ...PRIORITY_OPTIONS];
const SORT: [Sort, string][] = [
  ['due_date', 'Due date'],
  ['created_at', 'Newest'],
  ['priority', 'Priority'],
  ['updated_at', 'Recently changed'],
];

/** Status, priority, search and sort (within each section); applied in the browser, instantly. */
export function Filters() {
  const v = view.value;
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> has no implicit role in the screen readers we test with; the explicit role does
    <div class="filters" role="search">
      <label class="grow">
        Search
        <input
          type="search"
          aria-keyshortcuts="/"
          value={v.q}
          onInput={(e) => set({ q: e.currentTarget.value })}
          placeholder="Title or notes"
        />
      </label>
      <Choice label="Status" value={v.status} options={STATUS} onChange={(status) => set({ status })} />
      <Choice label="Priority" value={v.priority} options={PRIORITY} onChange={(priority) => set({ priority })} />
      <Choice label="Sort by" value={v.sort} options={SORT} onChange={(sort) => set({ sort })} />
    </div>
  );
}
