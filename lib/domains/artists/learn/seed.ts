/**
 * Deterministic made-up performance data for tests, the bench and a browser journey: one artist's
 * tracks with features, and one metric row per track, day and country, as a streaming service's
 * export would have them. Each track's rows start on its release (releases a week apart) and
 * decay from a launch peak to a long tail; followers grow steadily. With `effect: "tempo"` a
 * faster track is saved more (about 3 % of streams at 80 BPM rising to 9 % at 140 BPM, with
 * modest per-track noise); with `effect: "noise"` every rate is independent of every feature.
 *
 * @module
 */
import { seededRandom } from "../../gigs/facts.ts";
import { PITCHES } from "../../studio/plan.ts";
import type { MetricRow, TrackFacts, TrackFeatures } from "../types.ts";

export interface SeedOptions {
  tracks: number;
  /** Days of rows per track, from its release. */
  days: number;
  /** How many countries (at most SEED_COUNTRIES.length). */
  countries: number;
  effect: "tempo" | "noise";
  seed: number;
  /** The first track's release date (ISO); 2025-01-06 by default. */
  start?: string;
}

export interface SeededArtist {
  tracks: { title: string; features: TrackFeatures }[];
  rows: MetricRow[];
}

export const SEED_COUNTRIES = [
  "US",
  "GB",
  "DE",
  "BR",
  "FR",
  "MX",
  "JP",
  "ES",
  "IT",
  "CA",
  "AU",
  "NL",
  "SE",
  "PL",
] as const;
export const SEED_GENRES = ["synth-pop", "indie pop", "dance-pop"];
export const SEED_MOODS = ["happy", "chill", "melancholic", "energetic"];
export const SEED_PILLARS = ["behind the scenes", "lyrics", "live clips", "fan replies"];

const ADJECTIVES = [
  "Neon",
  "Quiet",
  "Golden",
  "Paper",
  "Electric",
  "Late",
  "Blue",
  "Wild",
  "Velvet",
  "Static",
];
const NOUNS = [
  "Harbour",
  "Summer",
  "Signals",
  "Rooms",
  "Avenue",
  "Hearts",
  "Tides",
  "Lights",
  "Echoes",
  "Rain",
];

const DAY_MS = 86_400_000;

/** Standard normal deviates from a uniform source (Box–Muller, both values used). */
function normals(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - rand(), v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

function titleOf(i: number): string {
  const t = `${ADJECTIVES[i % 10]} ${NOUNS[Math.floor(i / 10) % 10]}`;
  return i < 100 ? t : `${t} ${Math.floor(i / 100) + 1}`;
}

/** The seeded artist: `tracks × days × countries` rows, the same for the same options. */
export function seedArtistData(o: SeedOptions): SeededArtist {
  const rand = seededRandom(`artist-seed:${o.seed}:${o.effect}`);
  const normal = normals(rand);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const startMs = Date.parse(`${o.start ?? "2025-01-06"}T00:00:00Z`);
  const countries = SEED_COUNTRIES.slice(
    0,
    Math.max(1, Math.min(o.countries, SEED_COUNTRIES.length)),
  );
  // Smaller markets stream less and follow less.
  const weight = countries.map((_, c) => 1 / (1 + 0.35 * c));
  const span = (o.tracks - 1) * 7 + o.days;
  const dates = Array.from(
    { length: span },
    (_, a) => new Date(startMs + a * DAY_MS).toISOString().slice(0, 10),
  );
  const followers = countries.map((_, c) => 5000 * weight[c] * (0.8 + 0.4 * rand()));

  const tracks: SeededArtist["tracks"] = [];
  const rows: MetricRow[] = [];
  for (let i = 0; i < o.tracks; i++) {
    const tempo = 80 + Math.round(rand() * 60);
    const sections = 4 + Math.floor(rand() * 6);
    const features: TrackFeatures = {
      tempo_bpm: tempo,
      energy: Math.round((0.2 + 0.7 * rand()) * 100) / 100,
      key: pick(PITCHES),
      mode: rand() < 0.5 ? "major" : "minor",
      loudness_lufs: Math.round((-14 + 2 * normal()) * 10) / 10,
      sections,
      duration_s: Math.round(150 + rand() * 90),
      genre: pick(SEED_GENRES),
      mood: pick(SEED_MOODS),
      posts: Math.floor(rand() * 21),
      pillar: pick(SEED_PILLARS),
    };
    const title = titleOf(i);
    tracks.push({ title, features });

    const saveRate = o.effect === "tempo"
      ? (0.03 + (0.06 * (tempo - 80)) / 60) * Math.exp(0.12 * normal())
      : 0.055 * Math.exp(0.3 * normal());
    const skipRate = Math.min(0.9, 0.22 * Math.exp(0.2 * normal()));
    const peak = 120 * Math.exp(0.6 * normal());
    const tau = 20 + 60 * rand();
    const tail = 0.15 + 0.2 * rand();
    const release = i * 7;
    for (let d = 0; d < o.days; d++) {
      const a = release + d;
      const shape = tail + (1 - tail) * Math.exp(-d / tau);
      for (let c = 0; c < countries.length; c++) {
        const mu = peak * weight[c] * shape;
        const streams = Math.max(0, Math.round(mu + Math.sqrt(mu) * normal()));
        const share = (p: number) =>
          Math.min(
            streams,
            Math.max(0, Math.round(streams * p + Math.sqrt(streams * p * (1 - p)) * normal())),
          );
        rows.push({
          date: dates[a],
          track: title,
          country: countries[c],
          streams,
          listeners: Math.min(streams, Math.round(streams / (1.2 + 0.4 * rand()))),
          saves: share(saveRate),
          skips: share(skipRate),
          followers: Math.round(followers[c] * (1 + 0.003 * a)),
        });
      }
    }
  }
  return { tracks, rows };
}

/** Stand-in performance for hand-made test cases: exact rates and a steady weekly growth. */
export function syntheticFacts(
  title: string,
  features: TrackFeatures | null,
  o: { save_rate: number; skip_rate?: number; growth?: number; streams?: number; weeks?: number },
): TrackFacts {
  const streams = o.streams ?? 10_000;
  const weeks = o.weeks ?? 12;
  return {
    features,
    performance: {
      track: title,
      streams,
      listeners: Math.round(streams / 1.4),
      saves: Math.round(streams * o.save_rate),
      skips: Math.round(streams * (o.skip_rate ?? 0.2)),
      follower_gain: 0,
      weekly_streams: Array.from(
        { length: weeks },
        (_, k) => Math.round(1000 * (1 + (o.growth ?? -0.03)) ** k),
      ),
    },
  };
}

/** Plain mid-range features, to override per test case. */
export function baseFeatures(over: Partial<TrackFeatures> = {}): TrackFeatures {
  return {
    tempo_bpm: 110,
    energy: 0.5,
    key: "C",
    mode: "major",
    loudness_lufs: -14,
    sections: 6,
    duration_s: 200,
    genre: "synth-pop",
    mood: "happy",
    posts: 8,
    pillar: "lyrics",
    ...over,
  };
}
