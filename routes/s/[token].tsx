/**
 * A shared studio song (/s/<token>), for anyone with the link, signed in or not: the waveform
 * player, the lyrics, what the song is and who made it, with Open Graph tags for link previews.
 * A revoked, unknown or malformed token is a friendly 404. Not for search engines.
 *
 * Links of the interim /s/<track id> form are not kept: a catalogue song's track id is public,
 * so redirecting from it would hand out the song's current token and undo a rotated link.
 */
import { define, type PageHead } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { type SharedSong, sharedSong } from "../../lib/domains/studio/service.ts";
import { shareUrl } from "../../lib/domains/studio/share_link.ts";
import { formatTime } from "../../lib/browser/player.ts";
import WaveformPlayer from "../../islands/WaveformPlayer.tsx";
import { Lyrics } from "../../components/SongDone.tsx";
import { EmptyState, PageTitle } from "../../components/Page.tsx";

interface Data {
  song: SharedSong | null;
}

/** What the song is, in a line: genre, mood, tempo, key, length. */
export function songFacts(song: SharedSong): string {
  return [
    song.subgenre ? `${song.genre} (${song.subgenre})` : song.genre,
    song.mood,
    song.tempo_bpm ? `${Math.round(song.tempo_bpm)} BPM` : null,
    song.key,
    song.duration_ms ? formatTime(song.duration_ms / 1000) : null,
  ].filter(Boolean).join(" · ");
}

function headOf(song: SharedSong, url: string): PageHead {
  const description = [`A song by ${song.artist}`, songFacts(song)].filter(Boolean).join(" · ");
  return {
    title: `${song.title} by ${song.artist}`,
    meta: [
      { name: "description", content: description },
      { name: "robots", content: "noindex" },
      { property: "og:type", content: "music.song" },
      { property: "og:title", content: song.title },
      { property: "og:description", content: description },
      { property: "og:url", content: url },
      { property: "og:site_name", content: "Soundcheck" },
      { name: "twitter:card", content: "summary" },
      { name: "twitter:title", content: `${song.title} by ${song.artist}` },
      { name: "twitter:description", content: description },
      // No og:audio: the audio link is signed for an hour and a preview would keep a dead one.
      ...(song.duration_ms
        ? [{ property: "music:duration", content: String(Math.round(song.duration_ms / 1000)) }]
        : []),
    ],
  };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const token = ctx.params.token ?? "";
    const song = await sharedSong(ctx.state.platform, token);
    if (song) ctx.state.head = headOf(song, shareUrl(ctx.state.siteUrl, token));
    else ctx.state.head = { title: "This link does not work" };
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
        <p>The song is no longer shared, or the link was mistyped. Ask its maker for a new link.</p>
        <a class="mt-4 inline-block text-indigo-700 underline" href="/studio">
          Make your own in the song studio
        </a>
      </EmptyState>
    );
  }
  const facts = songFacts(song);
  return (
    <>
      <PageTitle sub={`By ${song.artist}`}>{song.title}</PageTitle>
      <div class="space-y-6" data-testid="shared-song">
        {facts && <p class="text-sm text-gray-700" data-testid="shared-song-facts">{facts}</p>}
        <WaveformPlayer
          id="shared"
          title={song.title}
          src={song.audio_url}
          peaks={song.peaks}
          duration={(song.duration_ms ?? 0) / 1000}
        />
        <Lyrics lyrics={song.lyrics} />
        <p class="text-sm text-gray-600">
          Made with Soundcheck's{" "}
          <a class="text-indigo-700 underline" href="/studio">song studio</a>.
        </p>
      </div>
    </>
  );
});
