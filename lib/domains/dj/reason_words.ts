/**
 * The words of a track's reason in English, Spanish, Portuguese, French and German (reasons.ts
 * puts them together). Each language gets whole clauses rather than glued words, so grammar
 * (gender, German cases) stays right: the requested feeling is always an adjective on one fixed
 * noun per language ("feel", ambiente, clima, ambiance, Stimmung).
 *
 * @module
 */
import type { Lang, MoodKey } from "./lexicon_words.ts";

type PerLang = Record<Lang, string>;

/**
 * The feeling as an adjective of that noun: es/pt masculine (ambiente, clima), fr feminine
 * (ambiance), de the stem (declined by the clause: "der ruhigen Stimmung", "die ruhige Stimmung").
 */
export const FEEL: Partial<Record<MoodKey, PerLang>> = {
  calm: { en: "calm", es: "tranquilo", pt: "calmo", fr: "calme", de: "ruhig" },
  chill: { en: "relaxed", es: "relajado", pt: "tranquilo", fr: "détendue", de: "entspannt" },
  happy: { en: "happy", es: "alegre", pt: "alegre", fr: "joyeuse", de: "fröhlich" },
  sad: { en: "sad", es: "triste", pt: "triste", fr: "triste", de: "traurig" },
  melancholic: {
    en: "melancholic",
    es: "melancólico",
    pt: "melancólico",
    fr: "mélancolique",
    de: "melancholisch",
  },
  nostalgic: {
    en: "nostalgic",
    es: "nostálgico",
    pt: "nostálgico",
    fr: "nostalgique",
    de: "nostalgisch",
  },
  energetic: {
    en: "energetic",
    es: "enérgico",
    pt: "energético",
    fr: "énergique",
    de: "energiegeladen",
  },
  romantic: {
    en: "romantic",
    es: "romántico",
    pt: "romântico",
    fr: "romantique",
    de: "romantisch",
  },
  angry: { en: "angry", es: "intenso", pt: "intenso", fr: "rageuse", de: "wütend" },
  dreamy: { en: "dreamy", es: "soñador", pt: "sonhador", fr: "rêveuse", de: "verträumt" },
  epic: { en: "epic", es: "épico", pt: "épico", fr: "épique", de: "episch" },
  uplifting: { en: "uplifting", es: "positivo", pt: "positivo", fr: "positive", de: "positiv" },
  groovy: { en: "groovy", es: "con groove", pt: "com groove", fr: "groovy", de: "groovig" },
  dark: { en: "dark", es: "oscuro", pt: "sombrio", fr: "sombre", de: "düster" },
};

/** How a track stands to the requested feeling. */
export type Relation = "has" | "close" | "livelier" | "softer" | "for";

/** The clause for each relation; `{f}` is the feeling (German: `{f}` + the right ending). */
export const RELATION: Record<Relation, PerLang> = {
  has: {
    en: "with the {f} feel you asked for",
    es: "con el ambiente {f} que pediste",
    pt: "com o clima {f} que você pediu",
    fr: "avec l'ambiance {f} que tu as demandée",
    de: "mit der {f}en Stimmung, die du wolltest",
  },
  close: {
    en: "close to the {f} feel you asked for",
    es: "cerca del ambiente {f} que pediste",
    pt: "perto do clima {f} que você pediu",
    fr: "proche de l'ambiance {f} que tu as demandée",
    de: "nah an der {f}en Stimmung, die du wolltest",
  },
  livelier: {
    en: "a little livelier than the {f} feel you asked for",
    es: "con algo más de energía que el ambiente {f} que pediste",
    pt: "com um pouco mais de energia que o clima {f} que você pediu",
    fr: "un peu plus énergique que l'ambiance {f} que tu as demandée",
    de: "etwas lebhafter als die {f}e Stimmung, die du wolltest",
  },
  softer: {
    en: "a little softer than the {f} feel you asked for",
    es: "algo más suave que el ambiente {f} que pediste",
    pt: "um pouco mais suave que o clima {f} que você pediu",
    fr: "avec un peu moins d'énergie que l'ambiance {f} que tu as demandée",
    de: "etwas sanfter als die {f}e Stimmung, die du wolltest",
  },
  for: {
    en: "for the {f} feel you asked for",
    es: "para el ambiente {f} que pediste",
    pt: "para o clima {f} que você pediu",
    fr: "pour l'ambiance {f} que tu as demandée",
    de: "für die {f}e Stimmung, die du wolltest",
  },
};

/** "good for studying": `{p}` is the activity's purpose (lexicon_labels.ts PURPOSES). */
export const GOOD_FOR: PerLang = {
  en: "good {p}",
  es: "ideal {p}",
  pt: "ideal {p}",
  fr: "idéal {p}",
  de: "ideal {p}",
};

/** A track named by no genre. */
export const A_TRACK: PerLang = {
  en: "A track",
  es: "Un tema",
  pt: "Uma faixa",
  fr: "Un morceau",
  de: "Ein Stück",
};

/** A track of a genre the prompt named; `{g}` the genre. */
export const AS_ASKED: PerLang = {
  en: "{g}, as you asked",
  es: "{g}, como pediste",
  pt: "{g}, como você pediu",
  fr: "{g}, comme tu l'as demandé",
  de: "{g}, wie gewünscht",
};

/** Nothing more specific to say; `{g}` the track's genre or "a track". */
export const FITS: PerLang = {
  en: "{g} that fits your request",
  es: "{g} que encaja con tu petición",
  pt: "{g} que combina com o seu pedido",
  fr: "{g} qui correspond à ta demande",
  de: "{g}, passend zu deiner Anfrage",
};

/** A detail of the prompt that found the track; `{d}` in the prompt's own words. */
export const MATCHES_DETAIL: PerLang = {
  en: "Matches “{d}” from your request.",
  es: "Encaja con «{d}» de tu petición.",
  pt: "Combina com “{d}” do seu pedido.",
  fr: "Correspond à « {d} » de ta demande.",
  de: "Passt zu „{d}“ aus deiner Anfrage.",
};

/** The platform's own songs say where they come from. */
export const MADE_HERE: PerLang = {
  en: "Made by a Soundcheck musician.",
  es: "Hecha por un músico de Soundcheck.",
  pt: "Feita por um músico do Soundcheck.",
  fr: "Faite par un musicien de Soundcheck.",
  de: "Von einem Soundcheck-Musiker.",
};

/** Genre names that are not the same word in every language (the rest: genreLabel). */
export const GENRE_NAMES: Record<string, PerLang> = {
  piano: { en: "Piano", es: "Piano", pt: "Piano", fr: "Piano", de: "Klavier" },
  classical: {
    en: "Classical",
    es: "Música clásica",
    pt: "Música clássica",
    fr: "Musique classique",
    de: "Klassik",
  },
  neoclassical: {
    en: "Neoclassical",
    es: "Neoclásica",
    pt: "Neoclássica",
    fr: "Néoclassique",
    de: "Neoklassik",
  },
  orchestral: {
    en: "Orchestral music",
    es: "Música orquestal",
    pt: "Música orquestral",
    fr: "Musique orchestrale",
    de: "Orchestermusik",
  },
  acoustic: {
    en: "Acoustic",
    es: "Música acústica",
    pt: "Música acústica",
    fr: "Musique acoustique",
    de: "Akustik",
  },
  electronic: {
    en: "Electronic",
    es: "Electrónica",
    pt: "Eletrônica",
    fr: "Électro",
    de: "Elektronik",
  },
  soundtrack: {
    en: "Soundtrack",
    es: "Banda sonora",
    pt: "Trilha sonora",
    fr: "Bande originale",
    de: "Filmmusik",
  },
  latin: {
    en: "Latin",
    es: "Música latina",
    pt: "Música latina",
    fr: "Musique latine",
    de: "Latin",
  },
  brazilian: {
    en: "Brazilian music",
    es: "Música brasileña",
    pt: "Música brasileira",
    fr: "Musique brésilienne",
    de: "Brasilianische Musik",
  },
  french: {
    en: "French pop",
    es: "Pop francés",
    pt: "Pop francês",
    fr: "Pop française",
    de: "Französischer Pop",
  },
  german: {
    en: "German pop",
    es: "Pop alemán",
    pt: "Pop alemão",
    fr: "Pop allemande",
    de: "Deutschpop",
  },
  italian: {
    en: "Italian pop",
    es: "Pop italiano",
    pt: "Pop italiano",
    fr: "Pop italienne",
    de: "Italo-Pop",
  },
  cantautor: {
    en: "Singer-songwriter",
    es: "Cantautor",
    pt: "Cantautor",
    fr: "Auteur-compositeur",
    de: "Liedermacher",
  },
  "spanish guitar": {
    en: "Spanish guitar",
    es: "Guitarra española",
    pt: "Guitarra espanhola",
    fr: "Guitare espagnole",
    de: "Spanische Gitarre",
  },
  "latin pop": {
    en: "Latin pop",
    es: "Pop latino",
    pt: "Pop latino",
    fr: "Pop latine",
    de: "Latin-Pop",
  },
};
