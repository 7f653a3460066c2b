/**
 * Genre families: the synthesiser knows ten (pop, rock, hip hop, electronic/house, jazz, lo-fi,
 * folk/acoustic, r&b/soul, latin, ambient) and maps any genre text onto the nearest one by its
 * words, pop when none matches.
 *
 * @module
 */

export const FAMILIES = [
  "pop",
  "rock",
  "hiphop",
  "electronic",
  "jazz",
  "lofi",
  "folk",
  "rnb",
  "latin",
  "ambient",
] as const;
export type Family = (typeof FAMILIES)[number];

/** Words (matched at word starts, longest first) that place a genre in a family. */
const WORDS: [Family, string[]][] = [
  ["lofi", ["lo-fi", "lofi", "lo fi", "chillhop", "chill hop", "study beats", "bedroom"]],
  ["hiphop", [
    "hip hop",
    "hip-hop",
    "hiphop",
    "rap",
    "trap",
    "drill",
    "boom bap",
    "grime",
    "phonk",
  ]],
  ["rnb", ["r&b", "rnb", "r and b", "soul", "neo-soul", "funk", "motown", "gospel", "quiet storm"]],
  ["latin", [
    "latin",
    "salsa",
    "reggaeton",
    "bossa",
    "samba",
    "cumbia",
    "bachata",
    "merengue",
    "tango",
    "flamenco",
    "mambo",
    "cha cha",
    "afro-cuban",
    "dembow",
    "reggae",
    "dancehall",
    "afrobeat",
  ]],
  ["electronic", [
    "electronic",
    "house",
    "techno",
    "edm",
    "trance",
    "dance",
    "electro",
    "dubstep",
    "drum and bass",
    "dnb",
    "garage",
    "synthwave",
    "disco",
    "club",
    "idm",
    "breakbeat",
  ]],
  ["jazz", ["jazz", "swing", "bebop", "big band", "bop", "fusion", "blues", "lounge", "ragtime"]],
  ["ambient", [
    "ambient",
    "drone",
    "new age",
    "cinematic",
    "soundtrack",
    "score",
    "meditation",
    "classical",
    "orchestral",
    "downtempo",
    "chillout",
    "piano solo",
  ]],
  ["folk", [
    "folk",
    "acoustic",
    "country",
    "bluegrass",
    "americana",
    "singer-songwriter",
    "singer songwriter",
    "celtic",
    "unplugged",
  ]],
  ["rock", [
    "rock",
    "metal",
    "punk",
    "grunge",
    "indie",
    "alternative",
    "emo",
    "hardcore",
    "shoegaze",
    "garage rock",
  ]],
  ["pop", ["pop", "k-pop", "j-pop", "synth-pop", "dance-pop", "ballad", "top 40"]],
];

/**
 * The family of a genre (and subgenre, which wins when it names one). In a compound the last
 * genre word is the noun ("indie pop" → pop, "pop punk" → rock, "latin jazz" → jazz), except
 * lo-fi, a production style that wins wherever it stands ("lo-fi hip hop"). Unknown → pop.
 */
export function familyOf(genre: string, subgenre?: string | null): Family {
  for (const text of [subgenre, genre]) {
    if (!text) continue;
    const t = ` ${text.toLowerCase().replace(/[_/]+/g, " ")} `;
    let best: { family: Family; len: number; at: number } | null = null;
    for (const [family, words] of WORDS) {
      for (const w of words) {
        const at = t.search(new RegExp(`[^a-z0-9&]${w.replace(/[-&]/g, "\\$&")}`));
        if (at < 0) continue;
        if (family === "lofi") return family;
        if (!best || at > best.at || (at === best.at && w.length > best.len)) {
          best = { family, len: w.length, at };
        }
      }
    }
    if (best) return best.family;
  }
  return "pop";
}
