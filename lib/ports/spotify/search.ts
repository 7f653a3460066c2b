/**
 * Spotify as a `TrackSearch` for the DJ: one page of one query through `GET /search` (10 at most
 * a request, `offset` paging). Spotify tracks carry no mood data any more (audio features are
 * gone for new apps), so those fields stay empty and the ranking works from provenance and words.
 *
 * @module
 */
import type { SearchPage, TrackSearch } from "../../domains/dj/collect.ts";
import type { Query } from "../../domains/dj/strategy.ts";
import type { FoundTrack } from "../../domains/dj/types.ts";
import type { SpotifyApi, SpotifyTrack } from "./api.ts";

/** The Spotify `q` for a query: genres use the `genre:` filter. */
export function spotifyQuery(q: Query): string {
  return q.kind === "genre" ? `genre:"${q.text}"` : q.text;
}

export function toFoundTrack(t: SpotifyTrack): FoundTrack {
  return {
    id: null,
    source: "spotify",
    external_id: t.id,
    uri: t.uri,
    title: t.name,
    artist: t.artists.map((a) => a.name).join(", "),
    album: t.album?.name || null,
    genres: [],
    moods: [],
    energy: null,
    valence: null,
    danceability: null,
    tempo: null,
    explicit: t.explicit,
    duration_ms: t.duration_ms ?? null,
    language: null,
    url: t.external_urls?.spotify ?? null,
    image_url: coverOf(t),
    preview_url: t.preview_url?.startsWith("https://") ? t.preview_url : null,
  };
}

/** The smallest album image of at least 64 px (a list thumbnail), else the first. */
function coverOf(t: SpotifyTrack): string | null {
  const images = (t.album?.images ?? []).filter((i) => i.url.startsWith("https://"));
  const fit = images.filter((i) => (i.width ?? 0) >= 64)
    .sort((a, b) => (a.width ?? 0) - (b.width ?? 0))[0];
  return (fit ?? images[0])?.url ?? null;
}

export function createSpotifySearch(api: SpotifyApi): TrackSearch {
  return {
    source: "spotify",
    async search(
      q: Query,
      offset: number,
      limit: number,
      signal: AbortSignal,
    ): Promise<SearchPage> {
      const page = await api.searchTracks(spotifyQuery(q), offset, limit, signal);
      return { tracks: page.tracks.map(toFoundTrack), total: page.total };
    },
  };
}
