/**
 * The offline catalogue as SQL, for the DJ migration's `-- catalogue:begin … end` block.
 * `deno run -A lib/domains/dj/catalogue_sql.ts` rewrites that block from lib/domains/dj/catalogue*.ts while the
 * migration is still being written; catalogue_test.ts fails when the two drift apart.
 *
 * @module
 */
import { catalogue, type CatalogueTrack } from "./catalogue.ts";

export const MIGRATION = new URL(
  "../../../supabase/migrations/20261122007000_dj.sql",
  import.meta.url,
);
const BEGIN = "-- catalogue:begin\n";
const END = "-- catalogue:end";

const text = (s: string | null) => (s === null ? "null" : `'${s.replaceAll("'", "''")}'`);
const array = (xs: string[]) => `array[${xs.map(text).join(", ")}]::text[]`;
const num = (n: number | null) => (n === null ? "null" : String(n));

function row(t: CatalogueTrack): string {
  return `  (${
    [
      text(t.external_id),
      text(t.title),
      text(t.artist),
      text(t.album),
      array(t.genres),
      array(t.moods),
      num(t.energy),
      num(t.valence),
      num(t.danceability),
      num(t.tempo),
      String(t.explicit),
      num(t.duration_ms),
      text(t.language),
    ].join(", ")
  })`;
}

/** The block's statements: one upsert of every catalogue track. */
export function catalogueSql(tracks: CatalogueTrack[] = catalogue()): string {
  return [
    "insert into public.tracks as t (external_id, title, artist, album, genres, moods, energy, valence,",
    "                                danceability, tempo, explicit, duration_ms, language, source,",
    "                                published)",
    "select v.*, 'catalogue', true from (values",
    tracks.map(row).join(",\n"),
    ") as v (external_id, title, artist, album, genres, moods, energy, valence, danceability, tempo,",
    "        explicit, duration_ms, language)",
    "on conflict (source, external_id) do update",
    "  set title = excluded.title, artist = excluded.artist, album = excluded.album,",
    "      genres = excluded.genres, moods = excluded.moods, energy = excluded.energy,",
    "      valence = excluded.valence, danceability = excluded.danceability, tempo = excluded.tempo,",
    "      explicit = excluded.explicit, duration_ms = excluded.duration_ms,",
    "      language = excluded.language;",
    "",
  ].join("\n");
}

/** The block as it stands in `sql` (the migration's text), or null without markers. */
export function currentBlock(sql: string): string | null {
  const i = sql.indexOf(BEGIN);
  const j = sql.indexOf(END);
  return i < 0 || j < i ? null : sql.slice(i + BEGIN.length, j);
}

if (import.meta.main) {
  const sql = await Deno.readTextFile(MIGRATION);
  const i = sql.indexOf(BEGIN);
  const j = sql.indexOf(END);
  if (i < 0 || j < i) throw new Error("catalogue markers not found in the DJ migration");
  await Deno.writeTextFile(
    MIGRATION,
    sql.slice(0, i + BEGIN.length) + catalogueSql() + sql.slice(j),
  );
  console.log(`wrote ${catalogue().length} catalogue tracks into ${MIGRATION.pathname}`);
}
