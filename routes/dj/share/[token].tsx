/** A shared DJ playlist: read-only, for anyone with the link (no sign-in). */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { type SharedRun, sharedRun } from "../../../lib/domains/dj/store.ts";
import { listenShared, type SharedTrack } from "../../../lib/domains/dj/listen.ts";
import { DjTrackList, totalMinutes } from "../../../components/DjTrackList.tsx";
import { EmptyState, PageTitle } from "../../../components/Page.tsx";
import { OpenInSpotify } from "../../../components/DjSpotifyCard.tsx";
import { socialHead } from "../../../lib/web/head.ts";

interface Data {
  run: (Omit<SharedRun, "tracks"> & { tracks: SharedTrack[] }) | null;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const token = ctx.params.token ?? "";
    const found = /^[A-Za-z0-9_-]{20,64}$/.test(token)
      ? await ctx.state.platform.db.asUser({ role: "anon" }, (tx) => sharedRun(tx, token))
      : null;
    // Published songs play for anyone with the link; covers and previews show.
    const run = found &&
      { ...found, tracks: await listenShared(ctx.state.platform, token, found.tracks) };
    ctx.state.head = run
      ? socialHead({
        title: run.playlist_name ?? "A playlist in the making",
        description: [
          run.description,
          `${run.tracks.length} tracks made by Soundcheck's AI DJ from “${run.prompt}”`,
        ].filter(Boolean).join(". "),
        path: `/dj/share/${token}`,
        siteUrl: ctx.state.siteUrl,
        type: "music.playlist",
        noindex: true,
      })
      : { title: "This link does not work" };
    // Shared pages are not for search engines; the link is the only way in.
    return page({ run }, { status: run ? 200 : 404, headers: { "x-robots-tag": "noindex" } });
  },
});

export default define.page<typeof handler>(function SharedDjRun({ data }) {
  const run = data.run;
  if (!run) {
    return (
      <EmptyState title="This link does not work">
        <p>The playlist was unshared or deleted.</p>
        <a class="mt-4 inline-block text-indigo-700 underline" href="/dj">
          Make your own with the AI DJ
        </a>
      </EmptyState>
    );
  }
  return (
    <>
      <PageTitle sub={run.description ?? undefined}>
        {run.playlist_name ?? "A playlist in the making"}
      </PageTitle>
      <div class="space-y-4">
        <p class="text-sm text-gray-700" data-testid="dj-shared-meta">
          {run.shared_by ? `Shared by ${run.shared_by}` : "Shared"} · {run.tracks.length}{" "}
          tracks · about {totalMinutes(run.tracks)} min · made from “{run.prompt}”
        </p>
        {run.playlist_url && <OpenInSpotify url={run.playlist_url} />}
        <DjTrackList tracks={run.tracks} />
        <p class="text-sm text-gray-600">
          Made with Soundcheck's <a class="text-indigo-700 underline" href="/dj">AI DJ</a>.
        </p>
      </div>
    </>
  );
});
