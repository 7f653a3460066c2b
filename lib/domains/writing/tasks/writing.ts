/**
 * What the writing tasks share: the assistant's system prompt, the fact sheets a prompt quotes
 * and the small wording helpers the offline composers use. A writing task also renders its draft
 * as plain text for a textarea; the user edits it before anything is saved.
 *
 * @module
 */
import {
  genreLabel,
  type GigFacts,
  joinList,
  kindLabel,
  type MusicianFacts,
  placeName,
  roleNoun,
  seededRandom,
} from "../../gigs/facts.ts";
import { formatDay, formatRange, formatTime } from "../../../shared/format.ts";
import type { AiTask } from "../../../ports/ai/task.ts";
import type { WriteLang } from "../language.ts";
import { actOf } from "../voice.ts";

/** A writing task: an AI task whose draft is also shown as plain text. */
export interface DraftTask<Input, Output> extends AiTask<Input, Output> {
  render(draft: Output): string;
}

/** The system prompt of every writing task; the prompt names the language and the voice. */
export const SYSTEM_BASE =
  "You are Soundcheck's writing assistant for working musicians and the venues that hire them. " +
  "Write the way a thoughtful person would: warm, specific, varied sentences, no clichés, no " +
  "lists of facts. Write only in the language the request names. Use only the facts you are " +
  "given: never invent awards, names, venues, prices, dates or past bookings. Never quote a " +
  "gig listing's title; name the event the way people talk about it. Answer with JSON that " +
  "fits the schema.";

/** The prompt line that fixes the draft's language. */
export function languageLine(lang: WriteLang, field = true): string {
  return `Language: write every field in ${LANGUAGE_LABELS[lang]} (${lang}), whatever the ` +
    `language of the facts below${field ? `; set "language" to "${lang}"` : ""}.`;
}

const LANGUAGE_LABELS: Record<WriteLang, string> = {
  en: "English",
  es: "Spanish",
  fr: "French",
  de: "German",
  pt: "Portuguese",
};

/** Who speaks, for the live model: one person, or a group that must never read as one. */
export function voiceLine(m: MusicianFacts, person: "first" | "third"): string {
  const act = actOf(m);
  if (!act.group) {
    return person === "first"
      ? `Voice: ${m.stage_name} is a solo musician; write in the first person singular ("I").`
      : `Voice: ${m.stage_name} is a solo musician; write in the third person.`;
  }
  const what = `${m.stage_name} is a group (${act.kind ?? "band"}${
    act.members ? `, ${act.members} members` : ""
  }), not one person`;
  return person === "first"
    ? `Voice: ${what}. Write in the first person plural ("we", "our"); never "I'm ${m.stage_name}" ` +
      `or anything that makes the group sound like one musician.`
    : `Voice: ${what}. Write about the group as a whole ("the ${act.kind ?? "band"}", "they"); ` +
      `never describe it as a single player (not "a saxophonist").`;
}

// ---------------------------------------------------------------------------------------------
// Fact sheets for prompts

/** The musician's facts, one labelled line each, as a prompt quotes them. */
export function musicianSheet(m: MusicianFacts): string {
  const lines = [
    `Stage name: ${m.stage_name}`,
    `Instruments: ${m.instruments.join(", ") || "(none listed)"}`,
    `Genres: ${m.genres.join(", ") || "(none listed)"}`,
    `Skills: ${m.skills.join(", ") || "(none listed)"}`,
    `Languages: ${m.languages.join(", ") || "(none listed)"}`,
    `Based in: ${placeName(m.city, m.country) || "(not given)"}`,
  ];
  if (m.travel_radius_km) lines.push(`Travels up to: ${m.travel_radius_km} km`);
  const fee = formatRange(m.fee_min_minor, m.fee_max_minor, m.currency);
  if (fee) lines.push(`Usual fee: ${fee}`);
  if (m.bio?.trim()) lines.push(`Current bio: ${m.bio.trim().slice(0, 1200)}`);
  return lines.join("\n");
}

/** The gig's facts, one labelled line each, as a prompt quotes them. */
export function gigSheet(g: GigFacts): string {
  const lines = [
    `Title: ${g.title}`,
    `Kind: ${kindLabel(g.kind)}`,
    `Genres: ${g.genres.join(", ") || "(any)"}`,
    `Instruments wanted: ${g.instruments.join(", ") || "(any)"}`,
    `Starts: ${formatDay(g.starts_at, g.timezone)} at ${formatTime(g.starts_at, g.timezone)} (${
      g.timezone ?? "UTC"
    })`,
    `Length: ${g.duration_minutes} minutes`,
    `Place: ${g.remote ? "remote" : placeOf(g) || "(not given)"}`,
  ];
  const budget = formatRange(g.budget_min_minor, g.budget_max_minor, g.currency);
  if (budget) lines.push(`Budget: ${budget}`);
  if (g.client_name) lines.push(`Posted by: ${g.client_name}`);
  if (g.description?.trim()) lines.push(`Description: ${g.description.trim().slice(0, 1500)}`);
  return lines.join("\n");
}

function placeOf(g: GigFacts): string {
  return [g.venue_name, placeName(g.city, g.country)].filter(Boolean).join(", ");
}

// ---------------------------------------------------------------------------------------------
// Shared wording

/** "jazz and soul guitarist and singer". */
export function describeMusician(m: MusicianFacts, maxGenres = 2): string {
  const genres = m.genres.slice(0, maxGenres).map(genreLabel);
  const roles = m.instruments.slice(0, 2).map(roleNoun);
  const who = roles.length ? joinList(roles) : "musician";
  return genres.length ? `${joinList(genres)} ${who}` : who;
}

/** "a" or "an" before `phrase`. */
export function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) && !/^(uk|eu|one)/i.test(phrase) ? "an" : "a";
}

/** Up to `max` whole sentences of `text`, within `maxChars`. */
export function firstSentences(text: string | null, max: number, maxChars = 320): string {
  if (!text) return "";
  const sentences = text.replace(/\s+/g, " ").trim().match(/[^.!?]+[.!?]+|[^.!?]+$/g) ?? [];
  let out = "";
  for (const s of sentences.slice(0, max)) {
    if ((out + s).length > maxChars) break;
    out += s;
  }
  return out.trim();
}

/** `text` cut at a word boundary to at most `max` characters, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trimEnd() + "…";
}

/** A random source seeded by the facts: same facts, same draft. */
export function seedOf(...parts: unknown[]): () => number {
  return seededRandom(JSON.stringify(parts));
}
