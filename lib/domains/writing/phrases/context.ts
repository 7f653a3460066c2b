/**
 * The facts a phrasebook writes from, digested once per draft: who speaks (one person or a
 * group), what they do, where, and for a proposal how the gig is named, how far it is and what
 * the fee is, each already in the draft's language.
 *
 * @module
 */
import {
  canonical,
  type GigFacts,
  haversineKm,
  type MusicianFacts,
  seededRandom,
} from "../../gigs/facts.ts";
import { validZone } from "../../../shared/format.ts";
import { detectLanguage, LOCALE, type WriteLang } from "../language.ts";
import { type Act, actOf } from "../voice.ts";
import {
  cityIn,
  countryIn,
  type Doing,
  doingOf,
  kindNoun,
  type Noun,
  spokenLanguageIn,
} from "../lexicon.ts";
import { genreList, listIn, moneyIn, rangeIn } from "../grammar.ts";
import { type GigRef, gigRef } from "../gig_ref.ts";
import { skillIn } from "./skills.ts";
import { describeMusician } from "../tasks/writing.ts";

export type Rand = () => number;

/** One of `options`, chosen by `rand`. */
export function pick<T>(rand: Rand, options: readonly T[]): T {
  return options[Math.floor(rand() * options.length) % options.length];
}

export interface WhoFacts {
  lang: WriteLang;
  name: string;
  /** English role nouns: "jazz and soul guitarist and singer". */
  roles: string;
  /** What a second mention uses: the first name of a person, the name of a group. */
  short: string;
  act: Act;
  /** The group's noun ("quartet", "cuarteto"), for a group. */
  kind: Noun | null;
  doings: Doing[];
  /** The first two instruments' doings; `moreDoings` the rest. */
  mainDoings: Doing[];
  moreDoings: Doing[];
  /** The first two genres, then the rest, as lists in the language ("" when none). */
  genres: string;
  moreGenres: string;
  city: string | null;
  /** "Lisbon, Portugal" in the language, or "". */
  place: string;
  /** Skills the language can say (untranslatable ones are left out of other languages). */
  skills: string;
  languages: string;
  languageCount: number;
  radiusKm: number | null;
  /** Up to two sentences of their own bio worth keeping, when it is in this language. */
  own: string;
}

export interface ProposalFacts extends WhoFacts {
  ref: GigRef;
  /** The day to name after the reference: the date alone when the reference has the weekday. */
  when: string;
  /** What the gig asks for that they play, and shared genres, in the language. */
  sharedPlay: string;
  sharedGenres: string;
  gigGenres: string;
  gigCity: string | null;
  km: number | null;
  remote: boolean;
  minutes: number;
  /** The quote, when the currencies agree ("€600"). */
  fee: string | null;
  budget: string | null;
  /** null: no fee on the profile; false: above the budget. */
  feeFits: boolean | null;
}

/** Same facts, same draft. */
export function seedFor(...parts: unknown[]): Rand {
  return seededRandom(JSON.stringify(parts));
}

export function whoFacts(m: MusicianFacts, lang: WriteLang): WhoFacts {
  const act = actOf(m);
  const doings = m.instruments.map(doingOf);
  const first = m.stage_name.trim().split(/\s+/)[0];
  const short = act.group || /^(dj|mc|dr|the|el|la|le|los|les|der|die)$/i.test(first) ||
      first.length < 3
    ? m.stage_name.trim()
    : first;
  const skills = m.skills.map((s) => skillIn(s, lang)).filter((s): s is string => Boolean(s));
  const city = cityIn(m.city, lang);
  return {
    lang,
    name: m.stage_name.trim(),
    short,
    roles: describeMusician(m),
    act,
    kind: act.group ? kindNoun(act.kind ?? "band", lang) : null,
    doings,
    mainDoings: doings.slice(0, 2),
    moreDoings: doings.slice(2),
    genres: genreList(m.genres.slice(0, 2), lang),
    moreGenres: genreList(m.genres.slice(2), lang),
    city,
    place: [city, countryIn(m.country, lang)].filter(Boolean).join(", "),
    skills: listIn(skills.slice(0, 3), lang),
    languages: listIn(m.languages.map((l) => spokenLanguageIn(l, lang)), lang),
    languageCount: m.languages.length,
    radiusKm: m.travel_radius_km,
    own: ownSentences(m, lang, act),
  };
}

// A sentence that introduces the act again ("Ella Hart is a …"): the draft does that itself.
const IDENTITY = /^\S+(\s+\S+){0,4}\s+(is|are|es|son|est|sont|ist|sind|é|são)\s/i;
const FIRST_PERSON =
  /\b(i|i'm|my|we|we're|our|yo|soy|mi|nosotros|je|j'|mon|ma|nous|ich|mein|wir|eu|sou|meu|minha|nós)\b/i;

/** Up to two sentences of the profile's own bio, when it is in `lang`, minus re-introductions. */
function ownSentences(m: MusicianFacts, lang: WriteLang, act: Act): string {
  const bio = m.bio?.replace(/\s+/g, " ").trim();
  if (!bio || detectLanguage(bio) !== lang) return "";
  const sentences = bio.match(/[^.!?]+[.!?]+|[^.!?]+$/g) ?? [];
  const name = m.stage_name.trim().toLowerCase();
  const kept: string[] = [];
  let chars = 0;
  for (const raw of sentences) {
    const s = raw.trim();
    const lower = s.toLowerCase();
    const aboutThem = lower.startsWith(name) || lower.startsWith(name.split(" ")[0]);
    if (aboutThem && IDENTITY.test(s)) continue;
    if (IDENTITY.test(s) && /\b(based|basado|basée|basiert|baseado)\b/i.test(s)) continue;
    // A third-person bio keeps no "I"; a group's keeps no "she"/"he" about one of them.
    if (FIRST_PERSON.test(s)) continue;
    if (act.group && /^(she|he|her|his|ella|él|elle|il|sie|er|ela|ele)\b/i.test(s)) continue;
    if (s.length < 20 || chars + s.length > 320) continue;
    kept.push(/[.!?]$/.test(s) ? s : `${s}.`);
    chars += s.length;
    if (kept.length === 2) break;
  }
  return kept.join(" ");
}

export function proposalFacts(m: MusicianFacts, g: GigFacts, lang: WriteLang): ProposalFacts {
  const who = whoFacts(m, lang);
  const ref = gigRef(g, lang);
  const wantI = new Set(g.instruments.map(canonical));
  const wantG = new Set(g.genres.map(canonical));
  const sharedPlay = m.instruments.filter((i) => wantI.has(canonical(i))).map(doingOf)
    .flatMap((d) => d.verb === "play" ? [d.obj[lang]] : []);
  const sharedGenres = m.genres.filter((x) => wantG.has(canonical(x)));
  let km: number | null = null;
  if (!g.remote && g.lat != null && g.lng != null && m.lat != null && m.lng != null) {
    km = Math.round(haversineKm(m.lat, m.lng, g.lat, g.lng));
  }
  const cur = m.currency && g.currency && m.currency === g.currency ? g.currency : null;
  let fee: string | null = null;
  let feeFits: boolean | null = null;
  if (cur && m.fee_min_minor != null) {
    const max = g.budget_max_minor;
    feeFits = max == null || m.fee_min_minor <= max;
    const quote = max != null && m.fee_max_minor != null
      ? Math.max(m.fee_min_minor, Math.min(m.fee_max_minor, max))
      : m.fee_min_minor;
    fee = moneyIn(quote, cur, lang);
  }
  const weeklyRef = ref.nom.includes(ref.weekday);
  return {
    ...who,
    ref,
    when: weeklyRef ? dateOnly(g, lang) : ref.day,
    sharedPlay: listIn([...new Set(sharedPlay)], lang),
    sharedGenres: genreList(sharedGenres, lang),
    gigGenres: genreList(g.genres.slice(0, 2), lang),
    gigCity: cityIn(g.city, lang),
    km,
    remote: g.remote,
    minutes: g.duration_minutes,
    fee,
    budget: cur ? rangeIn(g.budget_min_minor, g.budget_max_minor, cur, lang) : null,
    feeFits,
  };
}

/** "11 December", "11 de diciembre", "11. Dezember". */
function dateOnly(g: GigFacts, lang: WriteLang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: validZone(g.timezone),
    day: "numeric",
    month: "long",
  }).format(new Date(g.starts_at));
}
