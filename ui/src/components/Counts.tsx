import type { DueFilter } from '../lib/list';
import { counts, loadState, view } from '../state/tasks';

const filterTo = (due: DueFilter) =>
  (view.value = { ...view.value, due: view.value.due === due ? 'any' : due, status: 'all' });

/**
 * What is open, overdue, due today and done. Overdue and due today are buttons
 * that filter the list to them (pressed again, back to everything). Until the
 * list has loaded there is nothing to count, and it says so instead of "0 open".
 */
export function Counts() {
  if (loadState.value !== 'ready') {
    return (
      <p class="counts" aria-busy={loadState.value === 'loading'}>
        {loadState.value === 'loading' ? 'Counting…' : 'Counts unavailable until the list loads.'}
      </p>
    );
  }
  const c = counts.value;
  const due = view.value.due;
  return (
    <p class="counts">
      <span>{c.open} open</span>
      <button
        type="button"
        class={c.overdue ? 'count count-overdue' : 'count'}
        aria-pressed={due === 'overdue'}
        onClick={() => filterTo('overdue')}
      >
        {c.overdue} overdue
      </button>
      <button
        type="button"
        class={c.today ? 'count count-today' : 'count'}
        aria-pressed={due === 'today'}
        onClick={() => filterTo('today')}
      >
        {c.today} due today
      </button>
      <span>{c.done} done</span>
    </p>
  );
}
