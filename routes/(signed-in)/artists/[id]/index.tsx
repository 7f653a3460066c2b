/**
 * One virtual artist (/artists/<id>): the persona card with its art, its version (and the way to
 * the versions), the calendar, dashboard, trends, plans and members, the latest plan's status
 * and how many proposals wait. The owner also edits the persona and may delete the artist, after
 * a confirmation that spells out what goes; a member (invited) only reads.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../lib/web/errors.ts";
import { parseId } from "../../../../lib/web/params.ts";
import type { Artist, CalendarEntry, Plan } from "../../../../lib/domains/artists/api.ts";
import { artistView, deleteArtist } from "../../../../lib/domains/artists/service.ts";
import {
  getPlan,
  latestDrawing,
  listCalendar,
  listPlans,
} from "../../../../lib/domains/artists/store.ts";
import type { Drawing } from "../../../../lib/domains/artists/api.ts";
import ArtistJobLive from "../../../../islands/ArtistJobLive.tsx";
import { CsrfField } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";
import {
  ArtistFrame,
  artistHref,
  backWith,
  day,
  Panel,
} from "../../../../components/ArtistShell.tsx";
import { ArtistPersonaCard } from "../../../../components/ArtistPersona.tsx";
import { PlanStatusBadge } from "../../../../components/ArtistPlan.tsx";
import { requireConfirmed } from "../../../../lib/web/confirm.ts";
import { ConfirmedField } from "../../../../components/ConfirmStep.tsx";
import { ownHidden } from "../../../../lib/domains/moderation/mod.ts";
import { HiddenNotice, ReportLink } from "../../../../components/ReportLink.tsx";

interface Data {
  artist: Artist;
  drawing: Drawing | null;
  plan: Plan | null;
  upcoming: CalendarEntry[];
  entries: number;
  /** For the owner: why moderators hid the artist. */
  hidden?: string;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const p = ctx.state.platform;
    const artist = await artistView(p, user, id);
    const { plan, calendar, drawing, hidden } = await p.db.asUser(user.claims, async (tx) => {
      const [latest] = await listPlans(tx, id);
      return {
        plan: latest ? await getPlan(tx, id, latest.id) : null,
        calendar: await listCalendar(tx, id),
        drawing: await latestDrawing(tx, id),
        hidden: artist.owner ? (await ownHidden(tx, "artist", [id])).get(id) : undefined,
      };
    });
    const now = new Date().toISOString();
    ctx.state.head = { title: artist.name };
    return page({
      artist,
      drawing,
      plan,
      upcoming: calendar.filter((e) => e.starts_at >= now.slice(0, 10)).slice(0, 3),
      entries: calendar.length,
      hidden,
    });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "delete") {
      throw new HttpError(400, "Unknown action", { field: "intent" });
    }
    requireConfirmed(form, "Delete the artist");
    const artist = await artistView(ctx.state.platform, user, id);
    try {
      await deleteArtist(ctx.state.platform, user, id);
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status !== 403) throw err;
      return backWith(ctx.state.secure, artistHref(id), "error", e.message);
    }
    return backWith(
      ctx.state.secure,
      "/artists",
      "info",
      `${artist.name} was deleted. Songs made for it stay in your studio.`,
    );
  },
});

function Glance({ data }: { data: Data }) {
  const { artist, plan } = data;
  const pending = plan?.items.filter((i) => i.decision === "pending").length ?? 0;
  const link = (path: string, text: string) => (
    <a href={artistHref(artist.id, path)} class="font-medium text-indigo-700 underline">{text}</a>
  );
  return (
    <Panel id="artist-glance" title="At a glance" testId="artist-glance">
      <ul class="space-y-3">
        <li>
          {link("/calendar", "Calendar")}: {data.entries
            ? `${data.entries} releases and posts planned.`
            : "nothing planned yet: plan the coming weeks."}
          {data.upcoming.length > 0 && (
            <ul class="mt-1 list-disc pl-5 text-sm text-gray-700">
              {data.upcoming.map((e) => (
                <li key={e.id}>
                  {day(e.starts_at, { weekday: true, year: false })}:{" "}
                  {e.kind === "release" ? `release “${e.title}”` : `post: ${e.title}`}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>{link("/metrics", "Dashboard")}: streams, saves, skips and followers by week.</li>
        <li>{link("/trends", "Trends")}: which genres grow in the charts you import.</li>
        <li data-testid="artist-latest-plan">
          {link("/plans", "Plans")}: {plan
            ? (
              <>
                the latest ({day(plan.created_at)}) is <PlanStatusBadge status={plan.status} />
                {plan.status === "ready" && (
                  <>
                    {" "}
                    with{" "}
                    <a
                      href={artistHref(artist.id, `/plans/${plan.id}`)}
                      class="text-indigo-700 underline"
                    >
                      {pending === 1 ? "1 proposal" : `${pending} proposals`} waiting
                    </a>
                  </>
                )}
                .
              </>
            )
            : "none yet: import figures, then ask for an analysis."}
        </li>
        <li>
          {link("/versions", "Versions")}: this is version {artist.version}.
        </li>
        <li>{link("/members", "Members")}: who may read this artist.</li>
      </ul>
    </Panel>
  );
}

/** The image provider at work on the art (live AI only), or why the drawn art stayed. */
function DrawingNote({ drawing, artistId }: { drawing: Drawing | null; artistId: string }) {
  if (!drawing) return null;
  if (drawing.status === "queued" || drawing.status === "running") {
    return (
      <Panel id="artist-drawing" title="New cover art on its way" testId="artist-drawing">
        <p class="mb-2 text-sm text-gray-700">
          The drawn art shows until the image provider's pictures are ready.
        </p>
        <ArtistJobLive
          kind="drawing"
          id={drawing.id}
          api={`/api/artists/${artistId}/drawing`}
          state={drawing}
        />
      </Panel>
    );
  }
  const fallback = typeof drawing.progress.fallback === "string" ? drawing.progress.fallback : null;
  const note = drawing.status === "failed" ? drawing.error : fallback;
  return note
    ? <p class="text-sm text-gray-600" data-testid="artist-drawing-note">{note}</p>
    : null;
}

export default define.page<typeof handler>(function ArtistPage({ data, state }) {
  const { artist } = data;
  return (
    <ArtistFrame artist={artist} section="overview" title={artist.name}>
      {data.hidden && <HiddenNotice reason={data.hidden} />}
      {artist.owner && (
        <p>
          <a
            href={artistHref(artist.id, "/edit")}
            class="inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-4 py-2 font-medium text-gray-900 hover:bg-gray-50"
          >
            Edit the persona
          </a>
        </p>
      )}
      <ArtistPersonaCard artist={artist} />
      <DrawingNote drawing={data.drawing} artistId={artist.id} />
      <Glance data={data} />
      {!artist.owner && (
        <p>
          <ReportLink
            type="artist"
            id={artist.id}
            back={`/artists/${artist.id}`}
            label="Report this artist"
          />
        </p>
      )}
      {artist.owner && (
        <section aria-labelledby="artist-delete" class="rounded-lg border border-red-200 p-4">
          <h2 id="artist-delete" class="text-lg font-semibold text-gray-900">Delete the artist</h2>
          <details class="mt-2 text-sm">
            <summary class="cursor-pointer text-red-700 underline">Delete {artist.name}…</summary>
            <form
              method="post"
              action={artistHref(artist.id)}
              class="mt-2 space-y-3"
              data-testid="artist-delete-confirm"
            >
              <CsrfField token={state.csrf} />
              <ConfirmedField />
              <p>
                This deletes {artist.name} for good: its {artist.version}{" "}
                {artist.version === 1 ? "version" : "versions"}, the calendar, the imported figures
                and charts, the plans and their proposals, the art, and the members' access. Songs
                made for it stay in your studio.
              </p>
              <Button variant="danger" name="intent" value="delete">
                Yes, delete {artist.name}
              </Button>
            </form>
          </details>
        </section>
      )}
    </ArtistFrame>
  );
});
