/**
 * An artist's dashboard (/artists/<id>/metrics?track=&country=): totals, weekly lines, countries
 * and tracks. The owner imports the streaming export here (POST `intent=import`, multipart): a
 * small file is imported at once (notice with the counts), a large one in the background while
 * the page follows it live (`?import=<id>`); bad rows come back line by line, nothing imported.
 * And "Add a track released elsewhere" (POST `intent=track`).
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import type { RouteConfig } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../lib/web/errors.ts";
import { parseId } from "../../../../lib/web/params.ts";
import { isUuid } from "../../../../lib/shared/ids.ts";
import {
  type Artist,
  type Dashboard,
  DashboardQuery,
  type Import,
} from "../../../../lib/domains/artists/api.ts";
import { dashboard } from "../../../../lib/domains/artists/dashboard.ts";
import { IMPORT_BODY_LIMIT } from "../../../../lib/domains/artists/imports.ts";
import { artistView } from "../../../../lib/domains/artists/service.ts";
import { getImport, listImports } from "../../../../lib/domains/artists/store.ts";
import { saveTrack } from "../../../../lib/domains/artists/tracks.ts";
import type { SignedInUser, State } from "../../../../utils.ts";
import { EmptyState } from "../../../../components/Page.tsx";
import { ArtistFrame, artistHref, backWith, Panel } from "../../../../components/ArtistShell.tsx";
import { ArtistDashboard, type DashboardFilter } from "../../../../components/ArtistDashboard.tsx";
import {
  ArtistImportForm,
  ImportOutcome,
  type LineProblem,
  postImport,
} from "../../../../components/ArtistImport.tsx";
import {
  ArtistTrackForm,
  EMPTY_TRACK,
  postedTrack,
  readTrackForm,
  type TrackValues,
} from "../../../../components/ArtistTrackForm.tsx";

export const config: RouteConfig = { bodyLimit: IMPORT_BODY_LIMIT };

interface Data {
  artist: Artist;
  dashboard: Dashboard;
  filter: DashboardFilter;
  countries: string[];
  trackTitle: string | null;
  /** The import asked for (`?import=`), else the latest one still under way. */
  shown: Import | null;
  track: TrackValues;
  trackErrors?: Record<string, string>;
  fileError?: string;
  problems?: { message: string; list: LineProblem[] };
}

async function load(state: State, user: SignedInUser, id: string, url: URL) {
  const p = state.platform;
  const artist = await artistView(p, user, id);
  const q = DashboardQuery.safeParse({
    ...(url.searchParams.get("track") ? { track: url.searchParams.get("track") } : {}),
    ...(url.searchParams.get("country") ? { country: url.searchParams.get("country") } : {}),
  });
  const filter: DashboardFilter = q.success
    ? { track: q.data.track ?? null, country: q.data.country ?? null }
    : { track: null, country: null };
  const wanted = url.searchParams.get("import");
  const data = await p.db.asUser(user.claims, async (tx) => {
    const d = await dashboard(tx, id, {
      track: filter.track ?? undefined,
      country: filter.country ?? undefined,
    });
    // The filter lists every country, also while one is shown.
    const all = filter.country ? await dashboard(tx, id, {}) : d;
    const shown = isUuid(wanted)
      ? await getImport(tx, id, wanted.toLowerCase())
      : (await listImports(tx, id)).find((i) => i.status === "queued" || i.status === "running") ??
        null;
    return { dashboard: d, countries: all.countries.map((c) => c.country).sort(), shown };
  });
  state.head = { title: `Dashboard · ${artist.name}` };
  return {
    artist,
    ...data,
    filter,
    trackTitle: data.dashboard.tracks.find((t) => t.id === filter.track)?.title ?? null,
    track: EMPTY_TRACK,
  };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    return page(await load(ctx.state, user, id, ctx.url));
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const here = artistHref(id, "/metrics");
    const p = ctx.state.platform;
    const form = await readForm(ctx.req);
    const intent = form.get("intent");
    const again = async (extra: Partial<Data>, status: number) =>
      page({ ...(await load(ctx.state, user, id, ctx.url)), ...extra }, { status });
    if (intent === "track") {
      const track = postedTrack(form);
      const read = readTrackForm(track);
      if (read.errors) return await again({ track, trackErrors: read.errors }, 422);
      try {
        await saveTrack(p, user, id, read.input);
      } catch (err) {
        const e = toHttpError(err);
        if (!e || e.status >= 500 || e.status === 404) throw err;
        return await again({ track, trackErrors: { title: e.message } }, e.status);
      }
      return backWith(
        ctx.state.secure,
        here,
        "success",
        `Saved “${read.input.title}”: its figures are matched by this title.`,
      );
    }
    if (intent !== "import") throw new HttpError(400, "Unknown action", { field: "intent" });
    return await postImport(ctx.req, p, user, id, "metrics", here, ctx.state.secure, again);
  },
});

export default define.page<typeof handler>(function MetricsPage({ data, state }) {
  const { artist, shown } = data;
  const here = artistHref(artist.id, "/metrics");
  const empty = data.dashboard.weekly.streams.length === 0 && !data.filter.track &&
    !data.filter.country;
  return (
    <ArtistFrame
      artist={artist}
      section="metrics"
      title="Dashboard"
      sub="How the tracks perform: from the streaming figures imported."
    >
      {shown && <ImportOutcome imp={shown} artistId={artist.id} />}
      {empty
        ? (
          <EmptyState title="No figures yet">
            {artist.owner
              ? "Import the artist's streaming export below: the weekly lines, countries and tracks appear here."
              : "The owner has not imported any figures yet."}
          </EmptyState>
        )
        : (
          <ArtistDashboard
            base={here}
            dashboard={data.dashboard}
            filter={data.filter}
            countries={data.countries}
            trackTitle={data.trackTitle}
          />
        )}
      {artist.owner && (
        <>
          <Panel id="metrics-import" title="Import streaming figures">
            <ArtistImportForm
              csrf={state.csrf}
              action={here}
              kind="metrics"
              fileError={data.fileError}
              problems={data.problems}
            />
          </Panel>
          <Panel id="metrics-track" title="Add a track released elsewhere">
            <p class="mb-3 text-sm text-gray-600">
              Songs made in the studio are measured; for the others, say what you know of their
              sound so the analysis can use them.
            </p>
            <ArtistTrackForm
              csrf={state.csrf}
              action={here}
              values={data.track}
              errors={data.trackErrors}
            />
          </Panel>
        </>
      )}
    </ArtistFrame>
  );
});
