import { assert, assertEquals, assertMatch } from "../../../tests/_helpers/assert.ts";
import { createOfflineAi } from "../../ports/ai/offline.ts";
import { casaAzul, ella } from "../../ports/ai/test_utils.ts";
import { actOf } from "./voice.ts";
import { write } from "./writer.ts";
import { humanProblems } from "./test_utils.ts";
import type { MusicianFacts } from "../gigs/facts.ts";

const act = (stage_name: string, bio: string | null = null, skills: string[] = []) =>
  actOf({ stage_name, bio, skills });

Deno.test("voice - bands, duos and ensembles are told from the name, the bio and the skills", () => {
  // The seed's acts (supabase/seed.sql).
  const groups: [string, string | null, number | null][] = [
    ["Tomás Reis Quartet", "quartet", 4],
    ["Duarte Fado Trio", "trio", 3],
    ["Marcus Bell Trio", "trio", 3],
    ["Kalle & The Night Shift", "band", null],
    ["Hafenkante Brass", "brass", null],
    ["Les Frères Dumont", "band", null],
    ["Wiener Salonquartett", "quartet", 4],
    ["The Liffey Ramblers", "band", null],
    ["Northern Quarter Soul Band", "band", null],
    ["Duo Lumière", "duo", 2],
  ];
  for (const [name, kind, members] of groups) {
    const a = act(name);
    assertEquals([a.group, a.kind, a.members], [true, kind, members], name);
  }
  assertEquals(act("The Liffey Ramblers").pluralName, true);
  assertEquals(act("Tomás Reis Quartet").pluralName, false);
  for (const name of ["Maya Ortiz", "Ella Hart", "Nit de Rumba", "DJ Kalle", "The Edge"]) {
    assertEquals(act(name).group, false, name);
  }
  // The bio or the skills say so.
  assertEquals(act("Blue Lamp", "We are a five-piece band from Porto.").members, 5);
  assertEquals(act("Blue Lamp", "We are a five-piece band from Porto.").group, true);
  assertEquals(act("Sol", "Sol is a Latin jazz quartet from Seville.").kind, "quartet");
  assertEquals(act("Gold Coast", null, ["function band"]).group, true);
  // A solo musician who leads a trio is still one person.
  assertEquals(act("Maya Ortiz", "Maya is a pianist. She leads her own trio.").group, false);
});

const quartet: MusicianFacts = {
  ...ella,
  stage_name: "Tomás Reis Quartet",
  // The seed's bio calls the quartet "a saxophonist": the draft must not repeat that.
  bio: "Tomás Reis Quartet is a Lisbon-based saxophonist working across jazz. Comfortable with " +
    "charts, click tracks and last-minute set changes.",
  instruments: ["saxophone", "flute", "double bass", "drums"],
  genres: ["jazz"],
};

Deno.test("voice - a band's proposal says we, never I'm <name>; a soloist's says I", async () => {
  const ai = createOfflineAi();
  for (const language of ["en", "es", "fr", "de", "pt"] as const) {
    const band = await write(ai, "proposal", { musician: quartet, gig: casaAzul, language });
    const problems = humanProblems(band.text, {
      lang: language,
      name: quartet.stage_name,
      group: true,
      firstPerson: true,
      gigTitle: casaAzul.title,
      noVerbatimTitle: true,
    });
    assertEquals(problems, [], `${language}: ${band.text}`);
    const solo = await write(ai, "proposal", { musician: ella, gig: casaAzul, language });
    assertEquals(
      humanProblems(solo.text, {
        lang: language,
        name: ella.stage_name,
        group: false,
        firstPerson: true,
      }),
      [],
      solo.text,
    );
  }
  const en = await write(ai, "proposal", { musician: quartet, gig: casaAzul, language: "en" });
  assertMatch(en.text, /\bwe('re|'d)?\b/i);
  assert(!/I'm Tomás/.test(en.text), en.text);
  const solo = await write(ai, "proposal", { musician: ella, gig: casaAzul, language: "en" });
  assertMatch(solo.text, /\bI('m|'d)?\b/);
  assert(!/\bwe're\b/i.test(solo.text), solo.text);
});

Deno.test("voice - a band's bio is about the group, and drops the bio's 'is a saxophonist'", async () => {
  const ai = createOfflineAi();
  const bio = await write(ai, "bio", { musician: quartet, language: "en" });
  assertMatch(bio.text, /jazz quartet/);
  assert(!/saxophonist/.test(bio.text), bio.text);
  assertMatch(bio.text, /Comfortable with charts/, "keeps the rest of the bio");
  assertMatch(bio.text, /\bthey\b|the quartet/i);
  const es = await write(ai, "bio", { musician: quartet, language: "es" });
  assertMatch(es.text, /un cuarteto de jazz/);
  const de = await write(ai, "bio", { musician: quartet, language: "de" });
  assertMatch(de.text, /Jazz-Quartett/);
});
