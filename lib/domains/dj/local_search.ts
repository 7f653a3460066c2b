/**
 * The offline `TrackSearch`: the same strategy over the local catalogue and the platform's own
 * published songs. A query matches a track by its genres and mood tags (words in any of the
 * lexicon's languages), and by words of its title, artist and album; matches are ordered by how
 * much of the query they cover, then by closeness to the plan's sound. Pages of 10 with offset,
 * as on Spotify.
 *
 * @module
 */
import { analyse, fold } from "./lexicon.ts";
import type { SearchPage, TrackSearch } from "./collect.ts";
import type { Query } from "./strategy.ts";
import { soundFit } from "./rank.ts";
import type { DjPlan, FoundTrack, TrackRow } from "./types.ts";

interface Indexed {
  row: TrackRow;
  words: Set<string>;
  genres: Set<string>;
  moods: Set<string>;
  closeness: number;
}

function toFound(row: TrackRow): FoundTrack {
  const { owner_id: _o, audio_path: _a, ...rest } = row;
  return rest;
}

export function createLocalSearch(rows: TrackRow[], plan: DjPlan): TrackSearch {
  const index: Indexed[] = rows.map((row) => ({
    row,
    words: new Set(fold(`${row.title} ${row.artist} ${row.album ?? ""}`).split(" ")),
    genres: new Set(row.genres.map((g) => g.toLowerCase())),
    moods: new Set(row.moods),
    closeness: row.energy != null && row.valence != null
      ? soundFit({ ...row, energy: row.energy, valence: row.valence }, plan)
      : 0.5,
  }));
  // The collector asks for pages 0, 10, 20 of one query: sort each query once.
  const sorted = new Map<number, Indexed[]>();

  function matches(q: Query): Indexed[] {
    const a = analyse(q.text);
    const genres = q.kind === "genre" ? [q.text, ...a.genres] : a.genres;
    const moods = a.moods.map((m) => m.key);
    // A detail's search ("rain") is looked for in titles too, although the lexicon knows it.
    const words = q.kind === "genre"
      ? []
      : (q.detail ? a.tokens.filter((_w, i) => a.marks[i] !== "stop") : a.rest)
        .filter((w) => w.length > 2);
    const parts = genres.length + moods.length + words.length;
    const scored: [Indexed, number][] = [];
    for (const t of index) {
      let s = 0;
      if (genres.some((g) => t.genres.has(g))) s += 2;
      for (const m of moods) if (t.moods.has(m)) s += 1.5;
      for (const w of words) if (t.words.has(w)) s += 3;
      if (s > 0) scored.push([t, s / Math.max(1, parts)]);
    }
    scored.sort((x, y) =>
      y[1] - x[1] || y[0].closeness - x[0].closeness || x[0].row.title.localeCompare(y[0].row.title)
    );
    return scored.map(([t]) => t);
  }

  return {
    source: "catalogue",
    search(q: Query, offset: number, limit: number): Promise<SearchPage> {
      let list = sorted.get(q.id);
      if (!list) sorted.set(q.id, list = matches(q));
      return Promise.resolve({
        tracks: list.slice(offset, offset + limit).map((t) => toFound(t.row)),
        total: list.length,
      });
    },
  };
}
