import type { Priority } from '../state/api';

export const PRIORITY_OPTIONS: [Priority, string][] = [
  ['low', 'Low'],
  ['medium', 'Medium'],
  ['high', 'High'],
];

/** A labelled <select>; with `hideLabel` the label is for screen readers only. */
export function Choice<T extends string>(props: {
  label: string;
  hideLabel?: boolean;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {props.hideLabel ? <span class="sr-only">{props.label}</span> : props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as T)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
