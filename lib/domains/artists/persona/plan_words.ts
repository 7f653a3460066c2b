/**
 * The offline content planner's other words: hashtags (the artist, the genre, the pillar's kind,
 * new music on releases), visual suggestions per pillar kind, release titles in English, Spanish
 * and Portuguese, and song themes (English: the studio reads them).
 *
 * @module
 */
import type { CaptionLang, PillarKind } from "./captions.ts";

/** Data lists written compactly: items split on "|" and line ends. */
const list = (s: string): string[] => s.split(/[|\n]/).map((x) => x.trim()).filter(Boolean);

const KIND_TAGS: Record<CaptionLang, Record<PillarKind, string>> = {
  en: {
    studio: "#studiolife",
    writing: "#songwriting",
    live: "#livemusic",
    fans: "#fancover",
    style: "#musicstyle",
    place: "#citysounds",
    listening: "#playlist",
    life: "#artistlife",
  },
  es: {
    studio: "#estudio",
    writing: "#composicion",
    live: "#musicaenvivo",
    fans: "#fans",
    style: "#estilo",
    place: "#ciudad",
    listening: "#playlist",
    life: "#vidadeartista",
  },
  pt: {
    studio: "#estudio",
    writing: "#composicao",
    live: "#aovivo",
    fans: "#fas",
    style: "#estilo",
    place: "#cidade",
    listening: "#playlist",
    life: "#vidadeartista",
  },
};

const NEW_MUSIC: Record<CaptionLang, string> = {
  en: "#newmusic",
  es: "#musicanueva",
  pt: "#musicanova",
};

/** "Luna Vale" → "#LunaVale", "r&b" → "#rnb"; null when nothing is left. */
export function hashtag(text: string, camel = false): string | null {
  const words = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/&/g, "n")
    .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const body = camel
    ? words.map((w) => w[0].toUpperCase() + w.slice(1)).join("")
    : words.join("").toLowerCase();
  return body ? `#${body}` : null;
}

/** A post's hashtags: the artist, the genre, the pillar's kind and, on releases, new music. */
export function hashtags(
  lang: CaptionLang,
  kind: PillarKind,
  name: string,
  genre: string,
  release: boolean,
): string[] {
  const tags = [hashtag(name, true), hashtag(genre), KIND_TAGS[lang][kind]];
  if (release) tags.push(NEW_MUSIC[lang]);
  return [...new Set(tags.filter((t): t is string => t !== null))];
}

/** What to show with a post of `kind`. */
export const VISUALS: Record<PillarKind, string[]> = {
  studio: ["hands on the mixing desk in low light", "a synth and a notebook, shot from above"],
  writing: ["a handwritten lyric sheet", "a close-up of a pen over a notebook page"],
  live: ["a wide shot of the crowd from the stage", "a rehearsal clip, shot handheld"],
  fans: ["a split-screen with a fan's cover", "a short dance clip to the hook"],
  style: ["a full-length outfit shot against a plain wall", "a flat lay of the look's pieces"],
  place: ["a street at dusk with the city lights coming on", "a walk filmed at eye level"],
  listening: ["a phone screen with the playlist, hand in frame", "headphones on a window sill"],
  life: ["a quiet morning scene with coffee", "a candid portrait by a window"],
};

/** Release titles: first word × second word (English, Spanish, Portuguese). */
export const TITLE_WORDS: Record<CaptionLang, [string[], string[], string]> = {
  en: [
    ["Midnight", "Golden", "Slow", "Electric", "Paper", "Neon", "Quiet", "Wild", "Silver", "Late"],
    list(`
      Hearts | Summer | Signals | Avenue | Tides | Lights | Letters | Rooms | Weather | Roads
    `),
    " ",
  ],
  es: [
    ["Noche", "Corazón", "Verano", "Ciudad", "Luz", "Fuego", "Cielo", "Marea", "Carta", "Ruta"],
    list(`
      Neón | Papel | Plata | Madrugada | Septiembre | Cristal | Azúcar | Tormenta | Sal | Humo
    `),
    " de ",
  ],
  pt: [
    ["Noite", "Coração", "Verão", "Cidade", "Luz", "Fogo", "Céu", "Maré", "Carta", "Estrada"],
    list(`
      Neon | Papel | Prata | Madrugada | Setembro | Vidro | Açúcar | Tempestade | Sal | Fumaça
    `),
    " de ",
  ],
};

/** What a release's song is about (English: the studio reads it). */
export const THEMES = list(`
  the last bus home after a long night | a summer that ended too soon
  leaving a small town for the city | dancing alone in the kitchen | a letter that was never sent
  the city waking up at dawn | falling for a stranger on a train
  keeping a promise made years ago | a friendship that survived everything
  the quiet before a big decision
`);
