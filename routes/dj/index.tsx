/**
 * The AI DJ: a prompt becomes a playlist. GET shows the prompt box (prefilled from ?prompt= or,
 * to refine, from ?refine=<run id>), the Spotify connection and recent playlists. POST (the form,
 * with or without JavaScript) starts a run and redirects to its page, which follows its stages.
 */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { HttpError } from "../../lib/web/errors.ts";
import { dbFailure } from "../../lib/ports/db/errors.ts";
import { seeOther } from "../../lib/web/respond.ts";
import { isUuid } from "../../lib/shared/ids.ts";
import { parseRunInput } from "../../lib/domains/dj/http.ts";
import { EXAMPLES, type SpotifyView, spotifyView } from "../../lib/domains/dj/page_data.ts";
import { startDjRun } from "../../lib/domains/dj/service.ts";
import { getRun, listRuns } from "../../lib/domains/dj/store.ts";
import { DjPlan, type DjRun } from "../../lib/domains/dj/types.ts";
import { DjSpotifyCard } from "../../components/DjSpotifyCard.tsx";
import { DjRunList } from "../../components/DjRunList.tsx";
import { Card, EmptyState, PageTitle } from "../../components/Page.tsx";
import DjPrompt from "../../islands/DjPrompt.tsx";
import { signedIn } from "../../lib/web/guards.ts";
import { readForm } from "../../lib/web/body.ts";

interface Values {
  prompt: string;
  length: number;
  no_explicit: boolean;
}

interface Data {
  signedIn: boolean;
  spotify: SpotifyView | null;
  recent: DjRun[];
  values: Values;
  parent: { id: string; name: string } | null;
  errors?: Record<string, string>;
}

/** The length typed on the form, as a number the form can show again (validation names it). */
function echoLength(raw: unknown): number {
  const n = Number(raw ?? 30);
  return Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), 10), 50) : 30;
}

const DEFAULTS: Values = { prompt: "", length: 30, no_explicit: false };

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = ctx.state.user;
    if (!user) {
      return page({ signedIn: false, spotify: null, recent: [], values: DEFAULTS, parent: null });
    }
    const { db } = ctx.state.platform;
    const refine = ctx.url.searchParams.get("refine");
    const [spotify, data] = await Promise.all([
      spotifyView(ctx.state.platform, user.id),
      db.asUser(user.claims, async (tx) => ({
        recent: (await listRuns(tx, { limit: 5 })).items,
        parent: isUuid(refine ?? undefined) ? await getRun(tx, refine!) : null,
      })),
    ]);
    const p = data.parent;
    const values: Values = p
      ? { prompt: p.prompt, length: p.length, no_explicit: p.no_explicit }
      : { ...DEFAULTS, prompt: (ctx.url.searchParams.get("prompt") ?? "").slice(0, 300) };
    const plan = p ? DjPlan.safeParse(p.plan) : null;
    return page({
      signedIn: true,
      spotify,
      recent: data.recent,
      values,
      parent: p ? { id: p.id, name: plan?.success ? plan.data.playlist_name : p.prompt } : null,
    });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const raw: Record<string, unknown> = {};
    for (const key of ["prompt", "length", "no_explicit", "parent_id"]) {
      const v = form.get(key);
      if (typeof v === "string" && v !== "") raw[key] = v;
    }
    const values: Values = {
      prompt: String(raw.prompt ?? ""),
      length: echoLength(raw.length),
      no_explicit: raw.no_explicit === "on",
    };
    const parentId = typeof raw.parent_id === "string" ? raw.parent_id : null;
    const again = async (status: number, errors: Record<string, string>) => {
      const spotify = await spotifyView(ctx.state.platform, user.id);
      const recent = await ctx.state.platform.db.asUser(
        user.claims,
        async (tx) => (await listRuns(tx, { limit: 5 })).items,
      );
      const parent = parentId && isUuid(parentId) ? { id: parentId, name: "your playlist" } : null;
      return page({ signedIn: true, spotify, recent, values, parent, errors }, { status });
    };
    try {
      const input = parseRunInput(raw);
      const run = await startDjRun(ctx.state.platform, user.claims, input);
      return seeOther(`/dj/runs/${run.id}`);
    } catch (err) {
      if (err instanceof HttpError) {
        return again(err.status === 400 ? 422 : err.status, {
          [err.field ?? "_form"]: err.message,
        });
      }
      const f = dbFailure(err);
      if (!f) throw err;
      return again(f.status, { _form: f.message });
    }
  },
});

export default define.page<typeof handler>(function DjPage({ data, state }) {
  if (!data.signedIn) {
    return (
      <>
        <PageTitle sub="Type a mood in any language; get a playlist with a reason for every track.">
          AI DJ
        </PageTitle>
        <EmptyState title="Sign in to use the AI DJ">
          <p>
            “Music for studying”, “música para relajarse estudiando”, “energetic workout music”: the
            DJ reads it, searches Spotify or the built-in catalogue, and keeps a history.
          </p>
          <a class="mt-4 inline-block text-indigo-700 underline" href="/signin?next=/dj">Sign in</a>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageTitle sub="Type a mood or an activity in any language; each track comes with a reason.">
        {data.parent ? "Refine a playlist" : "AI DJ"}
      </PageTitle>
      <div class="space-y-6">
        {data.spotify && <DjSpotifyCard spotify={data.spotify} csrf={state.csrf} next="/dj" />}
        <Card>
          {data.parent && (
            <p class="mb-3 text-sm text-gray-700">
              Edit the prompt of{" "}
              <a class="text-indigo-700 underline" href={`/dj/runs/${data.parent.id}`}>
                {data.parent.name}
              </a>{" "}
              and regenerate: the new playlist is kept next to the old one.
            </p>
          )}
          <DjPrompt
            csrf={state.csrf}
            prompt={data.values.prompt}
            length={data.values.length}
            noExplicit={data.values.no_explicit}
            parentId={data.parent?.id}
            examples={EXAMPLES}
            errors={data.errors}
            submitLabel={data.parent ? "Regenerate" : "Make the playlist"}
          />
        </Card>
        <section>
          <div class="mb-3 flex items-baseline justify-between">
            <h2 class="text-lg font-semibold text-gray-900">Recent playlists</h2>
            {data.recent.length > 0 && (
              <a class="text-sm text-indigo-700 underline" href="/dj/history">All history</a>
            )}
          </div>
          {data.recent.length
            ? <DjRunList runs={data.recent} csrf={state.csrf} />
            : (
              <EmptyState title="No playlists yet">
                Pick an example above or describe what you want to hear.
              </EmptyState>
            )}
        </section>
      </div>
    </>
  );
});
