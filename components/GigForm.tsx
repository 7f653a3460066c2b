/** The gig form (new gig and editing a draft): every field with its inline error. */
import type { JSX } from "preact";
import { CsrfField, CURRENCIES, Field, FormErrors, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { TIME_ZONES } from "../lib/browser/time.ts";
import { formValues } from "../lib/web/forms.ts";
import { GIG_KINDS, isTimeZone } from "../lib/domains/gigs/mod.ts";
import { kindLabel } from "../lib/domains/gigs/facts.ts";
import { GIG_DESCRIPTION_MAX_CHARS, GIG_TITLE_MAX_CHARS } from "../lib/shared/limits.ts";

export interface GigFormProps {
  action: string;
  csrf: string;
  values: Record<string, string>;
  errors?: Record<string, string>;
  submitLabel: string;
  publishLabel?: string;
}

const select = "block w-full rounded-md border border-gray-300 px-3 py-2";

export function GigForm(
  { action, csrf, values: v, errors: e = {}, submitLabel, publishLabel }: GigFormProps,
): JSX.Element {
  const err = (name: string) =>
    e[name] && (
      <p id={`f-${name}-error`} class="mt-1 text-sm text-red-700" role="alert">{e[name]}</p>
    );
  return (
    <form
      method="post"
      action={action}
      noValidate
      class="rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
    >
      <CsrfField token={csrf} />
      <FormErrors errors={e} />
      <Field
        name="title"
        label="Title"
        value={v.title}
        error={e.title}
        maxLength={GIG_TITLE_MAX_CHARS}
        required
      />
      <div class="mb-4">
        <label for="f-description" class="mb-1 block text-sm font-medium text-gray-800">
          Description
        </label>
        <textarea
          id="f-description"
          name="description"
          rows={6}
          maxLength={GIG_DESCRIPTION_MAX_CHARS}
          class={select}
        >
          {v.description}
        </textarea>
        {err("description")}
      </div>
      <div class="grid gap-x-4 sm:grid-cols-2">
        <div class="mb-4">
          <label for="f-kind" class="mb-1 block text-sm font-medium text-gray-800">Kind</label>
          <select id="f-kind" name="kind" class={select}>
            {GIG_KINDS.map((k) => (
              <option key={k} value={k} selected={(v.kind || "live_show") === k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div class="mb-4">
          <label for="f-visibility" class="mb-1 block text-sm font-medium text-gray-800">
            Who can apply
          </label>
          <select id="f-visibility" name="visibility" class={select}>
            <option value="public" selected={v.visibility !== "invite_only"}>
              Anyone (public)
            </option>
            <option value="invite_only" selected={v.visibility === "invite_only"}>
              Invited musicians only
            </option>
          </select>
        </div>
        <Field
          name="genres"
          label="Genres"
          value={v.genres}
          error={e.genres}
          hint="Comma-separated, e.g. jazz, soul"
        />
        <Field
          name="instruments"
          label="Instruments wanted"
          value={v.instruments}
          error={e.instruments}
          hint="e.g. guitar, double bass"
        />
        <Field
          name="starts_at"
          label="Starts"
          type="datetime-local"
          value={v.starts_at}
          error={e.starts_at}
          required
        />
        <div class="mb-4">
          <label for="f-timezone" class="mb-1 block text-sm font-medium text-gray-800">
            Time zone
          </label>
          <select id="f-timezone" name="timezone" class={select}>
            {TIME_ZONES.map((tz) => (
              <option key={tz} value={tz} selected={(v.timezone || "Europe/London") === tz}>
                {tz}
              </option>
            ))}
          </select>
          {err("timezone")}
        </div>
        <Field
          name="duration_minutes"
          label="Duration (minutes)"
          type="number"
          value={v.duration_minutes || "120"}
          error={e.duration_minutes}
        />
        <Field
          name="apply_by"
          label="Apply by (optional)"
          type="datetime-local"
          value={v.apply_by}
          error={e.apply_by}
        />
        <Field name="venue_name" label="Venue" value={v.venue_name} error={e.venue_name} />
        <Field name="city" label="City" value={v.city} error={e.city} />
        <Field
          name="country"
          label="Country code"
          value={v.country}
          error={e.country}
          hint="Two letters, e.g. GB"
          maxLength={2}
        />
        <div class="mb-4 flex items-center gap-2 self-end">
          <input
            id="f-remote"
            name="remote"
            type="checkbox"
            checked={v.remote === "on"}
            class="h-5 w-5"
          />
          <label for="f-remote">Remote (online session or lesson)</label>
        </div>
        <Field
          name="budget_min"
          label="Budget from"
          value={v.budget_min}
          error={e.budget_min_minor}
          hint="In whole units, e.g. 300"
        />
        <Field
          name="budget_max"
          label="Budget up to"
          value={v.budget_max}
          error={e.budget_max_minor}
        />
        <SelectField
          name="currency"
          label="Currency"
          options={CURRENCIES}
          value={v.currency || "EUR"}
        />
      </div>
      <div class="flex flex-wrap gap-3">
        <Button name="intent" value="save" variant={publishLabel ? "secondary" : "primary"}>
          {submitLabel}
        </Button>
        {publishLabel && <Button name="intent" value="publish">{publishLabel}</Button>}
      </div>
    </form>
  );
}

/** Form fields → the raw object GigInput parses (times read in the chosen zone, money in minor units). */
export function gigFormToInput(
  form: FormData,
  convert: {
    zonedToUtc(local: string, tz: string): Date | null;
    toMinor(v: FormDataEntryValue | null): number | string | undefined;
  },
): { raw: Record<string, unknown>; values: Record<string, string> } {
  const values = formValues(form);
  const tz = values.timezone || "UTC";
  // An unknown zone cannot place the times: they go through as typed, and GigInput names the
  // timezone field.
  const local = (v: string) => (isTimeZone(tz) ? convert.zonedToUtc(v, tz) ?? v : v);
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
    city: values.city ?? "",
    country: values.country?.trim() ? values.country : null,
    currency: values.currency || "EUR",
    visibility: values.visibility || "public",
    starts_at: values.starts_at ? local(values.starts_at) : undefined,
    apply_by: values.apply_by ? local(values.apply_by) : null,
    budget_min_minor: convert.toMinor(form.get("budget_min")) ?? null,
    budget_max_minor: convert.toMinor(form.get("budget_max")) ?? null,
  };
  return { raw, values };
}
