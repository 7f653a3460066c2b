import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import type { Brief, Persona } from "../types.ts";
import { checkPersona, type ModerationResult } from "./guardrails.ts";

const BRIEF: Brief = {
  genre: "synth-pop",
  market: "GB",
  audience: "students who run in the evening",
  tone: "warm, a little ironic",
};

const PERSONA: Persona = {
  name: "Luna Vale",
  backstory: "Luna Vale writes night-bus synth-pop for students who run after dark in London.",
  genres: ["synth-pop", "dance-pop"],
  influences: ["80s gated drums", "glassy arpeggios"],
  vocal_style: "close, breathy alto with stacked harmonies",
  visual_identity: "neon pink and deep violet, rain on glass, grainy film",
  content_pillars: ["running playlists", "studio diaries"],
  audience: "students who run in the evening",
  voice: "warm, dry jokes, short lines",
  moods: ["euphoric", "wistful"],
  tempo_range: { min: 110, max: 124 },
  cadence: { releases_per_month: 1, posts_per_week: 3 },
  market: "GB",
  language: "en",
};

Deno.test("an AI version of a famous artist is refused with the reason", async () => {
  const v = await checkPersona({ brief: { ...BRIEF, notes: "An AI version of Taylor Swift" } });
  assertEquals(v, {
    ok: false,
    rule: "impersonation",
    field: "notes",
    reason:
      "Soundcheck does not make AI versions of real artists: “Taylor Swift” is a real artist.",
  });
});

Deno.test("a real artist anywhere in the brief or persona is refused, with its field", async () => {
  const cases: [Parameters<typeof checkPersona>[0], string, string][] = [
    [{ brief: { ...BRIEF, tone: "basically Beyoncé but Welsh" } }, "tone", "Beyoncé"],
    [{ brief: { ...BRIEF, notes: "a clone of Queen" } }, "notes", "Queen"],
    [
      { persona: { ...PERSONA, influences: ["gated drums", "Daft Punk robots"] } },
      "influences",
      "Daft Punk",
    ],
    [
      { persona: { ...PERSONA, backstory: PERSONA.backstory + " Sounds like Adele." } },
      "backstory",
      "Adele",
    ],
  ];
  for (const [input, field, name] of cases) {
    const v = await checkPersona(input);
    assert(!v.ok && v.rule === "impersonation", JSON.stringify(v));
    assertEquals([v.field, v.reason.includes(`“${name}”`)], [field, true]);
  }
});

Deno.test("an AI version of an unlisted person is refused too", async () => {
  const v = await checkPersona({
    brief: { ...BRIEF, notes: "Make an AI version of Olivia Dean." },
  });
  assert(!v.ok && v.rule === "impersonation" && v.reason.includes("“Olivia Dean”"), String(v.ok));
});

Deno.test("names close to a real artist's are refused; invented ones pass", async () => {
  for (const name of ["Tailor Swift", "Beyonce", "The Beatless", "Rihana"]) {
    const v = await checkPersona({ persona: { ...PERSONA, name } });
    assert(!v.ok && v.field === "name" && v.rule === "impersonation", name);
    assert(v.reason.includes("Soundcheck does not make AI versions of real artists"), v.reason);
  }
  const brief = await checkPersona({ brief: { ...BRIEF, name: "Tailor Swift" } });
  assert(!brief.ok && brief.field === "name");
  assertEquals(
    brief.reason,
    "“Tailor Swift” is too close to “Taylor Swift”, a real artist: Soundcheck does not make AI " +
      "versions of real artists. Choose another name.",
  );
  assertEquals(await checkPersona({ brief: BRIEF, persona: PERSONA }), { ok: true });
});

Deno.test("the artist search refuses names close to what it finds", async () => {
  const searched: string[] = [];
  const searchArtists = (name: string) => {
    searched.push(name);
    return Promise.resolve(["Luna Vail", "Somebody Else"]);
  };
  const v = await checkPersona({ persona: PERSONA }, { searchArtists });
  assertEquals(searched, ["Luna Vale"]);
  assert(!v.ok && v.reason.includes("“Luna Vail”, a real artist on Spotify"), JSON.stringify(v));
  const other = () => Promise.resolve(["Lunar Valley Orchestra"]);
  assertEquals(await checkPersona({ persona: PERSONA }, { searchArtists: other }), { ok: true });
});

Deno.test("hateful and stereotyped traits are refused with the rule's reason", async () => {
  const v = await checkPersona({ brief: { ...BRIEF, tone: "a lazy Mexican who never tries" } });
  assert(!v.ok);
  assertEquals([v.rule, v.field], ["stereotype", "tone"]);
  assertEquals(
    v.reason,
    "The tone was refused: it gives the persona a trait by ethnicity or nationality, which is a " +
      "stereotype (“lazy mexican”).",
  );
  const h = await checkPersona({
    persona: { ...PERSONA, content_pillars: ["posts saying immigrants are vermin"] },
  });
  assert(!h.ok);
  assertEquals([h.rule, h.field], ["hateful", "content_pillars"]);
  assertEquals(
    h.reason,
    "The content pillar was refused: it describes a group of people as less than human " +
      "(“immigrants are vermin”).",
  );
});

Deno.test("near-misses pass the offline rules", async () => {
  for (const notes of ["a Mexican-born producer", "sings in Portuguese and English"]) {
    assertEquals(await checkPersona({ brief: { ...BRIEF, notes } }), { ok: true }, notes);
  }
  for (const genre of ["black metal", "Black Country rock"]) {
    assertEquals(await checkPersona({ brief: { ...BRIEF, genre } }), { ok: true }, genre);
  }
});

Deno.test("moderation flags name the field and the categories", async () => {
  let seen: string[] = [];
  const moderate = (texts: string[]): Promise<ModerationResult[]> => {
    seen = texts;
    return Promise.resolve(texts.map((t) => ({
      flagged: t.startsWith("close, breathy"),
      categories: t.startsWith("close, breathy") ? ["sexual", "harassment"] : [],
    })));
  };
  const v = await checkPersona({ persona: PERSONA }, { moderate });
  assert(seen.includes(PERSONA.backstory) && seen.includes("glassy arpeggios"));
  assertEquals(v, {
    ok: false,
    rule: "moderation",
    field: "vocal_style",
    reason: "The moderation check flagged the vocal style (sexual, harassment).",
  });
});

Deno.test("live checks that fail do not block, and say so", async () => {
  const down = () => Promise.reject(new Error("503"));
  assertEquals(await checkPersona({ persona: PERSONA }, { moderate: down, searchArtists: down }), {
    ok: true,
    skipped: ["artist search", "moderation"],
  });
});
