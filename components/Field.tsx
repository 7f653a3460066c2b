/**
 * Labelled form fields with their hint and inline error, wired for screen readers: one shape
 * for plain forms (uncontrolled) and islands (controlled: pass `onInput`/`onChange`).
 */
import type { JSX } from "preact";

/** The text control's look, red while it has an error. */
const control = (error?: string) =>
  `block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
    error ? "border-red-600" : "border-gray-300"
  }`;

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;

/** The hint and the error under a control, ids `<id>-hint` and `<id>-error`. */
function Notes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <p id={`${id}-hint`} class="mt-1 text-sm text-gray-600">{hint}</p>}
      {error && <p id={`${id}-error`} class="mt-1 text-sm text-red-700" role="alert">{error}</p>}
    </>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  type?: string;
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  minLength?: number;
  maxLength?: number;
  accept?: string;
  /** The control's id (default `f-<name>`). */
  id?: string;
  /** The row's classes (default `mb-4`). */
  class?: string;
  placeholder?: string;
  list?: string;
  min?: number;
  max?: number;
  inputMode?: "numeric" | "decimal" | "text";
  onInput?: (e: Event) => void;
}

export function Field(props: FieldProps): JSX.Element {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class={props.class ?? "mb-4"}>
      <label for={id} class="block text-sm font-medium text-gray-800 mb-1">
        {props.label}
        {props.required && <span class="text-red-700" aria-hidden="true">*</span>}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        value={props.type === "password" || props.type === "file" ? undefined : props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        minLength={props.minLength}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        list={props.list}
        placeholder={props.placeholder}
        accept={props.accept}
        onInput={props.onInput}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        class={control(props.error)}
      />
      <Notes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface CheckboxProps {
  name: string;
  label: string;
  checked?: boolean;
  error?: string;
  /** The control's id (default `f-<name>`). */
  id?: string;
  /** The row's classes (default `mb-2 flex items-center gap-2`). */
  class?: string;
  onChange?: (e: Event) => void;
}

export function Checkbox(props: CheckboxProps): JSX.Element {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class={props.class ?? "mb-2 flex items-center gap-2"}>
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        onChange={props.onChange}
        aria-invalid={props.error ? "true" : undefined}
        class="h-5 w-5 rounded border-gray-300 text-indigo-600"
      />
      <label for={id} class="text-gray-800">{props.label}</label>
    </div>
  );
}

/** The hidden CSRF token every form carries. */
export function CsrfField({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A form-level error summary, announced when the page loads after a failed submit. */
export function FormErrors({ errors }: { errors?: Record<string, string> }): JSX.Element | null {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div
      role="alert"
      class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800"
    >
      {errors._form ?? "Please fix the highlighted fields."}
    </div>
  );
}

export interface SelectFieldProps {
  name: string;
  label: string;
  options: readonly (string | readonly [value: string, label: string])[];
  value?: string;
  error?: string;
  hint?: string;
  id?: string;
  /** The row's classes (default `mb-4`). */
  class?: string;
  onChange?: (e: Event) => void;
}

/** A labelled select; options are values, or [value, label] pairs. */
export function SelectField(props: SelectFieldProps): JSX.Element {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class={props.class ?? "mb-4"}>
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{props.label}</label>
      <select
        id={id}
        name={props.name}
        onChange={props.onChange}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        class={control(props.error)}
      >
        {props.options.map((o) => {
          const [value, label] = typeof o === "string" ? [o, o] : o;
          return (
            <option key={value} value={value} selected={props.value === value}>{label}</option>
          );
        })}
      </select>
      <Notes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

/** The currencies fees and budgets are quoted in. */
export const CURRENCIES = ["EUR", "GBP", "USD", "INR"] as const;
