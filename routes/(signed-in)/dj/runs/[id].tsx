/**
 * One DJ playlist: while its stages work, their progress (live with JavaScript, refreshing
 * without); then its tracks with reasons, the Spotify player once it is in the user's account,
 * and the actions (export a draft, share a read-only link, refine, run again, delete). Every
 * action is a form; Spotify trouble comes back as a message with a way forward.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { HttpError } from "../../../../lib/web/errors.ts";
import { randomToken } from "../../../../lib/ports/auth/tokens.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { isUuid } from "../../../../lib/shared/ids.ts";
import { exportRun } from "../../../../lib/domains/dj/export.ts";
import { type SpotifyView, spotifyView } from "../../../../lib/domains/dj/page_data.ts";
import { djDeps } from "../../../../lib/domains/dj/service.ts";
import { deleteRun, setShare } from "../../../../lib/domains/dj/store.ts";
import { runToListen } from "../../../../lib/domains/dj/listen.ts";
import type { DjRunWithTracks } from "../../../../lib/domains/dj/types.ts";
import { isPending, planOf, runTitle } from "../../../../lib/browser/dj_view.ts";
import { RerunForm } from "../../../../components/DjRunList.tsx";
import { DjRunResult } from "../../../../components/DjRunResult.tsx";
import { DjExportStatus } from "../../../../components/DjExportStatus.tsx";
import {
  type ExportSummary,
  readExport,
  summarize,
} from "../../../../lib/domains/dj/export_state.ts";
import DjRunLive from "../../../../islands/DjRunLive.tsx";
import { CsrfField } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";
import { EmptyState, PageTitle } from "../../../../components/Page.tsx";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { notFound } from "../../../../lib/web/params.ts";
import { requireConfirmed } from "../../../../lib/web/confirm.ts";
import { ConfirmedField } from "../../../../components/ConfirmStep.tsx";

interface Data {
  run: DjRunWithTracks | null;
  spotify: SpotifyView | null;
  origin: string;
  /** An export that started and did not finish (DjExportStatus). */
  exported?: ExportSummary | null;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = ctx.params.id;
    // With what each track shows and plays (covers, previews, platform songs' audio).
    const run = isUuid(id) ? await runToListen(ctx.state.platform, user.claims, id) : null;
    if (!run) return page({ run: null, spotify: null, origin: "" }, { status: 404 });
    const spotify = await spotifyView(ctx.state.platform, user.id);
    const ex = run.status === "draft"
      ? await readExport(ctx.state.platform.db, user.claims, run.id)
      : null;
    return page({ run, spotify, origin: ctx.state.siteUrl, exported: ex && summarize(ex) });
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
    const form = await readForm(ctx.req);
    const intent = form.get("intent");
    // Both end something for good (the link, the playlist): only their disclosure's form says so.
    if (intent === "unshare") requireConfirmed(form, "Stop sharing…");
    if (intent === "delete") requireConfirmed(form, "Delete this playlist…");
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
  const plan = planOf(run);
  const here = `/dj/runs/${run.id}`;
  const shareUrl = run.share_token ? `${data.origin}/dj/share/${run.share_token}` : null;
  const pending = isPending(run.status);
  return (
    <>
      <PageTitle sub={plan?.description ?? (pending ? `“${run.prompt}”` : undefined)}>
        {pending ? "Making your playlist" : runTitle(run)}
      </PageTitle>
      <div class="space-y-6">
        {pending
          ? (
            <>
              {/* Without JavaScript the page reloads itself until the run is done. */}
              <noscript>
                <meta http-equiv="refresh" content="2" />
                <p class="text-sm text-gray-700">
                  This page refreshes every few seconds.{" "}
                  <a class="text-indigo-700 underline" href={here}>Refresh now</a>
                </p>
              </noscript>
              <DjRunLive run={run} spotify={spotify} csrf={state.csrf} />
            </>
          )
          : (
            <>
              {data.exported && <DjExportStatus summary={data.exported} />}
              <DjRunResult run={run} spotify={spotify} csrf={state.csrf} />
            </>
          )}
        <div class="flex flex-wrap items-start gap-4">
          {!shareUrl && (
            <form method="post" action={here}>
              <CsrfField token={state.csrf} />
              <Button variant="secondary" name="intent" value="share">
                Share a read-only link
              </Button>
            </form>
          )}
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
            <details class="mt-2 text-sm">
              <summary class="cursor-pointer py-2 text-red-700 underline">Stop sharing…</summary>
              <form method="post" action={here} class="mt-2 space-y-2" data-testid="dj-unshare">
                <CsrfField token={state.csrf} />
                <ConfirmedField />
                <p>
                  Anyone opening the link above is told it no longer works. Sharing again makes a
                  new link: this one never comes back.
                </p>
                <Button variant="danger" name="intent" value="unshare">Stop sharing</Button>
              </form>
            </details>
          </div>
        )}
        <details class="text-sm">
          <summary class="cursor-pointer py-2 text-red-700 underline">
            Delete this playlist…
          </summary>
          <form method="post" action={here} class="mt-2 space-y-2" data-testid="dj-delete">
            <CsrfField token={state.csrf} />
            <ConfirmedField />
            <p>
              “{runTitle(run)}” leaves your history with its tracks and the reasons they were
              picked{shareUrl ? ", and its share link stops working" : ""}. This cannot be undone.
              {run.playlist_url
                ? " The playlist in your Spotify account stays there: delete it in Spotify if you want it gone too."
                : ""}
            </p>
            <Button variant="danger" name="intent" value="delete">Yes, delete it</Button>
          </form>
        </details>
      </div>
    </>
  );
});
