/**
 * The plan editor's fields: a label, the control, a hint and the error naming the field, wired
 * for screen readers. Controlled by the editor island (components/Field.tsx is for plain forms).
 */
import type { JSX } from "preact";

const control = (error?: string) =>
  `block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
    error ? "border-red-600" : "border-gray-300"
  }`;

function described(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

function Notes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <p id={`${id}-hint`} class="mt-1 text-sm text-gray-600">{hint}</p>}
      {error && <p id={`${id}-error`} role="alert" class="mt-1 text-sm text-red-700">{error}</p>}
    </>
  );
}

export interface PlanFieldProps {
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  type?: "text" | "number";
  min?: number;
  max?: number;
  maxLength?: number;
  list?: string;
  onInput?: (e: Event) => void;
}

export function PlanField(props: PlanFieldProps): JSX.Element {
  const id = `plan-${props.name}`;
  return (
    <div class="mb-4">
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.type === "number" ? "numeric" : undefined}
        value={props.value}
        min={props.min}
        max={props.max}
        maxLength={props.maxLength}
        list={props.list}
        onInput={props.onInput}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={described(id, props.hint, props.error)}
        class={control(props.error)}
      />
      <Notes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface PlanSelectProps {
  name: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  error?: string;
  onChange?: (e: Event) => void;
}

export function PlanSelect(props: PlanSelectProps): JSX.Element {
  const id = `plan-${props.name}`;
  return (
    <div class="mb-4">
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{props.label}</label>
      <select
        id={id}
        name={props.name}
        onChange={props.onChange}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={described(id, undefined, props.error)}
        class={control(props.error)}
      >
        {props.options.map(([v, l]) => (
          <option key={v} value={v} selected={v === props.value}>{l}</option>
        ))}
      </select>
      <Notes id={id} error={props.error} />
    </div>
  );
}
