import { assertEquals } from "../../../../tests/_helpers/assert.ts";
import type { Persona } from "../types.ts";
import { formatCadence, formatField, personaDiff, summariseDiff } from "./diff.ts";

const V1: Persona = {
  name: "Luna Vale",
  backstory: "Luna Vale writes night-bus synth-pop for students who run after dark in London.",
  genres: ["synth-pop", "dance-pop"],
  influences: ["80s gated drums", "glassy arpeggios"],
  vocal_style: "close, breathy alto",
  visual_identity: "neon pink and deep violet, rain on glass",
  content_pillars: ["running playlists", "studio diaries"],
  audience: "students who run in the evening",
  voice: "warm, dry jokes, short lines",
  moods: ["euphoric", "wistful"],
  tempo_range: { min: 90, max: 110 },
  cadence: { releases_per_month: 1, posts_per_week: 3 },
  market: "GB",
  language: "en",
};

Deno.test("a change lists each changed field in words", () => {
  const v2: Persona = {
    ...V1,
    tempo_range: { min: 115, max: 128 },
    content_pillars: ["running playlists", "studio diaries", "race-day clips"],
    cadence: { releases_per_month: 2, posts_per_week: 1 },
  };
  assertEquals(personaDiff(V1, v2), [
    {
      field: "content_pillars",
      label: "Content pillars",
      before: "running playlists, studio diaries",
      after: "running playlists, studio diaries, race-day clips",
    },
    { field: "tempo_range", label: "Tempo range", before: "90–110 BPM", after: "115–128 BPM" },
    {
      field: "cadence",
      label: "Cadence",
      before: "1 release a month · 3 posts a week",
      after: "2 releases a month · 1 post a week",
    },
  ]);
  assertEquals(
    summariseDiff(personaDiff(V1, v2)),
    "Changed the content pillars, tempo range and cadence.",
  );
});

Deno.test("no change, one change, a rename and many changes read as one sentence", () => {
  assertEquals(personaDiff(V1, { ...V1 }), []);
  assertEquals(summariseDiff([]), "No changes.");
  assertEquals(summariseDiff(personaDiff(V1, { ...V1, moods: ["dark"] })), "Changed the moods.");
  assertEquals(
    summariseDiff(personaDiff(V1, { ...V1, name: "Luna Vail" })),
    "Renamed from Luna Vale to Luna Vail.",
  );
  const many = {
    ...V1,
    name: "X Y",
    moods: ["dark"],
    genres: ["techno"],
    market: "DE",
    language: "de",
  };
  assertEquals(
    summariseDiff(personaDiff(V1, many)),
    "Changed the name, genres, moods and 2 more fields.",
  );
});

Deno.test("a first version lists every field as new", () => {
  const lines = personaDiff(null, V1);
  assertEquals(lines.length, 14);
  assertEquals(lines.every((l) => l.before === null), true);
  assertEquals(lines.find((l) => l.field === "market")?.after, "United Kingdom (GB)");
  assertEquals(lines.find((l) => l.field === "language")?.after, "English (en)");
  assertEquals(summariseDiff(lines), "Created Luna Vale.");
});

Deno.test("values are formatted for people", () => {
  assertEquals(formatField("tempo_range", { min: 120, max: 120 }), "120 BPM");
  assertEquals(formatField("market", "GLOBAL"), "Worldwide");
  assertEquals(
    formatCadence({ releases_per_month: 0.5, posts_per_week: 0 }),
    "0.5 releases a month · 0 posts a week",
  );
});

Deno.test("personaDiff - key order does not make a change (jsonb reorders keys)", () => {
  const before = V1;
  const reordered = JSON.parse(JSON.stringify({
    ...before,
    cadence: {
      posts_per_week: before.cadence.posts_per_week,
      releases_per_month: before.cadence.releases_per_month,
    },
    tempo_range: { max: before.tempo_range.max, min: before.tempo_range.min },
  }));
  assertEquals(personaDiff(before, reordered), []);
});
