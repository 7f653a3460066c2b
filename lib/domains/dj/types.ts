/**
 * The AI DJ's shapes: the interpreted plan (the LLM's structured output), a run's input, tracks
 * and saved runs. Zod schemas are the single source of truth; types are inferred from them.
 *
 * @module
 */
import { z } from "zod";
import { DJ_STAGES, RUN_STATUSES } from "../../shared/dj_states.ts";

export { DJ_STAGES, type DjStage, RUN_STATUSES, type RunStatus } from "../../shared/dj_states.ts";

export const TRACK_SOURCES = ["catalogue", "spotify", "studio", "artist"] as const;
export type TrackSource = typeof TRACK_SOURCES[number];

const unit = z.number().min(0).max(1);
const bpm = z.number().int().min(40).max(220);

/** A detail of the prompt that genres, mood and tempo do not say, kept in the prompt's words. */
export const PlanDetail = z.object({
  text: z.string().trim().min(1).max(80)
    .describe("The detail in the request's own words and language, e.g. 'lluvia de fondo'"),
  search: z.string().trim().min(1).max(80).nullable()
    .describe("A Spotify search query (English) that finds tracks with it, or null"),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

/** What the prompt asks for, as the LLM (or the offline lexicon) reads it. */
export const DjPlan = z.object({
  search_terms: z.array(z.string().trim().min(1).max(80)).min(1).max(8)
    .describe("Spotify search queries, most specific first"),
  genres: z.array(z.string().trim().min(1).max(40)).max(6)
    .describe("Genre names as Spotify spells them (lower case)"),
  mood: z.string().trim().min(1).max(60).describe("A few English words, e.g. 'calm focus'"),
  energy: unit,
  danceability: unit,
  valence: unit,
  tempo: z.object({ min: bpm, max: bpm }).describe("Beats per minute"),
  playlist_name: z.string().trim().min(1).max(100).describe("In the prompt's language"),
  description: z.string().trim().max(300).describe("One sentence, in the prompt's language"),
  language: z.string().regex(/^[a-z]{2}$/).describe("ISO 639-1 code of the prompt's language"),
  // Plans stored before details existed have none.
  details: z.array(PlanDetail).max(6).default([]).describe(
    "Every detail of the request the other fields do not capture (sounds such as rain in the " +
      "background, vocals or none, an occasion or time, a named artist, a decade, a place)",
  ),
}).refine((p) => p.tempo.min <= p.tempo.max, {
  path: ["tempo"],
  message: "tempo.min must not exceed tempo.max",
});
export type DjPlan = z.infer<typeof DjPlan>;

const Flag = z.union([z.boolean(), z.enum(["on", "true", "false", "1", "0", ""])])
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");

/** A request for a playlist (form, JSON API or the `dj` function). */
export const DjRunInput = z.object({
  prompt: z.string({ error: "Describe the music you want" }).trim()
    .min(3, "Describe the music in a few words").max(300, "Keep the prompt to 300 characters"),
  length: z.coerce.number({ error: "Choose a length from 10 to 50 tracks" }).int()
    .min(10, "Choose at least 10 tracks").max(50, "Choose at most 50 tracks").default(30),
  no_explicit: Flag.default(false),
  /** The run this one refines (its prompt was edited and regenerated). */
  parent_id: z.uuid({ error: "Not a playlist id" }).optional(),
}).strict();
export type DjRunInput = z.input<typeof DjRunInput>;
export type DjRunRequest = z.output<typeof DjRunInput>;

/** A row of `public.tracks`. */
export interface TrackRow {
  id: string;
  source: TrackSource;
  external_id: string | null;
  uri: string | null;
  title: string;
  artist: string;
  album: string | null;
  genres: string[];
  moods: string[];
  energy: number | null;
  valence: number | null;
  danceability: number | null;
  tempo: number | null;
  explicit: boolean;
  duration_ms: number | null;
  language: string | null;
  owner_id: string | null;
  audio_path: string | null;
  /** Cover art (Spotify's album image), when the source has one. */
  image_url: string | null;
  /** A 30-second preview (Spotify's `preview_url`), when the source has one. */
  preview_url: string | null;
}

/** A track a search found: a catalogue row (with id) or a Spotify track (no id yet). */
export type FoundTrack = Omit<TrackRow, "id" | "owner_id" | "audio_path"> & {
  id: string | null;
  /** open.spotify.com link, for Spotify tracks. */
  url?: string | null;
};

export const RunTrack = z.object({
  position: z.number().int(),
  track_id: z.string().uuid(),
  source: z.enum(TRACK_SOURCES),
  title: z.string(),
  artist: z.string(),
  album: z.string().nullable(),
  explicit: z.boolean(),
  duration_ms: z.number().int().nullable(),
  reason: z.string(),
  score: z.number(),
  /** The Spotify track the playlist holds (a catalogue track's match after an export). */
  spotify_uri: z.string().nullable(),
  // What the listening view adds when a run is read (listen.ts); not part of the stored snapshot.
  image_url: z.string().nullable().optional().describe("Cover art, when the source has one"),
  audio_url: z.string().nullable().optional().describe(
    "What the play button plays: a platform song (signed link, an hour) or a 30-second preview",
  ),
  audio_kind: z.enum(["song", "preview"]).nullable().optional()
    .describe("`song`: the whole platform song; `preview`: a 30-second Spotify preview"),
});
export type RunTrack = z.infer<typeof RunTrack>;

/** What a stage reports while it works (the run's `progress`, pushed live on `dj_run:<id>`). */
export const DjProgress = z.object({
  playlist_name: z.string().optional(),
  mood: z.string().optional(),
  source: z.enum(["spotify", "catalogue"]).optional(),
  requests: z.number().int().optional().describe("Search requests so far"),
  found: z.number().int().optional().describe("Tracks found so far"),
  detail: z.string().optional().describe("What the stage is doing, in a sentence"),
  playlist_id: z.string().optional().describe("The Spotify playlist the build stage made"),
  added: z.boolean().optional().describe("The build stage has filled that playlist"),
});
export type DjProgress = z.infer<typeof DjProgress>;

export const Timings = z.object({
  interpret_ms: z.number(),
  search_ms: z.number(),
  build_ms: z.number(),
  export_ms: z.number(),
  total_ms: z.number(),
  requests: z.number().int(),
});
export type Timings = z.infer<typeof Timings>;

export const DjRun = z.object({
  id: z.string().uuid(),
  parent_id: z.string().uuid().nullable(),
  prompt: z.string(),
  length: z.number().int(),
  no_explicit: z.boolean(),
  plan: z.unknown().describe("The interpreted plan (DjPlan); null until interpreted"),
  plan_source: z.enum(["live", "offline"]).nullable(),
  source: z.enum(["spotify", "catalogue"]).nullable().describe("Null until searched"),
  status: z.enum(RUN_STATUSES),
  stage: z.enum(DJ_STAGES).nullable().describe(
    "The stage running or next (interpret → search → build); null once finished",
  ),
  progress: DjProgress.describe("The current stage's latest report"),
  playlist_id: z.string().nullable(),
  playlist_url: z.string().nullable(),
  share_token: z.string().nullable(),
  error: z.string().nullable(),
  notice: z.string().nullable(),
  timings: z.unknown(),
  track_count: z.number().int(),
  created_at: z.string(),
  exported_at: z.string().nullable(),
});
export type DjRun = z.infer<typeof DjRun>;

export const DjRunWithTracks = DjRun.extend({ tracks: z.array(RunTrack) });
export type DjRunWithTracks = z.infer<typeof DjRunWithTracks>;
