/**
 * A persona from a brief, as an AI task (lib/ports/ai/task.ts). The live model gets the brief's
 * facts and the rules (influences are sound descriptors, never names; no real people; no traits
 * by group); its answer must keep the brief's market, name and main genre and name no real
 * artist, or it is retried. The offline writer builds the persona from the genre family's style
 * (styles.ts), the market's language (market.ts) and an invented name (names.ts): same brief,
 * same persona. Either way the result still goes through the guardrails before it is saved.
 *
 * @module
 */
import type { z } from "zod";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import type { AiTask } from "../../../ports/ai/task.ts";
import { capitalise, pick } from "../../gigs/facts.ts";
import { namesArtist } from "../../studio/artists.ts";
import { article, clip, firstSentences, seedOf } from "../../writing/tasks/writing.ts";
import { type Brief, Persona } from "../types.ts";
import { languageName, languageOf, marketName } from "./market.ts";
import { inventName } from "./names.ts";
import { styleFor, toneMoods } from "./genre_style.ts";

export const PERSONA_SYSTEM =
  "You are Soundcheck's artist development assistant. You create original virtual music " +
  "artists from a brief. Everything you write is invented: never use, imitate or allude to a " +
  "real person, artist, band or song, in the name or anywhere else. Influences describe sound " +
  "(instruments, production, era, rhythm), never who made it. Never give the persona traits by " +
  "ethnicity, nationality, religion, gender, sexuality or disability, and no caricatured " +
  "accents. Answer with JSON that fits the schema.";

const market = (b: Brief) => b.market.trim().toUpperCase();

/** The prompt as the live model gets it: the brief's facts, then the rules. */
export function personaPrompt(b: Brief): string {
  const m = market(b);
  const lang = languageOf(m);
  const name = b.name?.trim()
    ? `Use exactly this name: "${b.name.trim()}".`
    : "Invent a stage name that sounds natural in the market's language and is not, and does " +
      "not resemble, any real artist's name.";
  const lines = [
    "Create an original virtual artist from this brief.",
    `Genre: ${b.genre.trim()}`,
    `Market: ${m} (${marketName(m)}); lyrics and posts in ${
      languageName(lang)
    } (language "${lang}")`,
    `Audience: ${b.audience.trim()}`,
    `Tone: ${b.tone.trim()}`,
    `Name: ${name}`,
  ];
  if (b.notes?.trim()) lines.push(`Notes to keep: ${b.notes.trim()}`);
  lines.push(
    "",
    "Rules:",
    `- market is "${m}"; language is "${lang}" unless the notes ask for another.`,
    `- genres: "${b.genre.trim()}" first, then one or two related genres.`,
    "- backstory: 2–4 sentences that use the audience and the tone; invented, no real people.",
    "- influences: 3–6 sound descriptors (e.g. '80s gated drums', 'nylon-string guitar'), never names.",
    "- vocal_style: one phrase. voice: how the artist writes posts, and in which language.",
    "- visual_identity: a prompt for cover art and an avatar: colours, setting, texture; no text, " +
      "no real person's likeness.",
    "- content_pillars: 3–5 recurring themes for posts. moods: 1–4 words.",
    "- tempo_range: BPM fitting the genre, min ≤ max. cadence: releases a month and posts a week.",
  );
  return lines.join("\n");
}

/** The persona, held to the brief: its market, its name when given, its genre first, no names. */
export function personaSchema(b: Brief): z.ZodType<Persona> {
  return Persona.superRefine((p, ctx) => {
    if (p.market !== market(b)) {
      ctx.addIssue({ code: "custom", path: ["market"], message: `must be "${market(b)}"` });
    }
    if (b.name?.trim() && p.name !== b.name.trim()) {
      ctx.addIssue({ code: "custom", path: ["name"], message: `must be "${b.name.trim()}"` });
    }
    if (p.genres[0]?.toLowerCase() !== genreOf(b).toLowerCase()) {
      ctx.addIssue({ code: "custom", path: ["genres", 0], message: `must be "${genreOf(b)}"` });
    }
    for (const field of ["influences", "genres", "content_pillars", "moods"] as const) {
      p[field].forEach((text, i) => {
        if (namesArtist(text)) {
          ctx.addIssue({ code: "custom", path: [field, i], message: "names a real artist" });
        }
      });
    }
    for (const field of ["backstory", "vocal_style", "visual_identity", "voice"] as const) {
      if (namesArtist(p[field])) {
        ctx.addIssue({ code: "custom", path: [field], message: "names a real artist" });
      }
    }
  });
}

/** The brief's genre as a persona holds it (at most 40 characters, cut at a word). */
function genreOf(b: Brief): string {
  const g = b.genre.trim().replace(/\s+/g, " ");
  return g.length <= 40 ? g : g.slice(0, 40).replace(/\s+\S*$/, "") || g.slice(0, 40);
}

/** `n` items of `xs` in a seeded order. */
function pickN<T>(rand: () => number, xs: readonly T[], n: number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/** Words that start a brief's phrase as ordinary words, not names ("Students who run"). */
const COMMON_START =
  /^(?:a|an|the|all|any|anyone|everyone|those|people|students?|teens?|teenagers?|young|older|couples?|fans?|famil\w*|kids|children|parents?|mums?|moms?|dads?|women|men|girls|boys|runners?|gamers?|truck\w*|office|night|late|early|commuters?|hikers?|listeners?|dancers?|workers?|drivers?|nurses?|book|coffee|music|grew|loves?|likes?|warm|dark|bold|calm|gentle|heartfelt|smooth|fierce|serene|playful|sunny|honest|wry|melancholic|energetic|dreamy|confident|romantic|quiet|loud|cool|friendly|shy|funny|witty|sweet|tender|moody|proud|fiery|minimal)\b/i;

/** "Students who run" → "students who run" mid-sentence; "Berlin night owls" stays. */
function midSentence(text: string): string {
  const t = text.trim().replace(/[.!?]+$/, "");
  return COMMON_START.test(t) && /^\p{Lu}\p{Ll}/u.test(t) ? t[0].toLowerCase() + t.slice(1) : t;
}

const TEXTURES = [
  "grainy 35 mm film look",
  "flat graphic shapes",
  "soft watercolour edges",
  "high-contrast risograph print",
  "glossy 3D render",
  "hand-drawn ink lines",
];

const VOICES = [
  "short lines in the first person, one emoji at most",
  "chatty and first person, asks fans questions",
  "few words, lowercase, lets the pictures talk",
  "diary-like captions, honest and specific",
];

/** The persona without a model: deterministic, valid against `personaSchema(b)`. */
export function offlinePersona(b: Brief): Persona {
  const m = market(b);
  const language = languageOf(m);
  const rand = seedOf("persona", b.genre, m, b.audience, b.tone, b.name ?? null, b.notes ?? null);
  const style = styleFor(b.genre);
  const genre = genreOf(b);
  const name = b.name?.trim() ||
    inventName(JSON.stringify([b.genre, m, b.audience, b.tone, b.notes ?? ""]), language);

  const related = style.related.filter((g) => g.toLowerCase() !== genre.toLowerCase());
  const genres = [genre, ...pickN(rand, related, rand() < 0.5 ? 1 : 2)];
  const influences = pickN(rand, style.influences, 4);
  const moods = [...new Set([...toneMoods(b.tone), ...style.moods])].slice(0, 4);
  const local = m === "GLOBAL" ? [] : [`the music scene in ${marketName(m)}`];
  const content_pillars = [...pickN(rand, style.pillars, 4 - local.length), ...local];
  const audience = b.audience.trim();
  const tone = midSentence(clip(b.tone.trim(), 150));

  const where = m === "GLOBAL" ? "listeners everywhere" : `listeners in ${marketName(m)}`;
  const story = [
    `${name} is ${article(genre)} ${genre} artist made first for ${where}.`,
    pick(rand, [
      `The songs are written for ${midSentence(audience)}.`,
      `Every song starts from one question: what would ${midSentence(audience)} play on repeat?`,
      `${name}'s listeners are ${
        midSentence(audience)
      }, and the songs follow their days and nights.`,
    ]),
  ];
  // The notes' first sentences become one, so the backstory keeps to four.
  const notes = (firstSentences(b.notes ?? null, 2, 300).match(/[^.!?]+/g) ?? [])
    .map(midSentence).filter(Boolean).join("; ");
  story.push(
    notes
      ? `Also part of the story: ${notes}.`
      : `The sound leans on ${influences[0]} and ${influences[1]}, ${moods[0]} at heart.`,
  );
  story.push(`On stage and online, ${name} comes across as ${tone}.`);

  const feel = `${moods[0]} ${genre}`;
  const visual =
    `${capitalise(pick(rand, style.palettes))} palette; ${pick(rand, style.scenes)}; ` +
    `${pick(rand, TEXTURES)}; ${article(feel)} ${feel} mood. No text, no real person's likeness.`;

  return {
    name,
    backstory: clip(story.join(" "), 1500),
    genres,
    influences,
    vocal_style: pick(rand, style.vocals),
    visual_identity: clip(visual, 400),
    content_pillars,
    audience,
    voice: clip(
      `${capitalise(tone)}; ${pick(rand, VOICES)}. Posts in ${languageName(language)}.`,
      300,
    ),
    moods,
    tempo_range: { min: style.tempo[0], max: style.tempo[1] },
    cadence: { ...style.cadence },
    market: m,
    language,
  };
}

export const personaTask: AiTask<Brief, Persona> = {
  name: "artist_persona",
  schemaName: "artist_persona",
  schema: personaSchema,
  system: PERSONA_SYSTEM,
  prompt: personaPrompt,
  offline: offlinePersona,
  offlineModel: OFFLINE_WRITER_MODEL,
};
