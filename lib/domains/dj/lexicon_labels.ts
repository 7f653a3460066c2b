/**
 * How the offline DJ names a playlist and describes it in the prompt's language: an adjective
 * for "music" per mood, a purpose phrase per activity, and a sentence template per language.
 *
 * @module
 */
import type { Lang, MoodKey } from "./lexicon_words.ts";

type PerLang = Record<Lang, string>;

/** "Calm music", "Música tranquila", "Ruhige Musik": the adjective for each feeling. */
export const ADJECTIVES: Partial<Record<MoodKey, PerLang>> = {
  calm: { en: "calm", es: "tranquila", pt: "calma", fr: "calme", de: "ruhige" },
  chill: { en: "chilled", es: "relajada", pt: "tranquila", fr: "détendue", de: "entspannte" },
  happy: { en: "happy", es: "alegre", pt: "alegre", fr: "joyeuse", de: "fröhliche" },
  sad: { en: "sad", es: "triste", pt: "triste", fr: "triste", de: "traurige" },
  melancholic: {
    en: "melancholic",
    es: "melancólica",
    pt: "melancólica",
    fr: "mélancolique",
    de: "melancholische",
  },
  nostalgic: {
    en: "nostalgic",
    es: "nostálgica",
    pt: "nostálgica",
    fr: "nostalgique",
    de: "nostalgische",
  },
  energetic: {
    en: "energetic",
    es: "enérgica",
    pt: "energética",
    fr: "énergique",
    de: "energiegeladene",
  },
  romantic: {
    en: "romantic",
    es: "romántica",
    pt: "romântica",
    fr: "romantique",
    de: "romantische",
  },
  angry: { en: "angry", es: "intensa", pt: "intensa", fr: "rageuse", de: "wütende" },
  dreamy: { en: "dreamy", es: "soñadora", pt: "sonhadora", fr: "rêveuse", de: "verträumte" },
  epic: { en: "epic", es: "épica", pt: "épica", fr: "épique", de: "epische" },
  uplifting: { en: "uplifting", es: "positiva", pt: "positiva", fr: "positive", de: "positive" },
  groovy: { en: "groovy", es: "con groove", pt: "com groove", fr: "groovy", de: "groovige" },
  dark: { en: "dark", es: "oscura", pt: "sombria", fr: "sombre", de: "düstere" },
};

/** "for studying", "para estudiar", "zum Lernen": the purpose of each activity. */
export const PURPOSES: Partial<Record<MoodKey, PerLang>> = {
  focus: {
    en: "for studying",
    es: "para estudiar",
    pt: "para estudar",
    fr: "pour étudier",
    de: "zum Lernen",
  },
  sleep: {
    en: "for sleeping",
    es: "para dormir",
    pt: "para dormir",
    fr: "pour dormir",
    de: "zum Schlafen",
  },
  workout: {
    en: "for working out",
    es: "para entrenar",
    pt: "para treinar",
    fr: "pour le sport",
    de: "fürs Training",
  },
  party: {
    en: "for the party",
    es: "para la fiesta",
    pt: "para a festa",
    fr: "pour la fête",
    de: "für die Party",
  },
  dinner: {
    en: "for dinner",
    es: "para la cena",
    pt: "para o jantar",
    fr: "pour le dîner",
    de: "zum Abendessen",
  },
  driving: {
    en: "for the road",
    es: "para la carretera",
    pt: "para a estrada",
    fr: "pour la route",
    de: "für die Fahrt",
  },
  meditation: {
    en: "for meditation",
    es: "para meditar",
    pt: "para meditar",
    fr: "pour méditer",
    de: "zum Meditieren",
  },
};

export const MUSIC: PerLang = {
  en: "music",
  es: "música",
  pt: "música",
  fr: "musique",
  de: "Musik",
};
export const AND: PerLang = { en: "and", es: "y", pt: "e", fr: "et", de: "und" };
export const WITH: PerLang = { en: "with", es: "con", pt: "com", fr: "avec", de: "mit" };
export const SIGNATURE: PerLang = {
  en: "Picked by the Soundcheck AI DJ.",
  es: "Seleccionada por el DJ IA de Soundcheck.",
  pt: "Escolhida pelo DJ IA do Soundcheck.",
  fr: "Choisie par le DJ IA de Soundcheck.",
  de: "Ausgewählt vom KI-DJ von Soundcheck.",
};

/** "Calm music for studying" in `lang`; German and English put the adjective first. */
export function musicPhrase(lang: Lang, adjectives: string[], purpose: string | null): string {
  const adj = adjectives.join(` ${AND[lang]} `);
  const core = lang === "en" || lang === "de"
    ? [adj, MUSIC[lang]].filter(Boolean).join(" ")
    : [MUSIC[lang], adj].filter(Boolean).join(" ");
  return [core, purpose].filter(Boolean).join(" ");
}

export function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** "a, b and c" in `lang`. */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${AND[lang]} ${items.at(-1)}`;
}
