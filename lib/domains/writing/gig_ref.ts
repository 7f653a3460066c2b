/**
 * How a person names a gig in a message: "your Friday jazz night at The Blue Door", "la boda en
 * Quinta da Aveleda", never the listing's title in quotes. The event is read from the title and
 * description (brunch, wedding, jam, recording session …), else from the kind and the hour.
 *
 * @module
 */
import { localHour } from "../../shared/format.ts";
import type { GigFacts } from "../gigs/facts.ts";
import { genreIn, type Noun } from "./lexicon.ts";
import { dayIn, timeIn, weekdayIn } from "./grammar.ts";
import type { WriteLang } from "./language.ts";

export const EVENTS = [
  "ceremony",
  "wedding",
  "brunch",
  "jam",
  "session",
  "party",
  "dinner",
  "festival",
  "corporate",
  "lesson",
  "reception",
  "night",
  "show",
] as const;
export type EventKind = typeof EVENTS[number];

const CUES: [RegExp, EventKind][] = [
  [/\b(ceremony|ceremonia|cérémonie|trauung|cerimónia|cerimônia)\b/i, "ceremony"],
  [/\b(wedding|boda|mariage|hochzeit|casamento)\b/i, "wedding"],
  [/\bbrunch\b/i, "brunch"],
  [/\bjam\b/i, "jam"],
  [
    /\b(recording|tracking|ep|album|studio|grabación|enregistrement|aufnahme|gravação)\b/i,
    "session",
  ],
  [/\b(birthday|party|fiesta|fête|geburtstag|festa|aniversário|cumpleaños)\b/i, "party"],
  [/\b(dinner|cena|dîner|abendessen|jantar)\b/i, "dinner"],
  [/\bfestival\b/i, "festival"],
  [/\b(corporate|gala|company|empresa|entreprise|firmen\w*)\b/i, "corporate"],
  [/\b(lessons?|workshop|masterclass|clases?|cours|unterricht|aulas?)\b/i, "lesson"],
  [/\b(reception|recepción|réception|empfang|receção)\b/i, "reception"],
];

/** What kind of event the gig is. */
export function eventOf(g: GigFacts): EventKind {
  const text = `${g.title} ${g.description ?? ""}`;
  if (g.kind === "session") return /\bjam\b/i.test(text) ? "jam" : "session";
  if (g.kind === "teaching") return "lesson";
  for (const [re, ev] of CUES) if (re.test(text)) return ev;
  return localHour(g.starts_at, g.timezone) >= 17 ? "night" : "show";
}

/** Events that recur, where "your Friday …" reads naturally; the rest get "the …". */
const WEEKLY = new Set<EventKind>(["night", "brunch", "dinner", "jam", "show"]);
/** Events a genre qualifies ("jazz brunch"); a wedding is not a "jazz wedding". */
const GENRED = new Set<EventKind>(["night", "brunch", "dinner", "jam", "session", "show", "party"]);

const NOUNS: Record<EventKind, Record<WriteLang, Noun>> = {
  ceremony: n("ceremony", ["ceremonia", "f"], ["cérémonie", "f"], ["Trauung", "f"], [
    "cerimónia",
    "f",
  ]),
  wedding: n("wedding", ["boda", "f"], ["mariage", "m"], ["Hochzeit", "f"], ["casamento", "m"]),
  brunch: n("brunch", ["brunch", "m"], ["brunch", "m"], ["Brunch", "m"], ["brunch", "m"]),
  jam: n("jam session", ["jam session", "f"], ["jam session", "f"], ["Jam-Session", "f"], [
    "jam session",
    "f",
  ]),
  session: n("session", ["sesión", "f"], ["session", "f"], ["Session", "f"], ["sessão", "f"]),
  party: n("party", ["fiesta", "f"], ["fête", "f"], ["Party", "f"], ["festa", "f"]),
  dinner: n("dinner", ["cena", "f"], ["dîner", "m"], ["Dinner", "n"], ["jantar", "m"]),
  festival: n("festival", ["festival", "m"], ["festival", "m"], ["Festival", "n"], [
    "festival",
    "m",
  ]),
  corporate: n("event", ["evento", "m"], ["événement", "m"], ["Firmenevent", "n"], [
    "evento",
    "m",
  ]),
  lesson: n("lessons", ["clase", "f"], ["cours", "m"], ["Unterricht", "m"], ["aula", "f"]),
  reception: n("reception", ["recepción", "f"], ["réception", "f"], ["Empfang", "m"], [
    "receção",
    "f",
  ]),
  night: n("night", ["noche", "f"], ["soirée", "f"], ["Abend", "m"], ["noite", "f"]),
  show: n("gig", ["concierto", "m"], ["concert", "m"], ["Konzert", "n"], ["concerto", "m"]),
};

type Pair = [string, Noun["gender"]];
function n(en: string, es: Pair, fr: Pair, de: Pair, pt: Pair): Record<WriteLang, Noun> {
  const x = ([word, gender]: Pair): Noun => ({ word, gender });
  return { en: { word: en, gender: "n" }, es: x(es), fr: x(fr), de: x(de), pt: x(pt) };
}

/** The gig as a message names it, in three German cases (the other languages use one form). */
export interface GigRef {
  event: EventKind;
  /** "your Friday jazz night at The Blue Door" (nominative). */
  nom: string;
  /** After "for": "Ihren Jazz-Abend am Freitag" in German, else as `nom`. */
  acc: string;
  /** The short form after "for" in a subject line: "your Friday jazz night", "Ihren Jazz-Abend". */
  short: string;
  /** Without article or place: "Friday jazz night", "noche de jazz del viernes". */
  core: string;
  /** Without the weekday too: "jazz night", "noche de jazz", "Jazz-Abend". */
  bare: string;
  /** The event's noun, for articles that agree with it. */
  noun: Noun;
  /** "Friday 11 December". */
  day: string;
  /** "20:30". */
  time: string;
  weekday: string;
}

/** A stand-in title such as "{gig_title}" (the auto-apply template) is named as it is. */
const PLACEHOLDER = /^\{[a-z_]+\}$/;

export function gigRef(g: GigFacts, lang: WriteLang): GigRef {
  const event = eventOf(g);
  const day = dayIn(g.starts_at, g.timezone, lang);
  const time = timeIn(g.starts_at, g.timezone, lang);
  const weekday = weekdayIn(g.starts_at, g.timezone, lang);
  const common = { event, day, time, weekday };
  if (PLACEHOLDER.test(g.title.trim())) {
    const t = g.title.trim();
    const at = g.venue_name ? ` ${AT[lang]} ${g.venue_name}` : "";
    const noun = NOUNS[event][lang];
    return { ...common, nom: `${t}${at}`, acc: `${t}${at}`, short: t, core: t, bare: t, noun };
  }
  const noun = NOUNS[event][lang];
  const genre = GENRED.has(event) && g.genres[0] ? genreIn(g.genres[0], lang) : null;
  const weekly = WEEKLY.has(event);
  const venue = g.remote ? null : g.venue_name?.trim() || null;
  const at = venue ? ` ${AT[lang]} ${venue}` : g.remote ? ` ${ONLINE[lang]}` : "";
  let core: string, bare: string;
  switch (lang) {
    case "en":
      bare = [genre ?? "", noun.word].filter(Boolean).join(" ");
      core = weekly ? `${weekday} ${bare}` : bare;
      break;
    case "es":
    case "pt":
      bare = `${noun.word}${genre ? ` de ${genre}` : ""}`;
      core = `${bare}${weekly ? ` ${lang === "es" ? "del" : "de"} ${weekday}` : ""}`;
      break;
    case "fr":
      bare = `${noun.word}${genre ? ` ${genre}` : ""}`;
      core = `${bare}${weekly ? ` du ${weekday}` : ""}`;
      break;
    case "de":
      bare = genre && !genre.includes(" ") ? `${genre}-${noun.word}` : noun.word;
      core = `${bare}${weekly ? ` am ${weekday}` : ""}`;
      break;
  }
  const [nom, acc, short] = possessed(core, noun, lang, weekly, at);
  return { ...common, nom, acc, short, core, bare, noun };
}

const AT: Record<WriteLang, string> = { en: "at", es: "en", fr: "à", de: "in", pt: "em" };
const ONLINE: Record<WriteLang, string> = {
  en: "online",
  es: "en línea",
  fr: "en ligne",
  de: "online",
  pt: "online",
};

/** "your …" for what recurs at the venue, "the …" for one-off occasions. */
function possessed(
  core: string,
  noun: Noun,
  lang: WriteLang,
  yours: boolean,
  at: string,
): [string, string, string] {
  const f = noun.gender === "f";
  let nom: string, acc: string;
  switch (lang) {
    case "en":
      nom = acc = `${yours ? "your" : "the"} ${core}`;
      break;
    case "es":
      nom = acc = yours ? `su ${core}` : `${f ? "la" : "el"} ${core}`;
      break;
    case "fr":
      nom = acc = yours
        ? `votre ${core}`
        : `${/^[aeiouhé]/i.test(core) ? "l'" : f ? "la " : "le "}${core}`;
      break;
    case "pt":
      nom = acc = yours ? `${f ? "a sua" : "o seu"} ${core}` : `${f ? "a" : "o"} ${core}`;
      break;
    case "de":
      if (yours) {
        nom = `${f ? "Ihre" : "Ihr"} ${core}`;
        acc = `${f ? "Ihre" : noun.gender === "m" ? "Ihren" : "Ihr"} ${core}`;
      } else {
        nom = `${f ? "die" : noun.gender === "m" ? "der" : "das"} ${core}`;
        acc = `${f ? "die" : noun.gender === "m" ? "den" : "das"} ${core}`;
      }
      break;
  }
  return [`${nom}${at}`, `${acc}${at}`, acc];
}
