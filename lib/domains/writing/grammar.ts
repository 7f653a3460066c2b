/**
 * Small grammar for the offline writer's five languages: lists ("a, b y c", with Spanish "e"
 * before an i-sound), what someone does conjugated by person ("toco el piano y canto"), articles
 * by gender, and dates and money in the language's locale.
 *
 * @module
 */
import { formatDay, formatMoney, formatTime, validZone } from "../../shared/format.ts";
import { type Doing, genreIn, type Noun } from "./lexicon.ts";
import { LOCALE, type WriteLang } from "./language.ts";

/** Who does it: he/she/it (or the group's name), I, we, they. */
export type Person = "3s" | "1s" | "1p" | "3p";

const AND: Record<WriteLang, string> = { en: "and", es: "y", fr: "et", de: "und", pt: "e" };

/** "a", "a and b", "a, b and c", in `lang` (Spanish "y" becomes "e" before an i-sound). */
export function listIn(items: string[], lang: WriteLang): string {
  const xs = items.filter(Boolean);
  if (xs.length <= 1) return xs[0] ?? "";
  const last = xs.at(-1)!;
  let conj = AND[lang];
  if (lang === "es" && /^h?i(?![aeiouáéó])/i.test(last)) conj = "e";
  return `${xs.slice(0, -1).join(", ")} ${conj} ${last}`;
}

const VERBS: Record<Exclude<Doing["verb"], "play">, Record<WriteLang, Record<Person, string>>> = {
  sing: {
    en: p("sings", "sing", "sing", "sing"),
    es: p("canta", "canto", "cantamos", "cantan"),
    fr: p("chante", "chante", "chantons", "chantent"),
    de: p("singt", "singe", "singen", "singen"),
    pt: p("canta", "canto", "cantamos", "cantam"),
  },
  dj: {
    en: p("DJs", "DJ", "DJ", "DJ"),
    es: p("pincha", "pincho", "pinchamos", "pinchan"),
    fr: p("mixe", "mixe", "mixons", "mixent"),
    de: p("legt auf", "lege auf", "legen auf", "legen auf"),
    pt: p("passa música", "passo música", "passamos música", "passam música"),
  },
  produce: {
    en: p("produces", "produce", "produce", "produce"),
    es: p("produce", "produzco", "producimos", "producen"),
    fr: p("produit", "produis", "produisons", "produisent"),
    de: p("produziert", "produziere", "produzieren", "produzieren"),
    pt: p("produz", "produzo", "produzimos", "produzem"),
  },
  write: {
    en: p("writes songs", "write songs", "write songs", "write songs"),
    es: p("escribe canciones", "escribo canciones", "escribimos canciones", "escriben canciones"),
    fr: p(
      "écrit des chansons",
      "écris des chansons",
      "écrivons des chansons",
      "écrivent des chansons",
    ),
    de: p("schreibt Songs", "schreibe Songs", "schreiben Songs", "schreiben Songs"),
    pt: p("escreve canções", "escrevo canções", "escrevemos canções", "escrevem canções"),
  },
};
const PLAY: Record<WriteLang, Record<Person, string>> = {
  en: p("plays", "play", "play", "play"),
  es: p("toca", "toco", "tocamos", "tocan"),
  fr: p("joue", "joue", "jouons", "jouent"),
  de: p("spielt", "spiele", "spielen", "spielen"),
  pt: p("toca", "toco", "tocamos", "tocam"),
};

function p(s3: string, s1: string, p1: string, p3: string): Record<Person, string> {
  return { "3s": s3, "1s": s1, "1p": p1, "3p": p3 };
}

/**
 * What `doings` amount to, as a verb phrase without its subject: "plays guitar and double bass
 * and sings", "toco el piano y canto", "jouons du violon et de l'alto". Empty when there is
 * nothing to say.
 */
export function doingPhrase(doings: Doing[], lang: WriteLang, person: Person): string {
  const plays = doings.flatMap((d) => d.verb === "play" ? [d.obj[lang]] : []);
  const clauses: string[] = [];
  if (plays.length) clauses.push(`${PLAY[lang][person]} ${listIn(unique(plays), lang)}`);
  for (const verb of ["sing", "dj", "produce", "write"] as const) {
    if (doings.some((d) => d.verb === verb)) clauses.push(VERBS[verb][lang][person]);
  }
  return listIn(clauses, lang);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Genres in `lang`, as a list: "jazz y soul", "Jazz und Soul". */
export function genreList(genres: string[], lang: WriteLang): string {
  return listIn(unique(genres.map((g) => genreIn(g, lang))), lang);
}

/** "a"/"an", "un"/"una", "un"/"une", "ein"/"eine" (nominative), "um"/"uma". */
export function indefinite(noun: Noun, lang: WriteLang): string {
  const f = noun.gender === "f";
  switch (lang) {
    case "en":
      return /^[aeiou]/i.test(noun.word) ? "an" : "a";
    case "es":
      return f ? "una" : "un";
    case "fr":
      return f ? "une" : "un";
    case "de":
      return f ? "eine" : "ein";
    case "pt":
      return f ? "uma" : "um";
  }
}

/** "the", "el"/"la", "le"/"la"/"l'", "der"/"die"/"das", "o"/"a": before `noun`, nominative. */
export function definite(noun: Noun, lang: WriteLang): string {
  const f = noun.gender === "f";
  switch (lang) {
    case "en":
      return "the ";
    case "es":
      return f ? "la " : "el ";
    case "fr":
      return /^[aeiouhœ]/i.test(noun.word) ? "l'" : f ? "la " : "le ";
    case "de":
      return f ? "die " : noun.gender === "m" ? "der " : "das ";
    case "pt":
      return f ? "a " : "o ";
  }
}

/** "the quartet", "el cuarteto", "l'ensemble", "das Quartett". */
export function theNoun(noun: Noun, lang: WriteLang): string {
  return `${definite(noun, lang)}${noun.word}`;
}

/** "Friday 11 December", "viernes, 11 de diciembre", "Freitag, 11. Dezember". */
export function dayIn(at: Date | string, tz: string | null, lang: WriteLang): string {
  return formatDay(at, tz, LOCALE[lang]);
}

/** "20:30" (French "20 h 30" reads as people write it). */
export function timeIn(at: Date | string, tz: string | null, lang: WriteLang): string {
  const t = formatTime(at, tz, LOCALE[lang]);
  return lang === "fr" ? t.replace(/:00$/, " h").replace(":", " h ") : t;
}

/** "Friday", "viernes", "vendredi", "Freitag", "sexta-feira". */
export function weekdayIn(at: Date | string, tz: string | null, lang: WriteLang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone: validZone(tz), weekday: "long" })
    .format(new Date(at));
}

/** "€600", "600 €": money as `lang` writes it. */
export function moneyIn(minor: number, currency: string, lang: WriteLang): string {
  return formatMoney(minor, currency, LOCALE[lang]);
}

/** "€400–€600" / "400–600 €", or one amount when both ends agree. */
export function rangeIn(
  min: number | null,
  max: number | null,
  currency: string | null,
  lang: WriteLang,
): string | null {
  if (!currency || min == null || max == null) return null;
  if (min === max) return moneyIn(min, currency, lang);
  return `${moneyIn(min, currency, lang)}–${moneyIn(max, currency, lang)}`;
}

/** The first letter in upper case. */
export function cap(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Joins sentences with single spaces and tidies what templates can leave behind. */
export function tidy(sentences: string[]): string {
  return sentences.filter(Boolean).map((s) => s.trim()).join(" ")
    .replace(/[ \t]{2,}/g, " ")
    // French puts a space before ; : ! ? and keeps it; a space before , or . is a slip.
    .replace(/\s+([,.])(?!\d)/g, "$1")
    .replace(/\.\./g, ".")
    .trim();
}
