/**
 * What the studio measures of a piece of audio, as stored (jsonb) and sent (JSON API): loudness
 * per ITU-R BS.1770-4 / EBU R128 (loudness.ts), a smoothed spectrum in fractional-octave bands,
 * what mastering did (master/) and the hit meter's features (features.ts). One shape for the measuring code, the SQL rows,
 * the API and the pages. Levels of digital silence are null (−∞ has no JSON).
 *
 * @module
 */
import { z } from "zod";

const Db = z.number().nullable();

export const LoudnessReport = z.object({
  integrated_lufs: Db.describe("Gated integrated loudness; null when every block is gated out"),
  momentary_max_lufs: Db.describe("Loudest 400 ms window"),
  short_term_max_lufs: Db.describe("Loudest 3 s window"),
  lra_lu: z.number().describe("Loudness range (EBU Tech 3342); 0 when too short or silent"),
  sample_peak_dbfs: Db,
  true_peak_dbtp: Db.describe("4× oversampled peak"),
  duration_s: z.number(),
});
export type LoudnessReport = z.infer<typeof LoudnessReport>;

/** Loudness over time for meters and charts: one value per `step_s`, null where silent. */
export const LoudnessSeries = z.object({
  step_s: z.number(),
  momentary: z.array(Db),
  short_term: z.array(Db),
});
export type LoudnessSeries = z.infer<typeof LoudnessSeries>;

/** Average level per band (dB, relative), bands by centre frequency; mid and side of a stereo file. */
export const Spectrum = z.object({
  hz: z.array(z.number()),
  mid_db: z.array(z.number()),
  side_db: z.array(z.number()),
});
export type Spectrum = z.infer<typeof Spectrum>;

/** How a platform's loudness normalisation will change a master's level. */
export const PlatformPreview = z.object({
  platform: z.string(),
  target_lufs: z.number(),
  change_db: z.number().describe("Negative: turned down; positive: turned up (if it does)"),
  turns_up: z.boolean().describe("Whether the platform raises quiet songs at all"),
});
export type PlatformPreview = z.infer<typeof PlatformPreview>;

/** What mastering measured and did: before and after, the spectra, the EQ, the gains. */
export const MasterAnalysis = z.object({
  before: LoudnessReport,
  after: LoudnessReport,
  spectrum_before: Spectrum,
  spectrum_after: Spectrum,
  reference_spectrum: Spectrum,
  eq: z.object({ hz: z.array(z.number()), gain_db: z.array(z.number()) })
    .describe("The EQ applied (mid), from the smoothed ratio of reference to input"),
  gain_db: z.number().describe("Make-up gain before the limiter"),
  limiter_max_reduction_db: z.number(),
  // Optional: masters made before the series were stored have none.
  series_before: LoudnessSeries.optional()
    .describe("Loudness over time of the original (0.1 LU; coarser steps for long songs)"),
  series_after: LoudnessSeries.optional().describe("Loudness over time of the master"),
});
export type MasterAnalysis = z.infer<typeof MasterAnalysis>;

export const KEY_NAMES = [
  "C",
  "C#",
  "D",
  "Eb",
  "E",
  "F",
  "F#",
  "G",
  "Ab",
  "A",
  "Bb",
  "B",
] as const;

/** The hit meter's measured features of one song (each a plain measurement, no judgement). */
export const Features = z.object({
  duration_s: z.number(),
  tempo_bpm: z.number().nullable().describe("null when no steady beat is found"),
  tempo_confidence: z.number().min(0).max(1),
  key: z.enum(KEY_NAMES).nullable(),
  mode: z.enum(["major", "minor"]).nullable(),
  key_confidence: z.number().min(-1).max(1).describe("Correlation with the best key profile"),
  integrated_lufs: Db,
  lra_lu: z.number(),
  true_peak_dbtp: Db,
  crest_db: z.number().describe("Peak to RMS"),
  spectral_centroid_hz: z.number(),
  spectral_rolloff_hz: z.number().describe("85 % of the energy below"),
  spectral_flatness: z.number().min(0).max(1),
  energy_low: z.number().min(0).max(1).describe("Share below 250 Hz"),
  energy_mid: z.number().min(0).max(1).describe("Share from 250 Hz to 4 kHz"),
  energy_high: z.number().min(0).max(1).describe("Share above 4 kHz"),
  onset_density: z.number().describe("Onsets a second"),
  repetition: z.number().min(0).max(1).describe(
    "How much of the song repeats (chroma self-similarity)",
  ),
  sections: z.number().int().describe("Sections found from the self-similarity"),
  intro_s: z.number().describe("Seconds before the first loud, full section"),
});
export type Features = z.infer<typeof Features>;
