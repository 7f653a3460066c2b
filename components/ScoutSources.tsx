/**
 * The gig scout's sources (/scout): each with its health in words, last run and last error,
 * "Check now", pause/resume and delete (after a confirmation); and the form adding one (kind,
 * address or Eventbrite organisation, schedule). Plain forms: no JavaScript needed.
 */
import type { JSX } from "preact";
import type { SourceView } from "../lib/domains/scout/sources.ts";
import type { SourceKind } from "../lib/domains/scout/types.ts";
import { CsrfField, Field, SelectField } from "./Field.tsx";
import { TIME_ZONES } from "../lib/browser/time.ts";
import { Button } from "./Button.tsx";
import { ConfirmedField } from "./ConfirmStep.tsx";
import { Badge } from "./ArtistShell.tsx";
import { When } from "./When.tsx";

export const KIND_LABEL: Record<SourceKind, string> = {
  ical: "iCalendar feed",
  jsonld: "Web page with events (schema.org)",
  rss: "RSS feed",
  atom: "Atom feed",
  csv: "CSV list (upload)",
  eventbrite: "Eventbrite organisation",
};

/** "2 hr ago" (full time on hover) in the source's zone, or "never". */
export function when(iso: string | null, tz: string | null = null): JSX.Element {
  return iso ? <When at={iso} tz={tz} /> : <>never</>;
}

/** The source's health as a badge and a sentence. */
export function SourceHealth({ source }: { source: SourceView }): JSX.Element {
  const s = source;
  const badge = s.health === "ok"
    ? <Badge tone="green" testId="source-health">Working</Badge>
    : s.health === "failing"
    ? <Badge tone="red" testId="source-health">Failing</Badge>
    : s.health === "paused"
    ? <Badge tone="gray" testId="source-health">Paused</Badge>
    : <Badge tone="indigo" testId="source-health">Not read yet</Badge>;
  return (
    <div class="text-sm text-gray-700">
      <p class="flex flex-wrap items-center gap-2">
        {badge}
        {s.checking && <Badge tone="amber">Checking…</Badge>}
        <span>
          Last read {when(s.last_run_at, s.timezone)}
          {s.kind !== "csv" && s.enabled && s.next_run_at && (
            <>{" "}· next {when(s.next_run_at, s.timezone)}</>
          )}
        </span>
      </p>
      {s.health === "failing" && s.last_error && (
        <p class="mt-1 text-red-800" data-testid="source-error">
          {s.last_error}
          {s.consecutive_failures > 1 &&
            ` (${s.consecutive_failures} times in a row: trying less often)`}
        </p>
      )}
    </div>
  );
}

/** Check now, pause/resume and delete, as small forms posting `intent` to `action`. */
export function SourceActions(
  { source, action, csrf }: { source: SourceView; action: string; csrf: string },
): JSX.Element {
  const s = source;
  const small = (intent: string, label: string, variant: "primary" | "secondary" = "secondary") => (
    <form method="post" action={action}>
      <CsrfField token={csrf} />
      <input type="hidden" name="source" value={s.id} />
      <Button variant={variant} name="intent" value={intent}>{label}</Button>
    </form>
  );
  return (
    <div class="mt-3 flex flex-wrap items-start gap-2">
      {s.kind !== "csv" && s.enabled && small("check", "Check now", "primary")}
      {s.kind !== "csv" && (s.enabled ? small("pause", "Pause") : small("resume", "Resume"))}
      <details class="text-sm">
        <summary class="cursor-pointer py-2 text-red-700 underline">Delete…</summary>
        <form method="post" action={action} class="mt-2 space-y-2" data-testid="source-delete">
          <CsrfField token={csrf} />
          <ConfirmedField />
          <input type="hidden" name="source" value={s.id} />
          <ul class="list-disc space-y-1 pl-5">
            <li>
              “{s.name}” is deleted with its reading history and every gig it found.
              {s.items_found > 0 &&
                ` ${
                  s.items_found === 1
                    ? "Its 1 upcoming gig leaves"
                    : `Its ${s.items_found} upcoming gigs leave`
                } the gig search and the daily digests${s.is_public ? ", for everyone" : ""}.`}
            </li>
            <li>
              {s.kind === "csv"
                ? "This cannot be undone: to get its gigs back, add a CSV source and upload the file again."
                : "This cannot be undone: a source added again finds only what the address still lists."}
              {s.kind !== "csv" && s.enabled &&
                " To stop reading it but keep its gigs, pause it instead."}
            </li>
          </ul>
          <Button variant="danger" name="intent" value="delete">Yes, delete “{s.name}”</Button>
        </form>
      </details>
    </div>
  );
}

export function ScoutSourceList(
  { sources, csrf }: { sources: SourceView[]; csrf: string },
): JSX.Element {
  return (
    <ul class="space-y-3" data-testid="source-list">
      {sources.map((s) => (
        <li key={s.id} class="rounded-lg border border-gray-200 bg-white p-4" data-testid="source">
          <p class="flex flex-wrap items-baseline justify-between gap-2">
            <a href={`/scout/${s.id}`} class="font-semibold text-indigo-700 underline">{s.name}</a>
            <span class="text-sm text-gray-600">
              {KIND_LABEL[s.kind]} · every {s.every_hours} h · {s.items_found} upcoming gigs
              {s.is_public && " · public"}
            </span>
          </p>
          <SourceHealth source={s} />
          <SourceActions source={s} action="/scout" csrf={csrf} />
        </li>
      ))}
    </ul>
  );
}

export interface SourceFormValues {
  kind: string;
  name: string;
  url: string;
  org_id: string;
  every_hours: string;
  timezone: string;
}

export const EMPTY_SOURCE: SourceFormValues = {
  kind: "ical",
  name: "",
  url: "",
  org_id: "",
  every_hours: "24",
  timezone: "UTC",
};

/** The zones to pick from, with `current` first when the list lacks it. */
export function zoneOptions(current: string): readonly string[] {
  const zones: readonly string[] = TIME_ZONES;
  return zones.includes(current) ? zones : [current, ...zones];
}

/** Where times the source writes without a zone are read. */
export function SourceZoneField(
  { value, error }: { value: string; error?: string },
): JSX.Element {
  return (
    <SelectField
      name="timezone"
      label="Time zone of its times"
      options={zoneOptions(value)}
      value={value}
      error={error}
      hint="Used when the source writes a time without a zone or offset, e.g. 20:00."
    />
  );
}

export function ScoutSourceForm(
  { csrf, values, errors }: {
    csrf: string;
    values: SourceFormValues;
    errors?: Record<string, string>;
  },
): JSX.Element {
  const e = errors ?? {};
  return (
    <form method="post" action="/scout" data-testid="source-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="intent" value="add" />
      <fieldset class="mb-4">
        <legend class="mb-1 block text-sm font-medium text-gray-800">Kind of source</legend>
        <div class="grid gap-1 sm:grid-cols-2">
          {(Object.keys(KIND_LABEL) as SourceKind[]).map((k) => (
            <label key={k} class="flex items-center gap-2 text-gray-800">
              <input type="radio" name="kind" value={k} checked={values.kind === k} />
              {KIND_LABEL[k]}
            </label>
          ))}
        </div>
        {e.kind && <p class="mt-1 text-sm text-red-700" role="alert">{e.kind}</p>}
      </fieldset>
      <Field name="name" label="Name" value={values.name} error={e.name} required maxLength={120} />
      <Field
        name="url"
        label="Address"
        type="url"
        value={values.url}
        error={e.url}
        hint="The feed's or page's address (https://…). Leave empty for CSV and Eventbrite."
      />
      <Field
        name="org_id"
        label="Eventbrite organisation id"
        value={values.org_id}
        error={e.org_id}
        hint="Eventbrite only: the digits in the organiser's page address."
      />
      <Field
        name="every_hours"
        label="Check every (hours)"
        type="number"
        inputMode="numeric"
        min={1}
        max={168}
        value={values.every_hours}
        error={e.every_hours}
      />
      <SourceZoneField value={values.timezone || "UTC"} error={e.timezone} />
      <Button>Add source</Button>
    </form>
  );
}
