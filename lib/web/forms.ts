/** Form parsing with zod: field errors keyed by field name, values echoed back into the form. */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form) {
    if (typeof v === "string" && k !== "_csrf" && !/password/.test(k)) values[k] = v;
  }
  return values;
}

export function fieldErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Parses a form (checkboxes arrive as "on" or absent) into the schema's output type. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of form) if (k !== "_csrf") raw[k] = v;
  const values = formValues(form);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, errors: fieldErrors(parsed.error.issues), values };
}
