/**
 * What the offline persona writer knows about a genre family (the studio's, synth/genres.ts), as
 * data: related genres, sound descriptors used as influences (never names), vocal styles, visual
 * motifs and palettes, content pillars, moods, a tempo range and a cadence. genre_style.ts
 * refines it for named genres.
 *
 * @module
 */
import type { Family } from "../../studio/synth/genres.ts";
import type { Cadence } from "../types.ts";

/** Data lists written compactly: items split on "|" and line ends. */
export const list = (s: string): string[] => s.split(/[|\n]/).map((x) => x.trim()).filter(Boolean);

export interface FamilyStyle {
  related: string[];
  influences: string[];
  vocals: string[];
  scenes: string[];
  /** Colour phrases (words art.ts reads) for the visual identity. */
  palettes: string[];
  pillars: string[];
  moods: string[];
  tempo: [number, number];
  cadence: Cadence;
}

const monthly = (releases: number, posts: number): Cadence => ({
  releases_per_month: releases,
  posts_per_week: posts,
});

export const FAMILY_STYLES: Record<Family, FamilyStyle> = {
  pop: {
    related: ["dance-pop", "synth-pop", "indie pop"],
    influences: list(`
      glossy 80s synth pads | gated-reverb drums | stacked vocal harmonies | bright plucked synths
      big singalong choruses | clean funk guitar licks
    `),
    vocals: [
      "clear, close-miked lead with stacked harmonies in the chorus",
      "breathy verses opening into a bright, belted chorus",
      "light, conversational lead with doubled hooks",
    ],
    scenes: ["a rooftop at golden hour", "a late-night city bus", "a mirror-ball dance floor"],
    palettes: ["pink and violet with gold", "coral and peach", "turquoise and magenta"],
    pillars: list(`
      behind the scenes in the studio | songwriting notes | dance challenges | outfits and looks
      fan covers and duets | everyday life
    `),
    moods: ["upbeat", "euphoric", "bittersweet"],
    tempo: [100, 124],
    cadence: monthly(1, 4),
  },
  rock: {
    related: ["indie rock", "alternative", "post-punk"],
    influences: list(`
      fuzzed-out guitars | driving eighth-note bass | live-room drums | shouted gang vocals
      jangly clean guitars | tape-saturated mixes
    `),
    vocals: [
      "raw, slightly hoarse lead with gang vocals on the chorus",
      "cool, half-spoken verses and a soaring chorus",
      "gritty mid-range lead, doubled in the loud parts",
    ],
    scenes: [
      "a sweaty basement gig",
      "an empty motorway at night",
      "a rehearsal room full of amps",
    ],
    palettes: ["black and red with silver", "orange and navy", "grey and amber"],
    pillars: list(`
      rehearsal clips | gear and pedalboards | life on tour | songwriting notes
      fan photos from shows | records that shaped the sound
    `),
    moods: ["energetic", "defiant", "restless"],
    tempo: [110, 140],
    cadence: monthly(1, 3),
  },
  hiphop: {
    related: ["trap", "boom bap", "r&b"],
    influences: list(`
      dusty sampled loops | booming 808s | crisp swung hi-hats | chopped soul samples
      half-time trap drums | late-night jazz chords
    `),
    vocals: [
      "laid-back, conversational flow with sung hooks",
      "sharp, percussive flow and ad-libs",
      "melodic rap that slides between singing and rapping",
    ],
    scenes: [
      "a corner shop at midnight",
      "a tower block rooftop",
      "a car parked under street lights",
    ],
    palettes: ["black and gold", "purple and teal", "red and cream"],
    pillars: list(`
      freestyles | behind the beat | neighbourhood stories | lyric breakdowns | fits and style
      fan verses
    `),
    moods: ["confident", "moody", "gritty"],
    tempo: [80, 100],
    cadence: monthly(2, 4),
  },
  electronic: {
    related: ["house", "techno", "synthwave"],
    influences: list(`
      four-on-the-floor kicks | rolling analogue basslines | filtered disco loops
      wide supersaw leads | dubby chord stabs | long hypnotic builds
    `),
    vocals: [
      "airy, processed vocal hooks used as an instrument",
      "mostly instrumental, with a chopped vocal hook",
      "soulful guest-style topline over the drops",
    ],
    scenes: ["a warehouse at sunrise", "a neon-lit tunnel", "a festival stage in the fog"],
    palettes: ["cyan and magenta neon", "violet and blue", "black and lime"],
    pillars: list(`
      studio sessions and synth patches | DJ sets | track breakdowns | crowd moments
      gear and setup | playlists for the week
    `),
    moods: ["euphoric", "hypnotic", "driving"],
    tempo: [120, 128],
    cadence: monthly(2, 3),
  },
  jazz: {
    related: ["soul jazz", "neo-soul", "lounge"],
    influences: list(`
      brushed snare and upright bass | warm Rhodes chords | muted trumpet lines
      modal piano vamps | smoky late-night club sound | walking bass
    `),
    vocals: [
      "warm, unhurried phrasing behind the beat",
      "smoky alto with scat breaks",
      "intimate, close-miked crooning",
    ],
    scenes: ["a small club after midnight", "rain on a café window", "a piano under a single lamp"],
    palettes: ["navy and amber", "deep green and gold", "burgundy and cream"],
    pillars: list(`
      live takes | standards reimagined | practice sessions | stories behind the tunes
      gig nights | listening recommendations
    `),
    moods: ["relaxed", "smoky", "romantic"],
    tempo: [90, 140],
    cadence: monthly(1, 3),
  },
  lofi: {
    related: ["chillhop", "jazz hop", "downtempo"],
    influences: list(`
      vinyl crackle | detuned Rhodes | lazy swung drums | tape wobble | soft jazz guitar samples
      rain-window ambience
    `),
    vocals: [
      "instrumental, with the odd hummed or spoken fragment",
      "soft, whispered vocal snippets",
      "mostly instrumental, with a muffled vocal sample",
    ],
    scenes: ["a desk lamp at 2 a.m.", "a tram window in the rain", "a sleepy bedroom studio"],
    palettes: ["peach and lavender", "teal and cream", "pastel pink and blue"],
    pillars: list(`
      study-with-me streams | beat-making timelapses | cosy rooms | playlists for focus
      sample digging | quiet city walks
    `),
    moods: ["calm", "nostalgic", "cosy"],
    tempo: [70, 90],
    cadence: monthly(2, 3),
  },
  folk: {
    related: ["indie folk", "americana", "singer-songwriter"],
    influences: list(`
      fingerpicked acoustic guitar | close harmony singing | warm room reverb
      banjo and fiddle colour | stripped-back live takes | story-driven verses
    `),
    vocals: [
      "plain-spoken, intimate lead with close harmonies",
      "warm, slightly husky storytelling voice",
      "fragile, airy lead that builds into the chorus",
    ],
    scenes: ["a kitchen table with a guitar", "a field at dusk", "a coastal road in winter"],
    palettes: ["sage green and cream", "brown and gold", "grey and blue"],
    pillars: list(`
      songs in the kitchen | stories behind the songs | walks and landscapes | handwritten lyrics
      small shows | instrument care
    `),
    moods: ["nostalgic", "warm", "melancholic"],
    tempo: [80, 110],
    cadence: monthly(1, 3),
  },
  rnb: {
    related: ["neo-soul", "funk", "pop"],
    influences: list(`
      silky Rhodes chords | deep sub bass | tight finger-snap grooves | lush layered harmonies
      slow-jam drums | wah guitar touches
    `),
    vocals: [
      "smooth, agile lead with layered harmonies and runs",
      "soft falsetto verses and a full-voiced chorus",
      "warm, husky lead with whispered ad-libs",
    ],
    scenes: ["a velvet-lit bedroom", "a city skyline after rain", "a slow drive at night"],
    palettes: ["burgundy and gold", "purple and rose", "brown and amber"],
    pillars: list(`
      vocal runs and harmonies | late-night sessions | love and relationships | self-care
      covers and mashups | style and looks
    `),
    moods: ["romantic", "sensual", "smooth"],
    tempo: [65, 95],
    cadence: monthly(1, 3),
  },
  latin: {
    related: ["reggaeton", "latin pop", "bossa nova"],
    influences: list(`
      dembow rhythm | nylon-string guitar | bright brass stabs | congas and timbales
      sun-warmed synth leads | call-and-response choruses
    `),
    vocals: [
      "warm, rhythmic lead with call-and-response hooks",
      "smooth crooning verses and a chanted chorus",
      "playful, half-rapped verses over a sung hook",
    ],
    scenes: ["a street party at dusk", "a beach bar under fairy lights", "a bright city market"],
    palettes: ["orange and turquoise", "yellow and magenta", "coral and teal"],
    pillars: list(`
      dance steps | city and neighbourhood | family and roots | behind the scenes in the studio
      fan dance videos | summer nights
    `),
    moods: ["sunny", "flirtatious", "festive"],
    tempo: [88, 105],
    cadence: monthly(1, 4),
  },
  ambient: {
    related: ["downtempo", "cinematic", "neo-classical"],
    influences: list(`
      slow evolving pads | granular textures | felt piano | field recordings | long reverb tails
      drifting drones
    `),
    vocals: ["instrumental", "wordless, washed-out vocal pads", "soft, distant vocal fragments"],
    scenes: [
      "fog over still water",
      "a mountain ridge at dawn",
      "an empty gallery with tall windows",
    ],
    palettes: ["white and pale blue", "grey and sage green", "indigo and silver"],
    pillars: list(`
      field-recording walks | studio textures | slow living | music for focus and sleep
      visual moodboards | listening notes
    `),
    moods: ["calm", "dreamy", "meditative"],
    tempo: [60, 80],
    cadence: monthly(1, 2),
  },
};
