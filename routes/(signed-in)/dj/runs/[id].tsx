/**
 * One DJ playlist: its tracks with reasons, the Spotify player once it is in the user's account,
 * and the actions (export a draft, share a read-only link, refine, run again, delete). Every
 * action is a form; Spotify trouble comes back as a message with a way forward.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { HttpError } from "../../../../lib/http/errors.ts";
import { randomToken } from "../../../../lib/auth/tokens.ts";
import { flashCookie, seeOther } from "../../../../lib/http/respond.ts";
import { isUuid } from "../../../../lib/shared/ids.ts";
import { exportRun } from "../../../../lib/dj/export.ts";
import { type SpotifyView, spotifyView } from "../../../../lib/dj/page_data.ts";
import { djDeps } from "../../../../lib/dj/service.ts";
import { deleteRun, getRun, setShare } from "../../../../lib/dj/store.ts";
import { DjPlan, type DjRunWithTracks } from "../../../../lib/dj/types.ts";
import { DjTrackList, totalMinutes } from "../../../../components/DjTrackList.tsx";
import { ConnectLink } from "../../../../components/DjSpotifyCard.tsx";
import { RerunForm, StatusBadge } from "../../../../components/DjRunList.tsx";
import { CsrfField } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";
import { Card, EmptyState, PageTitle } from "../../../../components/Page.tsx";
import { signedIn } from "../../../../lib/http/guards.ts";
import { readForm } from "../../../../lib/http/body.ts";
import { notFound } from "../../../../lib/http/params.ts";

interface Data {
  run: DjRunWithTracks | null;
  spotify: SpotifyView | null;
  origin: string;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = ctx.params.id;
    const run = isUuid(id)
      ? await ctx.state.platform.db.asUser(user.claims, (tx) => getRun(tx, id))
      : null;
    if (!run) return page({ run: null, spotify: null, origin: "" }, { status: 404 });
    const spotify = await spotifyView(ctx.state.platform, user.id);
    return page({ run, spotify, origin: ctx.state.siteUrl });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = ctx.params.id;
    if (!isUuid(id)) throw notFound("Playlist");
    const here = `/dj/runs/${id}`;
    const secure = ctx.state.secure;
    const back = (kind: "success" | "error" | "info", text: string, to = here) =>
      seeOther(to, [flashCookie({ kind, text }, secure)]);
    const { db } = ctx.state.platform;
    const intent = (await readForm(ctx.req)).get("intent");
    try {
      if (intent === "export") {
        const run = await exportRun(await djDeps(ctx.state.platform), user.claims, id);
        return back("success", run.notice ?? "Exported: the playlist is in your Spotify account.");
      }
      if (intent === "share") {
        await db.asUser(user.claims, (tx) => setShare(tx, id, randomToken(18)));
        return back("success", "Anyone with the link below can see this playlist.");
      }
      if (intent === "unshare") {
        await db.asUser(user.claims, (tx) => setShare(tx, id, null));
        return back("info", "The share link no longer works.");
      }
      if (intent === "delete") {
        const deleted = await db.asUser(user.claims, (tx) => deleteRun(tx, id));
        if (!deleted) throw new HttpError(404, "No such playlist");
        return back("info", "Playlist deleted from your history.", "/dj/history");
      }
      return new Response("intent: Unknown action", { status: 400 });
    } catch (err) {
      if (err instanceof HttpError && err.status !== 404) return back("error", err.message);
      throw err;
    }
  },
});

function Meter({ label, value }: { label: string; value: number }) {
  return (
    <div class="flex items-center gap-2">
      <dt class="w-24 text-gray-600">{label}</dt>
      <dd class="flex-1">
        <meter min={0} max={1} value={value} class="w-32" aria-label={label} /> {value.toFixed(2)}
      </dd>
    </div>
  );
}

export default define.page<typeof handler>(function DjRunPage({ data, state }) {
  const { run, spotify } = data;
  if (!run) {
    return (
      <EmptyState title="Playlist not found">
        <p>It was deleted, or it is not yours.</p>
        <a class="mt-4 inline-block text-indigo-700 underline" href="/dj">Back to the DJ</a>
      </EmptyState>
    );
  }
  const parsed = DjPlan.safeParse(run.plan);
  const plan = parsed.success ? parsed.data : null;
  const here = `/dj/runs/${run.id}`;
  const shareUrl = run.share_token ? `${data.origin}/dj/share/${run.share_token}` : null;
  return (
    <>
      <PageTitle sub={plan?.description}>{plan?.playlist_name ?? run.prompt}</PageTitle>
      <div class="space-y-6">
        <div class="flex flex-wrap items-center gap-3 text-sm text-gray-700">
          <StatusBadge status={run.status} />
          <span>
            {run.tracks.length} tracks · about {totalMinutes(run.tracks)} min ·{" "}
            {run.source === "spotify" ? "from Spotify" : "from the offline catalogue"} · plan by
            {" "}
            {run.plan_source === "live" ? "the AI model" : "the offline lexicon"}
          </span>
          <span class="text-gray-500">“{run.prompt}”</span>
        </div>
        {run.notice && (
          <p
            role="note"
            class="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900"
            data-testid="dj-notice"
          >
            {run.notice}
          </p>
        )}
        {run.error && (
          <p
            role="alert"
            class="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
          >
            {run.error}
          </p>
        )}
        {run.playlist_id && (
          <Card>
            <iframe
              title={`Spotify player: ${plan?.playlist_name ?? "playlist"}`}
              src={`https://open.spotify.com/embed/playlist/${run.playlist_id}`}
              width="100%"
              height="380"
              loading="lazy"
              allow="autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture"
              class="rounded-lg border-0"
              data-testid="dj-embed"
            />
            {run.playlist_url && (
              <a
                class="mt-3 inline-block text-sm text-green-700 underline"
                href={run.playlist_url}
                rel="noopener"
                target="_blank"
              >
                Open in Spotify
              </a>
            )}
          </Card>
        )}
        <div class="flex flex-wrap items-start gap-4">
          {run.status !== "exported" && run.tracks.length > 0 && spotify?.configured && (
            spotify.status === "active"
              ? (
                <form method="post" action={here}>
                  <CsrfField token={state.csrf} />
                  <Button name="intent" value="export">Export to Spotify</Button>
                </form>
              )
              : (
                <ConnectLink
                  next={here}
                  label={spotify.status === "broken"
                    ? "Reconnect Spotify to export"
                    : "Connect Spotify to export"}
                  testId={spotify.status === "broken" ? "dj-reconnect" : "dj-connect"}
                />
              )
          )}
          <form method="post" action={here}>
            <CsrfField token={state.csrf} />
            {shareUrl
              ? <Button variant="secondary" name="intent" value="unshare">Stop sharing</Button>
              : (
                <Button variant="secondary" name="intent" value="share">
                  Share a read-only link
                </Button>
              )}
          </form>
          <a
            href={`/dj?refine=${run.id}`}
            class="inline-flex items-center rounded-md border border-gray-300 bg-white px-4 py-2 text-base font-medium text-gray-900 hover:bg-gray-50"
          >
            Refine
          </a>
          <div class="pt-2">
            <RerunForm run={run} csrf={state.csrf} />
          </div>
        </div>
        {shareUrl && (
          <div>
            <label for="dj-share-url" class="mb-1 block text-sm font-medium text-gray-800">
              Share link (read-only)
            </label>
            <input
              id="dj-share-url"
              readOnly
              value={shareUrl}
              data-testid="dj-share-url"
              class="block w-full rounded-md border border-gray-300 bg-gray-50 px-3 py-2 text-sm"
            />
          </div>
        )}
        {run.tracks.length > 0 && <DjTrackList tracks={run.tracks} />}
        {plan && (
          <details class="rounded-lg border border-gray-200 bg-white p-4 text-sm">
            <summary class="cursor-pointer font-medium text-gray-900">
              How the DJ read your prompt
            </summary>
            <dl class="mt-3 space-y-1">
              <div class="flex gap-2">
                <dt class="w-24 text-gray-600">Mood</dt>
                <dd>{plan.mood}</dd>
              </div>
              <Meter label="Energy" value={plan.energy} />
              <Meter label="Valence" value={plan.valence} />
              <Meter label="Danceability" value={plan.danceability} />
              <div class="flex gap-2">
                <dt class="w-24 text-gray-600">Tempo</dt>
                <dd>{plan.tempo.min}–{plan.tempo.max} BPM</dd>
              </div>
              <div class="flex gap-2">
                <dt class="w-24 text-gray-600">Genres</dt>
                <dd>{plan.genres.join(", ") || "—"}</dd>
              </div>
              <div class="flex gap-2">
                <dt class="w-24 text-gray-600">Searches</dt>
                <dd>{plan.search_terms.join(" · ")}</dd>
              </div>
              <div class="flex gap-2">
                <dt class="w-24 text-gray-600">Language</dt>
                <dd>{plan.language}</dd>
              </div>
            </dl>
          </details>
        )}
        <details class="text-sm">
          <summary class="cursor-pointer text-red-700 underline">Delete this playlist</summary>
          <form method="post" action={here} class="mt-2 flex flex-wrap items-center gap-3">
            <CsrfField token={state.csrf} />
            <span>
              It leaves your history{run.playlist_url ? " (the Spotify playlist stays)" : ""}.
            </span>
            <Button variant="danger" name="intent" value="delete">Delete</Button>
          </form>
        </details>
      </div>
    </>
  );
});
