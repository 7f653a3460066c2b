/**
 * Virtual artists' shapes (zod), one place for all of them: the brief a person writes, the
 * persona the AI (or the offline writer) makes from it, the performance and chart rows people
 * import, the per-track facts the analysis reads and the evolution plan it proposes. Routes parse
 * with these, the OpenAPI document describes them, the SQL stores them as jsonb.
 *
 * @module
 */
import { z } from "zod";
import { PITCHES } from "../studio/plan.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const words = (max: number, each = 40) => z.array(text(each)).max(max);

/** ISO 3166-1 alpha-2, upper case ("GB", "BR"); charts use "GLOBAL" for the world chart. */
export const Country = z.string().trim().toUpperCase()
  .regex(/^([A-Z]{2}|GLOBAL)$/, "A two-letter country code such as GB, or GLOBAL");

/** What a person asks for. */
export const Brief = z.object({
  genre: text(60).describe("The main genre, e.g. 'synth-pop' or 'sertanejo'"),
  market: Country.describe("The country the artist is made for first"),
  audience: text(200).describe("Who listens, e.g. 'students who run in the evening'"),
  tone: text(200).describe("How the artist comes across, e.g. 'warm, a little ironic'"),
  name: text(60).optional().describe("A name to use; otherwise one is invented"),
  notes: z.string().trim().max(1000).optional().describe("Anything else the persona should keep"),
}).strict();
export type Brief = z.infer<typeof Brief>;

export const TempoRange = z.object({
  min: z.number().int().min(50).max(200),
  max: z.number().int().min(50).max(200),
}).refine((t) => t.min <= t.max, { path: ["max"], message: "max is below min" });

export const Cadence = z.object({
  releases_per_month: z.number().min(0).max(8).describe("Songs released a month"),
  posts_per_week: z.number().min(0).max(21).describe("Social posts a week"),
});
export type Cadence = z.infer<typeof Cadence>;

/**
 * A virtual artist's persona: every version stores one whole. Strict-output friendly (all
 * properties required, nullable instead of optional), so the AI port can ask for it directly.
 */
export const Persona = z.object({
  name: text(60),
  backstory: z.string().trim().min(40).max(1500),
  genres: words(6).min(1),
  influences: words(8, 80).describe(
    "Style descriptors ('80s gated drums', 'bossa guitar'): never a real artist's name",
  ),
  vocal_style: text(200),
  visual_identity: text(400).describe("A prompt for cover art and the avatar"),
  content_pillars: words(6, 80).min(1),
  audience: text(200),
  voice: text(300).describe("How the artist writes posts"),
  moods: words(6).min(1),
  tempo_range: TempoRange,
  cadence: Cadence,
  market: Country,
  language: z.string().regex(/^[a-z]{2,3}$/).describe("ISO 639 of lyrics and posts"),
});
export type Persona = z.infer<typeof Persona>;

/** Why a version exists. */
export const VERSION_CAUSES = ["created", "edited", "plan", "rollback"] as const;
export type VersionCause = (typeof VERSION_CAUSES)[number];

/** One readable change between two versions: `field` changed from `before` to `after`. */
export const DiffLine = z.object({
  field: z.string(),
  label: z.string().describe("The field in words, e.g. 'Tempo range'"),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type DiffLine = z.infer<typeof DiffLine>;

// Imports --------------------------------------------------------------------------------------

/** A count the database stores (PostgreSQL `integer`). */
const Count = z.number().int().min(0).max(2_147_483_647);

/** One row of a streaming service's artist export (per track, day and country). */
export const MetricRow = z.object({
  date: z.iso.date(),
  track: text(200),
  country: z.string().trim().toUpperCase()
    .regex(/^[A-Z]{2}$/, "A two-letter country code such as GB"),
  streams: Count,
  listeners: Count,
  saves: Count,
  skips: Count,
  followers: Count,
});
export type MetricRow = z.infer<typeof MetricRow>;

/** One row of a weekly chart (per country and week). */
export const ChartRow = z.object({
  country: Country,
  week: z.iso.date().describe("The chart week's first day"),
  rank: z.number().int().min(1).max(500),
  track: text(200),
  artist: text(200),
  genre: text(60),
  streams: Count,
});
export type ChartRow = z.infer<typeof ChartRow>;

/** A bad row of an import: its line in the file (1 is the header) and what is wrong. */
export const RowError = z.object({
  line: z.number().int().min(1),
  field: z.string().nullable(),
  message: z.string(),
});
export type RowError = z.infer<typeof RowError>;

// Analysis -------------------------------------------------------------------------------------

/** What is known about how a track sounds and how it was released (null: not measured). */
export const TrackFeatures = z.object({
  tempo_bpm: z.number().nullable(),
  energy: z.number().min(0).max(1).nullable().describe("0 calm … 1 intense"),
  key: z.enum(PITCHES).nullable(),
  mode: z.enum(["major", "minor"]).nullable(),
  loudness_lufs: z.number().nullable(),
  sections: z.number().int().nullable(),
  duration_s: z.number().nullable(),
  genre: z.string().nullable(),
  mood: z.string().nullable(),
  /** Content choices around the release. */
  posts: z.number().int().min(0).nullable().describe("Posts in the 28 days from release"),
  pillar: z.string().nullable().describe("The content pillar most of those posts used"),
});
export type TrackFeatures = z.infer<typeof TrackFeatures>;

/** A track's performance, summed over the rows imported (all countries unless filtered). */
export interface TrackPerformance {
  track: string;
  streams: number;
  listeners: number;
  saves: number;
  skips: number;
  /** Followers on the last day seen minus the first (the export's followers column). */
  follower_gain: number;
  /** Streams per ISO week from the track's first day with data, oldest first. */
  weekly_streams: number[];
}

export interface TrackFacts {
  features: TrackFeatures | null;
  performance: TrackPerformance;
}

export const CONFIDENCE = ["low", "medium", "high"] as const;
export type Confidence = (typeof CONFIDENCE)[number];

/** A proposal's kinds: what an approved item changes in the persona. */
export const PLAN_KINDS = ["tempo", "mood", "genre", "cadence", "pillars"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** One relation between a track fact and an outcome, with the numbers behind it. */
export const Evidence = z.object({
  feature: z.string().describe("tempo_bpm, energy, mode, posts, pillar, …"),
  outcome: z.enum(["save_rate", "skip_rate", "growth"]),
  n: z.number().int().describe("Tracks compared"),
  effect: z.number().describe("Spearman's rho (numeric) or the difference of group means"),
  ci_low: z.number(),
  ci_high: z.number(),
  p: z.number().describe("After correcting for the number of relations tested"),
  groups: z.array(z.object({
    label: z.string(),
    n: z.number().int(),
    mean: z.number(),
  })).describe("The compared groups, e.g. 'over 120 BPM' and 'under 105 BPM'"),
  summary: z.string().describe("The finding in words, with its numbers"),
});
export type Evidence = z.infer<typeof Evidence>;

/** A proposed change to the persona. `change` is the new value of the persona fields it names. */
export const PlanItem = z.object({
  kind: z.enum(PLAN_KINDS),
  title: z.string().describe("In words: 'Lean faster: 115–128 BPM'"),
  change: Persona.partial().describe("The persona fields this item sets"),
  evidence: z.array(Evidence).min(1),
  confidence: z.enum(CONFIDENCE),
});
export type PlanItem = z.infer<typeof PlanItem>;
