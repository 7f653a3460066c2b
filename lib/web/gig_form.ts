/**
 * The gig form (new gig, editing a draft) read into what `GigInput` parses: the city found in the
 * gazetteer, start and deadline typed as a date and a time in the gig's zone (the city's, unless
 * the form picks another) and stored in UTC, money in minor units.
 *
 * @module
 */
import { formValues } from "./forms.ts";
import { isTimeZone } from "../domains/gigs/mod.ts";
import { placeFromForm } from "../domains/places/mod.ts";
import { joinLocal, toMinor, utcToLocalInput, zonedToUtc, zoneNote } from "../browser/time.ts";

/** What a draft had stored, kept when the form leaves the city as it was. */
export interface StoredPlace {
  city: string | null;
  country: string | null;
  lat: number | null;
  lng: number | null;
  timezone: string;
}

export interface GigForm {
  /** For `GigInput.safeParse`. */
  raw: Record<string, unknown>;
  /** The fields as posted, the city as the gazetteer names it. */
  values: Record<string, string>;
  /** Errors found before parsing (the city's). */
  errors: Record<string, string>;
  /** Namesakes of the city typed, to pick from. */
  choices?: string[];
  /** The zone the times were read in, as the form names it ("Lisbon time, UTC+0"). */
  zone: string;
}

/** A date input's and a time input's values, or a `datetime-local` field's as the API posts it. */
function localOf(values: Record<string, string>, name: string, defaultTime: string): string {
  const date = values[`${name}_date`];
  if (date === undefined) return values[name] ?? "";
  return joinLocal(date, values[`${name}_time`] || defaultTime);
}

export async function readGigForm(form: FormData, previous?: StoredPlace): Promise<GigForm> {
  const values = formValues(form);
  const place = await placeFromForm(values, previous);
  const errors: Record<string, string> = {};
  const where = place.ok
    ? place.columns
    : { city: null, country: null, lat: null, lng: null, timezone: null };
  if (place.ok && place.label) Object.assign(values, { city: place.label, country: where.country });
  if (!place.ok) errors.city = place.error;
  // The zone the form picks, else the city's, else the one the draft had.
  const tz = values.timezone || where.timezone || previous?.timezone || "UTC";
  // An unknown zone cannot place the times: they go through as typed, and GigInput names the
  // timezone field.
  const utc = (v: string) => (v && isTimeZone(tz) ? zonedToUtc(v, tz) ?? v : v);
  const starts = localOf(values, "starts_at", "20:00");
  const applyBy = localOf(values, "apply_by", "23:59");
  const raw: Record<string, unknown> = {
    title: values.title ?? "",
    description: values.description ?? "",
    kind: values.kind || "live_show",
    genres: values.genres ?? "",
    instruments: values.instruments ?? "",
    timezone: tz,
    duration_minutes: values.duration_minutes || "120",
    remote: values.remote === "on",
    venue_name: values.venue_name ?? "",
    city: where.city ?? "",
    country: where.country,
    lat: where.lat,
    lng: where.lng,
    currency: values.currency || "EUR",
    visibility: values.visibility || "public",
    starts_at: starts ? utc(starts) : undefined,
    apply_by: applyBy ? utc(applyBy) : null,
    budget_min_minor: toMinor(form.get("budget_min")) ?? null,
    budget_max_minor: toMinor(form.get("budget_max")) ?? null,
  };
  const at = raw.starts_at instanceof Date ? raw.starts_at : undefined;
  const zone = isTimeZone(tz) ? zoneNote(tz, values.timezone ? null : where.city, at) : tz;
  const choices = place.ok ? undefined : place.choices.map((p) => p.label);
  return { raw, values, errors, choices, zone };
}

/** An instant as the form's date and time fields show it in zone `tz`. */
export function localFields(at: Date | string | null, tz: string): { date: string; time: string } {
  if (!at) return { date: "", time: "" };
  const [date, time] = utcToLocalInput(at, tz).split("T");
  return { date, time };
}

/** Errors as the form names its fields: money in whole units, times as date and time, place. */
export function gigFormErrors(errors: Record<string, string>): Record<string, string> {
  return {
    ...errors,
    budget_min: errors.budget_min_minor ?? "",
    budget_max: errors.budget_max_minor ?? "",
    city: errors.city ?? errors.lat ?? errors.lng ?? "",
  };
}
