/**
 * An artist's calendar (/artists/<id>/calendar), week by week: releases (made into a studio song,
 * or a button to make one) and posts (caption, hashtags, visual, pillar); and the form that plans
 * the coming weeks.
 */
import type { JSX } from "preact";
import type { CalendarEntry } from "../lib/domains/artists/api.ts";
import { CsrfField, Field, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { Badge, day, FormAlert } from "./ArtistShell.tsx";

/** The Monday (UTC) of the week `iso` falls in, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back))
    .toISOString().slice(0, 10);
}

/** Entries grouped by week, oldest first (entries come sorted by time). */
export function byWeek(entries: CalendarEntry[]): [string, CalendarEntry[]][] {
  const weeks = new Map<string, CalendarEntry[]>();
  for (const e of entries) {
    const w = weekOf(e.starts_at);
    weeks.set(w, [...(weeks.get(w) ?? []), e]);
  }
  return [...weeks];
}

const time = (iso: string) => iso.slice(11, 16);

function Release(
  { e, owner, csrf, action }: { e: CalendarEntry; owner: boolean; csrf: string; action: string },
) {
  return (
    <li
      class="rounded-md border border-indigo-200 bg-indigo-50 p-3"
      data-testid="calendar-release"
      data-song={e.song_id ?? undefined}
    >
      <p class="flex flex-wrap items-center gap-2">
        <Badge tone="indigo">Release</Badge>
        <span class="text-sm text-gray-700">{day(e.starts_at, { weekday: true })}</span>
      </p>
      <h4 class="mt-1 font-semibold text-gray-900">{e.title}</h4>
      {e.idea && <p class="mt-1 text-sm text-gray-800">{e.idea}</p>}
      <div class="mt-2">
        {e.song_id
          ? (
            <a href={`/studio/songs/${e.song_id}`} class="text-sm text-indigo-700 underline">
              Its song in the studio
            </a>
          )
          : owner
          ? (
            <form method="post" action={action}>
              <CsrfField token={csrf} />
              <input type="hidden" name="entry" value={e.id} />
              <Button variant="secondary" name="intent" value="song">
                Make this song in the studio
              </Button>
            </form>
          )
          : <p class="text-sm text-gray-600">No song made yet.</p>}
      </div>
    </li>
  );
}

function Post({ e }: { e: CalendarEntry }) {
  return (
    <li class="rounded-md border border-gray-200 bg-white p-3" data-testid="calendar-post">
      <p class="flex flex-wrap items-center gap-2">
        <Badge tone="gray">Post</Badge>
        <span class="text-sm text-gray-700">
          {day(e.starts_at, { weekday: true })}
          {!e.all_day && `, ${time(e.starts_at)} UTC`}
        </span>
        {e.pillar && <Badge tone="amber">{e.pillar}</Badge>}
      </p>
      <p class="mt-1 whitespace-pre-line text-gray-900">{e.caption ?? e.title}</p>
      {e.hashtags.length > 0 && (
        <p class="mt-1 break-words text-sm text-indigo-800">{e.hashtags.join(" ")}</p>
      )}
      {e.visual && <p class="mt-1 text-sm text-gray-600">Visual: {e.visual}</p>}
    </li>
  );
}

export interface ArtistCalendarProps {
  entries: CalendarEntry[];
  owner: boolean;
  csrf: string;
  action: string;
}

export function ArtistCalendar(props: ArtistCalendarProps): JSX.Element {
  return (
    <div class="space-y-6" data-testid="calendar">
      {byWeek(props.entries).map(([week, entries]) => (
        <section key={week} aria-labelledby={`week-${week}`}>
          <h3 id={`week-${week}`} class="mb-2 font-semibold text-gray-900">
            Week of {day(week, { weekday: true })}
          </h3>
          <ul class="space-y-2">
            {entries.map((e) =>
              e.kind === "release"
                ? (
                  <Release
                    key={e.id}
                    e={e}
                    owner={props.owner}
                    csrf={props.csrf}
                    action={props.action}
                  />
                )
                : <Post key={e.id} e={e} />
            )}
          </ul>
        </section>
      ))}
    </div>
  );
}

export interface PlanFormProps {
  csrf: string;
  action: string;
  start: string;
  weeks: string;
  errors?: Record<string, string>;
}

/** "Plan N weeks from <date>". */
export function CalendarPlanForm(props: PlanFormProps): JSX.Element {
  const e = props.errors ?? {};
  return (
    <form method="post" action={props.action} data-testid="calendar-plan-form">
      <CsrfField token={props.csrf} />
      <FormAlert text={e._form} />
      <div class="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          name="weeks"
          label="Weeks to plan"
          options={Array.from({ length: 12 }, (_, i) => [String(i + 1), `${i + 1} weeks`] as const)
            .map(([v, l]) => [v, v === "1" ? "1 week" : l] as const)}
          value={props.weeks}
          error={e.weeks}
        />
        <Field
          name="start"
          label="From"
          type="date"
          value={props.start}
          error={e.start}
          required
        />
      </div>
      <Button name="intent" value="plan">Plan the calendar</Button>
      <p class="mt-2 text-sm text-gray-600">
        Releases and posts follow the persona's cadence. What those weeks held without a song is
        replaced; releases already made into songs stay. One AI request of your day.
      </p>
    </form>
  );
}
