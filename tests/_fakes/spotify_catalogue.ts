/**
 * The fake Spotify's track catalogue (tests/_fakes/spotify.ts): the DJ's offline catalogue as
 * Spotify would hold it, with remasters as duplicates, deterministic base62 ids, and search with
 * Spotify's field filters.
 */
import { catalogue } from "../../lib/domains/dj/catalogue.ts";
import { fold } from "../../lib/domains/dj/lexicon.ts";

export interface FakeTrack {
  id: string;
  name: string;
  artists: { name: string }[];
  album: { name: string; images: { url: string; width: number; height: number }[] };
  /** Most tracks have none (Spotify stopped giving them to new apps); some still do. */
  preview_url: string | null;
  explicit: boolean;
  duration_ms: number;
  uri: string;
  external_urls: { spotify: string };
  /** Searchable words: title, artists, album, genres and moods (folded). */
  words: Set<string>;
  genres: string[];
}

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A 22-character base62 id, deterministic per key (Spotify ids look like this). */
export function fakeId(key: string): string {
  let h1 = 0x811c9dc5, h2 = 0x1b873593;
  for (let i = 0; i < key.length; i++) {
    h1 = Math.imul(h1 ^ key.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ key.charCodeAt(i), 2246822507) >>> 0;
  }
  let out = "";
  for (let i = 0; i < 22; i++) {
    const x = i % 2 ? h1 : h2;
    out += B62[(x >>> (i % 5) * 5) % 62];
    h1 = Math.imul(h1 ^ (h1 >>> 13), 0x5bd1e995) >>> 0;
    h2 = Math.imul(h2 ^ (h2 >>> 15), 0x27d4eb2f) >>> 0;
  }
  return out;
}

function track(key: string, name: string, artist: string, album: string, extra: {
  explicit: boolean;
  duration_ms: number;
  genres: string[];
  moods: string[];
}): FakeTrack {
  const id = fakeId(key);
  return {
    id,
    name,
    artists: artist.split(" & ").map((name) => ({ name })),
    album: {
      name: album,
      images: [640, 300, 64].map((px) => ({
        url: `https://i.scdn.co/image/${id}-${px}`,
        width: px,
        height: px,
      })),
    },
    preview_url: id.charCodeAt(0) % 3 === 0 ? `https://p.scdn.co/mp3-preview/${id}` : null,
    explicit: extra.explicit,
    duration_ms: extra.duration_ms,
    uri: `spotify:track:${id}`,
    external_urls: { spotify: `https://open.spotify.com/track/${id}` },
    words: new Set(
      fold([name, artist, album, ...extra.genres, ...extra.moods].join(" ")).split(" "),
    ),
    genres: extra.genres.map((g) => g.toLowerCase()),
  };
}

/** The catalogue as Spotify would hold it, plus remasters (duplicates by title and artist). */
export function library(): FakeTrack[] {
  const out: FakeTrack[] = [];
  catalogue().forEach((t, i) => {
    const extra = {
      explicit: t.explicit,
      duration_ms: t.duration_ms ?? 200_000,
      genres: t.genres,
      moods: t.moods,
    };
    out.push(track(t.external_id!, t.title, t.artist, t.album ?? t.title, extra));
    if (i % 4 === 0) {
      out.push(
        track(
          `${t.external_id}#remaster`,
          `${t.title} - Remastered 2011`,
          t.artist,
          `${t.album ?? t.title} (Deluxe)`,
          extra,
        ),
      );
    }
  });
  return out;
}

/** Field filters (`genre:"x"`, `track:"x"`, `artist:"x"`) must hold; free words rank. */
export function matchTracks(tracks: FakeTrack[], query: string): FakeTrack[] {
  const filters: [string, string][] = [];
  const free = query.replace(/(genre|track|artist):"([^"]*)"/g, (_, f: string, v: string) => {
    filters.push([f, fold(v)]);
    return " ";
  });
  const words = fold(free).split(" ").filter((w) => w.length > 1);
  const scored: [FakeTrack, number][] = [];
  for (const t of tracks) {
    const ok = filters.every(([f, v]) =>
      f === "genre"
        ? t.genres.includes(v)
        : f === "track"
        ? fold(t.name).includes(v)
        : t.artists.some((a) => fold(a.name).includes(v))
    );
    if (!ok) continue;
    const s = words.filter((w) => t.words.has(w)).length;
    if (words.length && s === 0) continue;
    scored.push([t, s]);
  }
  scored.sort((a, b) => b[1] - a[1] || a[0].id.localeCompare(b[0].id));
  return scored.map(([t]) => t);
}
