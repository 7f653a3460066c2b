/**
 * A published studio song (/s/<track id>), for anyone with the link, signed in or not: the
 * waveform player, what the song is, and a way to make one's own. Not for search engines.
 */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { isUuid } from "../../lib/shared/ids.ts";
import { type SharedSong, sharedSong } from "../../lib/domains/studio/share_view.ts";
import { formatTime } from "../../lib/browser/player.ts";
import WaveformPlayer from "../../islands/WaveformPlayer.tsx";
import { EmptyState, PageTitle } from "../../components/Page.tsx";

interface Data {
  song: SharedSong | null;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const id = ctx.params.id;
    const song = isUuid(id) ? await sharedSong(ctx.state.platform, id.toLowerCase()) : null;
    return page({ song }, {
      status: song ? 200 : 404,
      headers: { "x-robots-tag": "noindex", "cache-control": "private, no-store" },
    });
  },
});

export default define.page<typeof handler>(function SharedSongPage({ data }) {
  const song = data.song;
  if (!song) {
    return (
      <EmptyState title="This link does not work">
        <p>The song was unpublished or deleted.</p>
        <a class="mt-4 inline-block text-indigo-700 underline" href="/studio">
          Make your own in the song studio
        </a>
      </EmptyState>
    );
  }
  const facts = [
    ...song.genres,
    ...song.moods,
    song.tempo ? `${Math.round(song.tempo)} BPM` : null,
    song.durationMs ? formatTime(song.durationMs / 1000) : null,
  ].filter(Boolean).join(" · ");
  return (
    <>
      <PageTitle sub={`By ${song.artist}`}>{song.title}</PageTitle>
      <div class="space-y-4" data-testid="shared-song">
        {facts && <p class="text-sm text-gray-700">{facts}</p>}
        <WaveformPlayer
          id={song.trackId}
          title={song.title}
          src={song.audioUrl}
          peaks={song.peaks}
          duration={song.durationMs / 1000}
        />
        <p class="text-sm text-gray-600">
          Made with Soundcheck's{" "}
          <a class="text-indigo-700 underline" href="/studio">song studio</a>.
        </p>
      </div>
    </>
  );
});
