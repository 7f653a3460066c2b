/**
 * The settings pages' forms (no JavaScript needed): money in major units ("300" or "300.50"),
 * tags comma-separated, weekdays as checkboxes; parsed into the API's inputs, with field errors.
 *
 * @module
 */
import { z } from "zod";
import { fieldErrors, type FormResult, formValues } from "../../../web/forms.ts";
import {
  AutoApplyInput,
  type AutoApplyInput as AutoApplyInputT,
  AutoShortlistInput,
  type AutoShortlistInput as AutoShortlistInputT,
} from "./schemas.ts";

const blank = (v: FormDataEntryValue | null) => v == null || String(v).trim() === "";

/** "300.50" → 30050; blank → null; anything else is left for zod to refuse. */
function minor(v: FormDataEntryValue | null): unknown {
  if (blank(v)) return null;
  const s = String(v).trim().replace(",", ".");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return s;
  return Math.round(Number(s) * 100);
}

function int(v: FormDataEntryValue | null): unknown {
  if (blank(v)) return null;
  const s = String(v).trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : s;
}

function decimal(v: FormDataEntryValue | null): unknown {
  if (blank(v)) return null;
  const s = String(v).trim().replace(",", ".");
  return /^\d(\.\d{1,2})?$/.test(s) ? Number(s) : s;
}

/** "jazz, Soul ,  " → ["jazz", "soul"]. */
export function tagList(v: FormDataEntryValue | null): string[] {
  if (blank(v)) return [];
  return [...new Set(String(v).split(",").map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

function parse<S extends z.ZodType>(
  schema: S,
  raw: Record<string, unknown>,
  form: FormData,
): FormResult<z.output<S>> {
  const values = formValues(form);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors = fieldErrors(parsed.error.issues);
  // Tag and weekday issues point at an item ("genres.0"): show them beside the field.
  for (const key of Object.keys(errors)) {
    const field = key.split(".")[0];
    if (field !== key) errors[field] ??= errors[key];
  }
  return { ok: false, errors, values };
}

export function autoApplyFromForm(form: FormData): FormResult<AutoApplyInputT> {
  const weekdays = form.getAll("weekdays").map((d) => Number(d));
  return parse(AutoApplyInput, {
    template: String(form.get("template") ?? ""),
    min_fee_minor: minor(form.get("min_fee")),
    max_distance_km: int(form.get("max_distance_km")),
    genres: tagList(form.get("genres")),
    weekdays,
    daily_cap: int(form.get("daily_cap")) ?? 5,
  }, form);
}

export function autoShortlistFromForm(form: FormData): FormResult<AutoShortlistInputT> {
  return parse(AutoShortlistInput, {
    enabled: form.get("enabled") === "on",
    within_budget: form.get("within_budget") === "on",
    max_distance_km: int(form.get("max_distance_km")),
    genres: tagList(form.get("genres")),
    instruments: tagList(form.get("instruments")),
    min_rating: decimal(form.get("min_rating")),
    daily_cap: int(form.get("daily_cap")) ?? 5,
  }, form);
}
