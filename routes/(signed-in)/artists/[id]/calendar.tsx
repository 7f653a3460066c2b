/**
 * An artist's content calendar (/artists/<id>/calendar): releases and posts by week, the .ics
 * download, and for the owner the "Plan N weeks from <date>" form (POST `intent=plan`) and, on a
 * release without a song, "Make this song in the studio" (POST `intent=song`), which goes to the
 * new song's page in the studio.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../lib/web/errors.ts";
import { parseId } from "../../../../lib/web/params.ts";
import {
  type Artist,
  type CalendarEntry,
  CalendarInput,
} from "../../../../lib/domains/artists/api.ts";
import { makeReleaseSong, planCalendar } from "../../../../lib/domains/artists/calendar.ts";
import { artistView } from "../../../../lib/domains/artists/service.ts";
import { listCalendar } from "../../../../lib/domains/artists/store.ts";
import type { SignedInUser, State } from "../../../../utils.ts";
import { EmptyState } from "../../../../components/Page.tsx";
import { ArtistFrame, artistHref, backWith, Panel } from "../../../../components/ArtistShell.tsx";
import { ArtistCalendar, CalendarPlanForm } from "../../../../components/ArtistCalendar.tsx";

interface Data {
  artist: Artist;
  entries: CalendarEntry[];
  start: string;
  weeks: string;
  errors?: Record<string, string>;
}

/** The coming Monday (today when it is one), UTC. */
function nextMonday(): string {
  const d = new Date();
  const ahead = (8 - d.getUTCDay()) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + ahead))
    .toISOString().slice(0, 10);
}

async function load(state: State, user: SignedInUser, id: string) {
  const artist = await artistView(state.platform, user, id);
  const entries = await state.platform.db.asUser(user.claims, (tx) => listCalendar(tx, id));
  state.head = { title: `Calendar · ${artist.name}` };
  return { artist, entries };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    return page({ ...(await load(ctx.state, user, id)), start: nextMonday(), weeks: "4" });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const here = artistHref(id, "/calendar");
    const p = ctx.state.platform;
    const form = await readForm(ctx.req);
    const intent = form.get("intent");
    if (intent === "song") {
      const entry = parseId(String(form.get("entry") ?? ""), "Release", "entry");
      try {
        const made = await makeReleaseSong(p, user, id, entry);
        return backWith(
          ctx.state.secure,
          `/studio/songs/${made.song.id}`,
          "success",
          "The song is being planned in the artist's style: check the plan, then generate it.",
        );
      } catch (err) {
        const e = toHttpError(err);
        if (!e || e.status >= 500 || (e.status === 404 && e.field === "id")) throw err;
        return backWith(ctx.state.secure, here, "error", e.message);
      }
    }
    if (intent !== "plan") throw new HttpError(400, "Unknown action", { field: "intent" });
    const start = String(form.get("start") ?? "").slice(0, 40);
    const weeks = String(form.get("weeks") ?? "").slice(0, 4);
    const again = async (errors: Record<string, string>, status: number) =>
      page({ ...(await load(ctx.state, user, id)), start, weeks, errors }, { status });
    const input = CalendarInput.safeParse({ start, weeks });
    if (!input.success) {
      const errors: Record<string, string> = {};
      for (const i of input.error.issues) {
        if (i.path[0] === "weeks") errors.weeks = "Weeks: choose from 1 to 12";
        else errors.start = "From: a date such as 2027-01-04";
      }
      return await again(errors, 422);
    }
    try {
      const entries = await planCalendar(p, user, id, input.data);
      const releases = entries.filter((e) => e.kind === "release").length;
      return backWith(
        ctx.state.secure,
        here,
        "success",
        `Planned ${input.data.weeks} ${input.data.weeks === 1 ? "week" : "weeks"}: the calendar ` +
          `now holds ${releases} ${releases === 1 ? "release" : "releases"} and ` +
          `${entries.length - releases} posts.`,
      );
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500 || (e.status === 404 && e.field === "id")) throw err;
      const text = e.status === 429
        ? "You have used today's AI requests: plan again tomorrow."
        : e.message;
      return await again({ _form: text }, e.status);
    }
  },
});

export default define.page<typeof handler>(function CalendarPage({ data, state }) {
  const { artist } = data;
  const here = artistHref(artist.id, "/calendar");
  return (
    <ArtistFrame
      artist={artist}
      section="calendar"
      title="Calendar"
      sub="Releases and posts, planned from the persona's cadence."
    >
      {artist.owner && (
        <Panel id="calendar-plan" title="Plan the coming weeks">
          <CalendarPlanForm
            csrf={state.csrf}
            action={here}
            start={data.start}
            weeks={data.weeks}
            errors={data.errors}
          />
        </Panel>
      )}
      <section aria-labelledby="calendar-entries">
        <div class="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="calendar-entries" class="text-lg font-semibold text-gray-900">
            What is planned
          </h2>
          {data.entries.length > 0 && (
            <a
              href={`/api/artists/${artist.id}/calendar/ics`}
              class="text-sm text-indigo-700 underline"
              download
            >
              Download .ics (for any calendar app)
            </a>
          )}
        </div>
        {data.entries.length
          ? (
            <ArtistCalendar
              entries={data.entries}
              owner={artist.owner}
              csrf={state.csrf}
              action={here}
            />
          )
          : (
            <EmptyState title="Nothing planned yet">
              {artist.owner
                ? "Plan the coming weeks above: releases and posts appear here, week by week."
                : "The owner has not planned any releases or posts yet."}
            </EmptyState>
          )}
      </section>
    </ArtistFrame>
  );
});
