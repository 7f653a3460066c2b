/**
 * The fake Spotify's artists (tests/_fakes/spotify.ts): by default every artist of the DJ's
 * catalogue, so a virtual artist named like a real one is found taken; tests replace the list.
 * Search is forgiving, as Spotify's is: an `artist:"x"` filter or free words, accents and case
 * ignored; exact names first, then names holding every word, then names holding the query or
 * named whole inside it.
 */
import { catalogue } from "../../lib/domains/dj/catalogue.ts";
import { fold } from "../../lib/domains/dj/lexicon.ts";

export interface FakeArtist {
  id: string;
  name: string;
  /** `null`: the answer leaves `followers` out, as it does for some apps now. */
  followers: number | null;
  genres: string[];
}

/** The catalogue's artists, each with a deterministic id and follower count. */
export function catalogueArtists(id: (key: string) => string): FakeArtist[] {
  const byName = new Map<string, FakeArtist>();
  for (const t of catalogue()) {
    for (const name of t.artist.split(" & ")) {
      const a = byName.get(name);
      if (a) {
        a.genres = [...new Set([...a.genres, ...t.genres])];
        continue;
      }
      const key = id(`artist:${name}`);
      const followers = byName.size % 7 === 6 ? null : 1000 + (key.charCodeAt(0) * 7919) % 900_000;
      byName.set(name, { id: key, name, followers, genres: [...t.genres] });
    }
  }
  return [...byName.values()];
}

/** The artists matching `query`, best first. */
export function matchArtists(artists: FakeArtist[], query: string): FakeArtist[] {
  const q = fold(query.replace(/artist:"([^"]*)"/g, " $1 "));
  const words = q.split(" ").filter(Boolean);
  if (!words.length) return [];
  const scored: [FakeArtist, number][] = [];
  for (const a of artists) {
    const name = fold(a.name);
    const have = new Set(name.split(" "));
    const score = name === q
      ? 3
      : words.every((w) => have.has(w))
      ? 2
      : name.includes(q) || ` ${q} `.includes(` ${name} `)
      ? 1
      : 0;
    if (score) scored.push([a, score]);
  }
  scored.sort((x, y) =>
    y[1] - x[1] || (y[0].followers ?? 0) - (x[0].followers ?? 0) ||
    x[0].name.localeCompare(y[0].name)
  );
  return scored.map(([a]) => a);
}

/** An artist as the Web API's search answers it. */
export function artistObject(a: FakeArtist) {
  return {
    id: a.id,
    name: a.name,
    type: "artist",
    uri: `spotify:artist:${a.id}`,
    genres: a.genres,
    images: [],
    external_urls: { spotify: `https://open.spotify.com/artist/${a.id}` },
    ...(a.followers === null ? {} : { followers: { href: null, total: a.followers } }),
  };
}
