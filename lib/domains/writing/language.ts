/**
 * Which language a draft is written in: the one the user asked for, else the language of what
 * they wrote themselves (their bio, their gig's description), else their browser's
 * Accept-Language, else English. The detector is deliberately light: function words and a few
 * letters that only one of the five languages uses.
 *
 * @module
 */
import { isWriteLang, WRITE_LANGS, type WriteLang } from "../../shared/write_languages.ts";

export { isWriteLang, LANGUAGE_NAMES, WRITE_LANGS } from "../../shared/write_languages.ts";
export type { WriteLang } from "../../shared/write_languages.ts";

/** The locale each language formats dates and money in. */
export const LOCALE: Record<WriteLang, string> = {
  en: "en-GB",
  es: "es-ES",
  fr: "fr-FR",
  de: "de-DE",
  pt: "pt-PT",
};

// Short, frequent words; a word shared by two languages counts for both.
const FUNCTION_WORDS: Record<WriteLang, Set<string>> = {
  en: words(
    "the and of to in is are with for on at from my our we i an this that it be have has who " +
      "years play plays playing also based since their her his",
  ),
  es: words(
    "el la los las y de del en con para por que es un una mi mis nuestro nuestra somos soy toco " +
      "tocamos años música desde también muy como se al lo su sus está hemos tengo",
  ),
  pt: words(
    "o os as e de do da dos das em no na com para por que é um uma meu minha nosso nossa somos " +
      "sou toco tocamos anos música desde também muito como ao seu sua está temos tenho",
  ),
  fr: words(
    "le la les et de du des en dans avec pour par que est un une mon ma mes notre nous je sommes " +
      "suis joue jouons ans musique depuis aussi très comme au aux son sa ses avons",
  ),
  de: words(
    "der die das und von mit für auf ist ein eine mein meine unser wir ich sind bin spiele " +
      "spielen jahre musik seit auch sehr wie im am zu den dem sein seine hat habe",
  ),
};

function words(s: string): Set<string> {
  return new Set(s.split(" "));
}

// Letters that give a language away on their own.
const LETTERS: [RegExp, WriteLang][] = [
  [/[ñ¿¡]/g, "es"],
  [/[ãõ]/g, "pt"],
  [/[ßäöü]/g, "de"],
  [/[èêëœùû]/g, "fr"],
];

/**
 * The language of `text`, or null when it is too short or too mixed to tell (fewer than three
 * telling words, or no clear winner).
 */
export function detectLanguage(text: string | null | undefined): WriteLang | null {
  if (!text) return null;
  const score = languageScores(text);
  const ranked = WRITE_LANGS.map((l) => [l, score[l]] as const).sort((a, b) => b[1] - a[1]);
  const [[best, top], [, second]] = ranked;
  if (top < 3 || top < second * 1.25) return null;
  return best;
}

/** How much of `text` reads as each language: telling words, plus half a point a telling letter. */
export function languageScores(text: string): Record<WriteLang, number> {
  const lower = text.toLowerCase();
  const score: Record<WriteLang, number> = { en: 0, es: 0, fr: 0, de: 0, pt: 0 };
  for (const w of lower.split(/[^\p{L}']+/u)) {
    if (!w) continue;
    for (const lang of WRITE_LANGS) if (FUNCTION_WORDS[lang].has(w)) score[lang] += 1;
  }
  for (const [re, lang] of LETTERS) score[lang] += (lower.match(re)?.length ?? 0) * 0.5;
  return score;
}

/** Short text (a title) that reads more as another language than as `lang`. */
export function readsForeign(text: string, lang: WriteLang): boolean {
  const score = languageScores(text);
  return Math.max(...Object.values(score)) > score[lang];
}

/** The first supported language of an Accept-Language header, by its q-values. */
export function acceptedLanguage(header: string | null | undefined): WriteLang | null {
  if (!header) return null;
  const ranked = header.split(",").map((part, i) => {
    const [tag, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    return {
      lang: tag.trim().slice(0, 2).toLowerCase(),
      q: Number.isFinite(weight) ? weight : 0,
      i,
    };
  }).filter((x) => x.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isWriteLang) ?? null;
}

/** Why a draft is in its language, for the UI and the logs. */
export type LanguageReason = "request" | "text" | "browser" | "default";

export interface LanguageChoice {
  language: WriteLang;
  reason: LanguageReason;
}

/**
 * The draft's language: `requested`, else the first of `ownTexts` whose language is clear, else
 * the Accept-Language header, else the first clear one of `otherTexts` (e.g. the gig a musician
 * answers), else English.
 */
export function chooseLanguage(o: {
  requested?: WriteLang | null;
  ownTexts?: (string | null | undefined)[];
  acceptLanguage?: string | null;
  otherTexts?: (string | null | undefined)[];
}): LanguageChoice {
  if (o.requested) return { language: o.requested, reason: "request" };
  for (const t of o.ownTexts ?? []) {
    const l = detectLanguage(t);
    if (l) return { language: l, reason: "text" };
  }
  const browser = acceptedLanguage(o.acceptLanguage);
  if (browser) return { language: browser, reason: "browser" };
  for (const t of o.otherTexts ?? []) {
    const l = detectLanguage(t);
    if (l) return { language: l, reason: "text" };
  }
  return { language: "en", reason: "default" };
}
