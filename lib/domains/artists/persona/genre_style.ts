/**
 * A genre's style: its family's (styles.ts), refined for a few named genres whose tempo,
 * neighbours or sound differ ("drum and bass" is not 120 BPM, sertanejo is not synth-pop), and
 * the moods a brief's tone words suggest.
 *
 * @module
 */
import { type Family, familyOf } from "../../studio/synth/genres.ts";
import { FAMILY_STYLES, type FamilyStyle, list } from "./styles.ts";

/** Named genres whose tempo or neighbours differ from their family's. */
const AFRO = list(`
  log-drum basslines | syncopated shakers | highlife guitar lines | call-and-response chants
  warm, airy synth pads
`);

type Override = Partial<Pick<FamilyStyle, "tempo" | "related" | "influences" | "scenes">>;

const GENRE_OVERRIDES: [RegExp, Override][] = [
  [/drum (?:and|&|n) bass|\bdnb\b|jungle/, {
    tempo: [170, 176],
    related: ["liquid funk", "jungle"],
  }],
  [/dubstep/, { tempo: [138, 142] }],
  [/techno/, { tempo: [125, 135], related: ["minimal", "house"] }],
  [/trance/, { tempo: [132, 140] }],
  [/\bhouse\b/, { tempo: [120, 126], related: ["deep house", "disco"] }],
  [/synthwave|retrowave/, { tempo: [85, 110], related: ["synth-pop", "darkwave"] }],
  [/\btrap\b/, { tempo: [130, 150], related: ["hip hop", "drill"] }],
  [/\bdrill\b/, { tempo: [138, 145], related: ["trap", "grime"] }],
  [/boom bap/, { tempo: [85, 95] }],
  [/reggaeton|dembow/, { tempo: [88, 100], related: ["latin trap", "dancehall"] }],
  [/afrobeats?|afropop/, {
    tempo: [100, 115],
    related: ["amapiano", "dancehall"],
    influences: AFRO,
  }],
  [/amapiano/, { tempo: [110, 116], related: ["afro house", "afrobeats"], influences: AFRO }],
  [/sertanejo/, {
    tempo: [85, 110],
    related: ["country pop", "piseiro"],
    influences: list(`
      ten-string viola caipira | accordion fills | duet harmonies in thirds
      strummed steel-string guitar | arena-sized choruses
    `),
    scenes: ["a truck stop at dusk", "a rodeo arena in lights", "a farmhouse porch"],
  }],
  [/chanson|variete/, {
    tempo: [70, 110],
    related: ["french pop", "cabaret"],
    influences: list(`
      accordion and upright piano | string quartet swells | spoken-word verses
      nylon-string guitar | café-cabaret waltz time
    `),
    scenes: ["a Paris-style zinc bar at night", "a rainy boulevard", "a small theatre stage"],
  }],
  [/flamenco/, {
    related: ["nuevo flamenco", "rumba"],
    influences: list(`
      rasgueado flamenco guitar | palmas hand-claps | cajón grooves | melismatic vocal runs
      modern trap-style low end
    `),
  }],
  [/cantautor|singer-songwriter/, { related: ["folk", "acoustic pop"] }],
  [/bossa/, { tempo: [110, 135], related: ["mpb", "jazz"] }],
  [/k-?pop/, {
    tempo: [100, 130],
    related: ["dance-pop", "r&b"],
    influences: list(`
      genre-switching song sections | hard-hitting dance breaks | rap verses into sung choruses
      polished vocal stacks | punchy synth-brass hooks
    `),
  }],
  [/punk/, { tempo: [150, 190], related: ["garage rock", "post-punk"] }],
  [/metal/, { tempo: [110, 160], related: ["hard rock", "metalcore"] }],
  [/disco/, { tempo: [110, 125], related: ["funk", "house"] }],
  [/ballad/, { tempo: [60, 80] }],
];

/** The family style of `genre`, with its named genre's tempo and neighbours when known. */
export function styleFor(genre: string): FamilyStyle & { family: Family } {
  const family = familyOf(genre);
  const base = FAMILY_STYLES[family];
  const g = genre.toLowerCase();
  const override = GENRE_OVERRIDES.find(([re]) => re.test(g))?.[1] ?? {};
  return { ...base, ...override, family };
}

/** Tone words and the moods they suggest. */
const TONE_MOODS: [RegExp, string][] = [
  [/\bwarm/, "warm"],
  [/iron|wry|dry|sarcas|cheek|playful|witty|funny/, "playful"],
  [/dark|brood|gloom/, "dark"],
  [/melanchol|sad|wistful|bittersweet/, "melancholic"],
  [/happy|joy|cheer|sunny|bright/, "joyful"],
  [/energ|loud|wild|fierce/, "energetic"],
  [/calm|gentle|soft|quiet|serene/, "calm"],
  [/romantic|tender|sensual/, "romantic"],
  [/confident|bold|brash|swagger/, "confident"],
  [/dream|ethereal|hazy/, "dreamy"],
  [/nostalg|retro/, "nostalgic"],
  [/hope|uplift|optimis/, "hopeful"],
  [/angry|rage|defiant|rebel/, "defiant"],
  [/mysterious|enigmatic/, "mysterious"],
];

/** Moods a tone suggests, in the order its words say them. */
export function toneMoods(tone: string): string[] {
  const t = tone.toLowerCase();
  return TONE_MOODS.filter(([re]) => re.test(t)).map(([, mood]) => mood);
}
