import type { PriorityFilter, Sort, StatusFilter, View } from '../lib/list';
import { view } from '../state/tasks';

const set = (patch: Partial<View>) => (view.value = { ...view.value, ...patch });

/** Status, priority, search and sort; applied in the browser, instantly. */
export function Filters() {
  const v = view.value;
  return (
    <div class="filters" role="search">
      <label class="grow">
        Search
        <input type="search" value={v.q} onInput={(e) => set({ q: e.currentTarget.value })} placeholder="Title or notes" />
      </label>
      <label>
        Status
        <select value={v.status} onChange={(e) => set({ status: e.currentTarget.value as StatusFilter })}>
          <option value="all">All</option>
          <option value="open">Open</option>
          <option value="done">Done</option>
        </select>
      </label>
      <label>
        Priority
        <select value={v.priority} onChange={(e) => set({ priority: e.currentTarget.value as PriorityFilter })}>
          <option value="any">Any</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
        </select>
      </label>
      <label>
        Sort by
        <select value={v.sort} onChange={(e) => set({ sort: e.currentTarget.value as Sort })}>
          <option value="created_at">Newest</option>
          <option value="due_date">Due date</option>
          <option value="priority">Priority</option>
          <option value="updated_at">Recently changed</option>
        </select>
      </label>
    </div>
  );
}
