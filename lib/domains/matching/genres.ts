/**
 * Genre families: the genres a booker treats as neighbours ("we asked for jazz, a swing band will
 * do"). Keys are canonical terms (`canonical` in lib/domains/gigs/facts.ts folds "hip-hop",
 * "R&B", "house" and the like first), values the family's name.
 *
 * @module
 */
import { canonical } from "../gigs/facts.ts";

const FAMILIES: Record<string, string[]> = {
  jazz: ["jazz", "swing", "bebop", "bigband", "fusion", "blues", "dixieland", "ragtime"],
  soul: ["soul", "funk", "rnb", "gospel", "motown", "disco", "neosoul"],
  rock: ["rock", "indie", "punk", "metal", "grunge", "alternative", "rocknroll", "emo", "garage"],
  pop: ["pop", "kpop", "dance", "synthpop"],
  electronic: ["electronic", "dnb", "trance", "ambient", "dubstep", "garage", "breakbeat"],
  hiphop: ["hiphop", "trap", "grime", "drill"],
  classical: ["classical", "baroque", "opera", "chamber", "choral", "romantic", "contemporary"],
  folk: ["folk", "country", "bluegrass", "americana", "celtic", "songwriter", "acoustic"],
  latin: ["latin", "tango", "flamenco", "fado", "cumbia", "bachata", "mpb", "merengue"],
  caribbean: ["reggae", "ska", "dub", "dancehall", "afrobeat", "afrobeats", "calypso", "soca"],
};

/** Family names in a fixed order: a match vector keeps a slot per family (vector.ts). */
export const FAMILY_NAMES = Object.keys(FAMILIES);

const FAMILY_OF = new Map<string, string>();
for (const [family, genres] of Object.entries(FAMILIES)) {
  for (const g of genres) if (!FAMILY_OF.has(g)) FAMILY_OF.set(g, family);
}

/** The family of a genre as typed, or undefined for one the table does not know. */
export function familyOf(genre: string): string | undefined {
  return FAMILY_OF.get(canonical(genre));
}

/** The distinct families of a tag list. */
export function familiesOf(genres: string[]): Set<string> {
  const out = new Set<string>();
  for (const g of genres) {
    const f = familyOf(g);
    if (f) out.add(f);
  }
  return out;
}
