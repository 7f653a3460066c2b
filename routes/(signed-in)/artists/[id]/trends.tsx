/**
 * An artist's trends (/artists/<id>/trends): genre momentum by country from the weekly charts
 * imported, and the competitor summary of the artist's market with the chart rows each point
 * rests on. The owner imports charts here (POST `intent=import`, multipart, kind=charts), as the
 * dashboard imports figures: at once, or in the background followed live (`?import=<id>`).
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import type { RouteConfig } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError } from "../../../../lib/web/errors.ts";
import { parseId } from "../../../../lib/web/params.ts";
import { isUuid } from "../../../../lib/shared/ids.ts";
import type { Artist, Import } from "../../../../lib/domains/artists/api.ts";
import { IMPORT_BODY_LIMIT } from "../../../../lib/domains/artists/imports.ts";
import { artistView } from "../../../../lib/domains/artists/service.ts";
import { getImport, listImports } from "../../../../lib/domains/artists/store.ts";
import { artistTrends, type Trends } from "../../../../lib/domains/artists/trends.ts";
import type { SignedInUser, State } from "../../../../utils.ts";
import { EmptyState } from "../../../../components/Page.tsx";
import { ArtistFrame, artistHref, Panel } from "../../../../components/ArtistShell.tsx";
import {
  ArtistImportForm,
  ImportOutcome,
  type LineProblem,
  postImport,
} from "../../../../components/ArtistImport.tsx";
import { ArtistCompetitors, ArtistMomentum } from "../../../../components/ArtistTrends.tsx";

export const config: RouteConfig = { bodyLimit: IMPORT_BODY_LIMIT };

interface Data {
  artist: Artist;
  trends: Trends;
  shown: Import | null;
  fileError?: string;
  problems?: { message: string; list: LineProblem[] };
}

async function load(state: State, user: SignedInUser, id: string, url: URL) {
  const p = state.platform;
  const artist = await artistView(p, user, id);
  const trends = await artistTrends(p, user, id);
  const wanted = url.searchParams.get("import");
  const shown = await p.db.asUser(
    user.claims,
    async (tx) =>
      isUuid(wanted)
        ? await getImport(tx, id, wanted.toLowerCase())
        : (await listImports(tx, id)).find((i) =>
          i.kind === "charts" && (i.status === "queued" || i.status === "running")
        ) ?? null,
  );
  state.head = { title: `Trends · ${artist.name}` };
  return { artist, trends, shown };
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
    const here = artistHref(id, "/trends");
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "import") {
      throw new HttpError(400, "Unknown action", { field: "intent" });
    }
    const again = async (extra: Partial<Data>, status: number) =>
      page({ ...(await load(ctx.state, user, id, ctx.url)), ...extra }, { status });
    return await postImport(
      ctx.req,
      ctx.state.platform,
      user,
      id,
      "charts",
      here,
      ctx.state.secure,
      again,
    );
  },
});

export default define.page<typeof handler>(function TrendsPage({ data, state }) {
  const { artist, trends, shown } = data;
  const here = artistHref(artist.id, "/trends");
  return (
    <ArtistFrame
      artist={artist}
      section="trends"
      title="Trends"
      sub="What grows in the charts: share of each country's weekly chart now against 4 weeks before."
    >
      {shown && <ImportOutcome imp={shown} artistId={artist.id} />}
      <Panel id="trends-momentum" title="Genre momentum" testId="trends-momentum">
        {trends.countries.length
          ? <ArtistMomentum trends={trends} />
          : (
            <EmptyState title="No charts yet">
              {artist.owner
                ? "Import weekly charts below: each country's genres appear here with their trend."
                : "The owner has not imported any charts yet."}
            </EmptyState>
          )}
      </Panel>
      <Panel id="trends-competitors" title="The competition" testId="trends-competitors">
        <ArtistCompetitors trends={trends} />
      </Panel>
      {artist.owner && (
        <Panel id="trends-import" title="Import weekly charts">
          <ArtistImportForm
            csrf={state.csrf}
            action={here}
            kind="charts"
            fileError={data.fileError}
            problems={data.problems}
          />
        </Panel>
      )}
    </ArtistFrame>
  );
});
