/**
 * A track's reason, in plain words and in the prompt's language: what the track is (its genre)
 * and how it stands to what was asked ("Piano with the calm feel you asked for, good for
 * studying"; "Piano con el ambiente tranquilo que pediste, ideal para estudiar"), plus the detail
 * of the prompt that found it and whether a Soundcheck musician made it. No counts, scores or
 * search labels: those are the ranking's business. Languages other than the lexicon's five read
 * English.
 *
 * @module
 */
import { type Lang, LANGS, type MoodKey } from "./lexicon_words.ts";
import { capitalise, PURPOSES } from "./lexicon_labels.ts";
import {
  A_TRACK,
  AS_ASKED,
  FEEL,
  FITS,
  GENRE_NAMES,
  GOOD_FOR,
  MADE_HERE,
  MATCHES_DETAIL,
  RELATION,
  type Relation,
} from "./reason_words.ts";

export type { Relation };

/** What the ranking knows about why a track is there. */
export interface ReasonFacts {
  /** The plan's language (ISO 639-1); anything but the five known reads English. */
  language: string;
  /** The genre to name the track by (a catalogue tag, lower case), or null. */
  genre: string | null;
  /** Whether the prompt asked for that genre. */
  genreAsked: boolean;
  /** The feeling the reason speaks of (one the prompt asked for), or null. */
  feel: MoodKey | null;
  /** How the track stands to `feel`; null when nothing is known. */
  relation: Relation | null;
  /** The activity the prompt named (study, sleep…), said when the track suits it. */
  activity: MoodKey | null;
  /** A detail of the prompt, in its own words, whose search found the track. */
  detail: string | null;
  /** A song made on the platform (studio or virtual artist). */
  platform: boolean;
}

/** The lexicon's language for an ISO code: English for the ones it does not know. */
export function reasonLang(language: string): Lang {
  return (LANGS as readonly string[]).includes(language) ? language as Lang : "en";
}

/** A genre's name in `lang`, capitalised ("Música clásica", "Lo-fi", "R&B"). */
export function genreName(genre: string, lang: Lang): string {
  const named = GENRE_NAMES[genre]?.[lang];
  if (named) return named;
  const special: Record<string, string> = {
    "lo-fi": "Lo-fi",
    "r&b": "R&B",
    "k-pop": "K-pop",
    "j-pop": "J-pop",
    mpb: "MPB",
    edm: "EDM",
  };
  return special[genre] ?? capitalise(genre);
}

const fill = (template: string, key: string, value: string) => template.replace(`{${key}}`, value);

/** The reason: one line, at most 300 characters. */
export function reasonText(f: ReasonFacts): string {
  const lang = reasonLang(f.language);
  const subject = f.genre ? genreName(f.genre, lang) : null;
  const feel = f.feel ? FEEL[f.feel]?.[lang] : undefined;
  const purpose = f.activity ? PURPOSES[f.activity]?.[lang] : undefined;
  const parts: string[] = [];
  if (feel && f.relation) {
    const clause = fill(RELATION[f.relation][lang], "f", feel);
    const joiner = f.relation === "livelier" || f.relation === "softer" ? ", " : " ";
    parts.push(`${subject ?? A_TRACK[lang]}${joiner}${clause}`);
    if (purpose) parts[0] += `, ${fill(GOOD_FOR[lang], "p", purpose)}`;
  } else if (purpose && f.relation) {
    parts.push(`${subject ?? A_TRACK[lang]}, ${fill(GOOD_FOR[lang], "p", purpose)}`);
  } else if (subject && f.genreAsked) {
    parts.push(fill(AS_ASKED[lang], "g", subject));
  } else {
    const what = subject ?? A_TRACK[lang];
    parts.push(fill(FITS[lang], "g", what));
  }
  let text = `${parts[0]}.`;
  if (f.detail) text += ` ${fill(MATCHES_DETAIL[lang], "d", f.detail)}`;
  if (f.platform) text += ` ${MADE_HERE[lang]}`;
  return text.slice(0, 300);
}
