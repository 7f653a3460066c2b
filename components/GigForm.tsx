/**
 * The gig form (new gig and editing a draft): every field with its inline error. Genres and
 * instruments are tag inputs, the city a gazetteer search, times a date and a time in the gig's
 * zone (named beside them); lib/web/gig_form.ts reads what it posts.
 */
import type { JSX } from "preact";
import { CsrfField, CURRENCIES, Field, FormErrors, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { PlaceFields } from "./PlaceFields.tsx";
import TagInput from "../islands/TagInput.tsx";
import { TIME_ZONES } from "../lib/browser/time.ts";
import { GIG_KINDS } from "../lib/domains/gigs/mod.ts";
import { kindLabel } from "../lib/domains/gigs/facts.ts";
import { GIG_DESCRIPTION_MAX_CHARS, GIG_TITLE_MAX_CHARS } from "../lib/shared/limits.ts";
import { GENRE_SUGGESTIONS, INSTRUMENT_SUGGESTIONS } from "../lib/shared/vocabulary.ts";

export interface GigFormProps {
  action: string;
  csrf: string;
  values: Record<string, string>;
  errors?: Record<string, string>;
  submitLabel: string;
  publishLabel?: string;
  /** Namesakes of the city typed, to pick from. */
  choices?: string[];
  /** The zone the times are in, as people read it ("Lisbon time, UTC+0"); blank: not known yet. */
  zone?: string;
}

const select = "block w-full rounded-md border border-gray-300 px-3 py-2";

export function GigForm(
  { action, csrf, values: v, errors: e = {}, submitLabel, publishLabel, choices, zone }:
    GigFormProps,
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
        <TagInput
          name="genres"
          label="Genres"
          value={v.genres ?? ""}
          error={e.genres}
          hint="Comma-separated, e.g. jazz, soul"
          suggestions={GENRE_SUGGESTIONS}
        />
        <TagInput
          name="instruments"
          label="Instruments wanted"
          value={v.instruments ?? ""}
          error={e.instruments}
          hint="Comma-separated, e.g. guitar, double bass"
          suggestions={INSTRUMENT_SUGGESTIONS}
        />
        <Field name="venue_name" label="Venue" value={v.venue_name} error={e.venue_name} />
        <PlaceFields
          values={v}
          errors={e}
          choices={choices}
          zoneField="timezone"
          hint="Where the gig is: its times are in this city's time zone"
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
      </div>
      <fieldset class="mb-4 rounded-md border border-gray-200 p-3 sm:p-4">
        <legend class="px-1 text-sm font-semibold text-gray-900">When</legend>
        <p class="mb-3 text-sm text-gray-700">
          Times are in{" "}
          <strong data-zone-note data-date-field="starts_at_date">
            {zone || "the gig's time zone (the city's)"}
          </strong>.
        </p>
        <div class="grid gap-x-4 sm:grid-cols-2">
          <Field
            name="starts_at_date"
            label="Start date"
            type="date"
            value={v.starts_at_date}
            error={e.starts_at}
            required
          />
          <Field
            name="starts_at_time"
            label="Start time"
            type="time"
            value={v.starts_at_time || "20:00"}
            error={e.starts_at_time}
          />
          <Field
            name="duration_minutes"
            label="Duration (minutes)"
            type="number"
            value={v.duration_minutes || "120"}
            error={e.duration_minutes}
          />
          <div class="mb-4">
            <label for="f-timezone" class="mb-1 block text-sm font-medium text-gray-800">
              Time zone
            </label>
            <select
              id="f-timezone"
              name="timezone"
              class={select}
              aria-describedby="f-timezone-hint"
            >
              <option value="" selected={!v.timezone}>The city's time zone</option>
              {zoneOptions(v.timezone).map((tz) => (
                <option key={tz} value={tz} selected={v.timezone === tz}>{tz}</option>
              ))}
            </select>
            <p id="f-timezone-hint" class="mt-1 text-sm text-gray-600">
              Change it only for a remote gig or one without a city.
            </p>
            {err("timezone")}
          </div>
          <Field
            name="apply_by_date"
            label="Applications close (date, optional)"
            type="date"
            value={v.apply_by_date}
            error={e.apply_by}
          />
          <Field
            name="apply_by_time"
            label="Applications close (time)"
            type="time"
            value={v.apply_by_time}
            hint="Blank: the end of that day"
          />
        </div>
      </fieldset>
      <div class="grid gap-x-4 sm:grid-cols-2">
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

/** The zones the picker lists, with the form's own when it is not among them. */
function zoneOptions(current: string | undefined): string[] {
  const list: string[] = [...TIME_ZONES];
  if (current && !list.includes(current)) list.unshift(current);
  return list;
}
