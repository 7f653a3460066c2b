/**
 * Genre profiles of the offline catalogue: the mood tags and the ranges of energy, valence,
 * danceability and tempo a track of the genre is drawn from (deterministically, see
 * catalogue.ts). Values are on Spotify's old audio-feature scales (0–1, tempo in BPM).
 *
 * @module
 */

export interface GenreProfile {
  /** Tags stored on each track of the group (the first is the group's main genre). */
  genres: string[];
  moods: string[];
  energy: [number, number];
  valence: [number, number];
  danceability: [number, number];
  tempo: [number, number];
  /** ISO 639-1 of the vocals; null for instrumental music. */
  language: string | null;
  /** Typical length in seconds. */
  seconds: [number, number];
}

interface Sound {
  e: [number, number];
  v: [number, number];
  d: [number, number];
  bpm: [number, number];
  s?: [number, number];
}

const p = (genres: string[], moods: string[], x: Sound, language: string | null): GenreProfile => ({
  genres,
  moods,
  energy: x.e,
  valence: x.v,
  danceability: x.d,
  tempo: x.bpm,
  language,
  seconds: x.s ?? [180, 270],
});

export const GENRES = {
  ambient: p(
    ["ambient", "instrumental"],
    ["calm", "focus", "sleep", "dreamy", "meditation"],
    { e: [0.05, 0.25], v: [0.15, 0.45], d: [0.1, 0.3], bpm: [60, 90], s: [240, 480] },
    null,
  ),
  piano: p(
    ["classical", "piano", "neoclassical", "instrumental"],
    ["calm", "focus", "sleep", "melancholic", "romantic"],
    { e: [0.05, 0.25], v: [0.15, 0.5], d: [0.2, 0.4], bpm: [60, 100], s: [180, 420] },
    null,
  ),
  orchestral: p(
    ["classical", "orchestral", "soundtrack", "instrumental"],
    ["epic", "energetic", "focus", "uplifting"],
    { e: [0.55, 0.9], v: [0.25, 0.6], d: [0.2, 0.45], bpm: [90, 150], s: [150, 330] },
    null,
  ),
  lofi: p(
    ["lo-fi", "chillhop", "hip hop", "instrumental"],
    ["chill", "focus", "calm"],
    { e: [0.25, 0.45], v: [0.35, 0.6], d: [0.55, 0.75], bpm: [70, 92], s: [120, 240] },
    null,
  ),
  downtempo: p(
    ["electronic", "downtempo", "chillout", "instrumental"],
    ["chill", "focus", "dreamy", "calm"],
    { e: [0.35, 0.6], v: [0.35, 0.6], d: [0.45, 0.7], bpm: [85, 115], s: [210, 330] },
    null,
  ),
  jazz: p(
    ["jazz"],
    ["chill", "calm", "romantic", "dinner", "focus"],
    { e: [0.15, 0.5], v: [0.3, 0.65], d: [0.35, 0.6], bpm: [70, 170], s: [200, 420] },
    null,
  ),
  bossa: p(
    ["bossa nova", "brazilian", "jazz"],
    ["chill", "romantic", "calm", "dinner", "happy"],
    { e: [0.2, 0.45], v: [0.5, 0.75], d: [0.55, 0.75], bpm: [110, 140], s: [150, 270] },
    "pt",
  ),
  mpb: p(
    ["mpb", "brazilian", "samba"],
    ["happy", "chill", "romantic", "nostalgic"],
    { e: [0.35, 0.75], v: [0.5, 0.85], d: [0.55, 0.8], bpm: [90, 130] },
    "pt",
  ),
  soul: p(
    ["soul", "r&b"],
    ["romantic", "chill", "happy", "dinner", "groovy"],
    { e: [0.35, 0.7], v: [0.45, 0.8], d: [0.55, 0.8], bpm: [70, 115] },
    "en",
  ),
  pop: p(
    ["pop"],
    ["happy", "party", "energetic", "uplifting"],
    { e: [0.6, 0.85], v: [0.55, 0.9], d: [0.65, 0.85], bpm: [100, 130], s: [170, 230] },
    "en",
  ),
  latin: p(
    ["latin", "reggaeton", "latin pop"],
    ["party", "happy", "energetic", "groovy"],
    { e: [0.65, 0.9], v: [0.6, 0.9], d: [0.75, 0.92], bpm: [88, 105], s: [180, 240] },
    "es",
  ),
  cantautor: p(
    ["cantautor", "latin", "acoustic"],
    ["calm", "romantic", "melancholic", "chill"],
    { e: [0.2, 0.5], v: [0.3, 0.6], d: [0.4, 0.65], bpm: [70, 115], s: [190, 280] },
    "es",
  ),
  flamenco: p(
    ["flamenco", "spanish guitar", "latin"],
    ["romantic", "energetic", "happy", "melancholic"],
    { e: [0.4, 0.8], v: [0.4, 0.75], d: [0.5, 0.7], bpm: [95, 140], s: [190, 330] },
    "es",
  ),
  salsa: p(
    ["salsa", "latin", "tropical"],
    ["party", "happy", "groovy", "energetic"],
    { e: [0.7, 0.9], v: [0.7, 0.95], d: [0.7, 0.88], bpm: [90, 110], s: [240, 420] },
    "es",
  ),
  chanson: p(
    ["chanson", "french"],
    ["romantic", "melancholic", "nostalgic", "calm"],
    { e: [0.2, 0.5], v: [0.25, 0.6], d: [0.35, 0.6], bpm: [70, 120], s: [150, 240] },
    "fr",
  ),
  frenchpop: p(
    ["french pop", "pop", "french"],
    ["happy", "party", "groovy", "energetic"],
    { e: [0.55, 0.85], v: [0.45, 0.8], d: [0.6, 0.85], bpm: [100, 125] },
    "fr",
  ),
  german: p(
    ["deutschpop", "pop", "german"],
    ["happy", "uplifting", "nostalgic", "party"],
    { e: [0.5, 0.8], v: [0.45, 0.8], d: [0.5, 0.75], bpm: [95, 130] },
    "de",
  ),
  rock: p(
    ["rock"],
    ["energetic", "driving", "workout", "uplifting"],
    { e: [0.7, 0.95], v: [0.4, 0.75], d: [0.4, 0.6], bpm: [105, 150], s: [200, 330] },
    "en",
  ),
  indie: p(
    ["indie", "folk", "acoustic"],
    ["calm", "melancholic", "sad", "dreamy", "chill"],
    { e: [0.15, 0.45], v: [0.15, 0.5], d: [0.35, 0.6], bpm: [70, 120], s: [180, 300] },
    "en",
  ),
  hiphop: p(
    ["hip hop", "rap"],
    ["energetic", "workout", "party", "groovy"],
    { e: [0.6, 0.9], v: [0.35, 0.7], d: [0.7, 0.92], bpm: [85, 100], s: [190, 290] },
    "en",
  ),
  house: p(
    ["electronic", "house", "dance", "edm"],
    ["party", "energetic", "workout", "happy"],
    { e: [0.75, 0.95], v: [0.5, 0.85], d: [0.7, 0.9], bpm: [120, 128], s: [190, 330] },
    "en",
  ),
  techno: p(
    ["electronic", "techno", "instrumental"],
    ["focus", "energetic", "workout", "dark"],
    { e: [0.6, 0.85], v: [0.2, 0.5], d: [0.6, 0.8], bpm: [120, 135], s: [270, 480] },
    null,
  ),
  metal: p(
    ["metal", "rock"],
    ["angry", "workout", "energetic", "dark"],
    { e: [0.85, 1], v: [0.15, 0.45], d: [0.35, 0.55], bpm: [100, 180], s: [230, 420] },
    "en",
  ),
  reggae: p(
    ["reggae"],
    ["chill", "happy", "uplifting", "groovy"],
    { e: [0.4, 0.65], v: [0.6, 0.9], d: [0.7, 0.85], bpm: [70, 90] },
    "en",
  ),
  blues: p(
    ["blues"],
    ["melancholic", "groovy", "sad", "nostalgic"],
    { e: [0.35, 0.7], v: [0.25, 0.6], d: [0.45, 0.65], bpm: [70, 125] },
    "en",
  ),
  country: p(
    ["country"],
    ["driving", "happy", "nostalgic", "uplifting"],
    { e: [0.45, 0.8], v: [0.45, 0.85], d: [0.5, 0.7], bpm: [90, 140] },
    "en",
  ),
  kpop: p(
    ["k-pop", "pop"],
    ["party", "energetic", "happy", "workout"],
    { e: [0.7, 0.92], v: [0.55, 0.9], d: [0.7, 0.88], bpm: [100, 130], s: [180, 230] },
    "ko",
  ),
  funk: p(
    ["funk", "disco", "soul"],
    ["party", "groovy", "happy", "energetic"],
    { e: [0.7, 0.9], v: [0.75, 0.97], d: [0.75, 0.92], bpm: [105, 125], s: [200, 330] },
    "en",
  ),
  italian: p(
    ["italian pop", "cantautore", "italian"],
    ["romantic", "nostalgic", "happy", "calm"],
    { e: [0.35, 0.7], v: [0.4, 0.75], d: [0.45, 0.7], bpm: [80, 125] },
    "it",
  ),
  japanese: p(
    ["j-pop", "city pop", "japanese"],
    ["nostalgic", "dreamy", "chill", "happy"],
    { e: [0.35, 0.7], v: [0.4, 0.75], d: [0.5, 0.75], bpm: [90, 125] },
    "ja",
  ),
  afro: p(
    ["afrobeats", "afrobeat", "african"],
    ["party", "groovy", "happy", "chill"],
    { e: [0.55, 0.85], v: [0.6, 0.9], d: [0.75, 0.9], bpm: [95, 115], s: [180, 330] },
    "en",
  ),
} as const satisfies Record<string, GenreProfile>;

export type GenreGroup = keyof typeof GENRES;
