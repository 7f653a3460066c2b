/**
 * Mastering's shapes (zod), one place for the job, the SQL rows, the API and the pages: what the
 * user asks for (a loudness target, a true-peak ceiling, an intensity, and a reference: a genre
 * preset shipped as data or one of their own library songs) and what comes back (the before/after
 * report, the EQ applied, and how each streaming service's normalisation will treat the master).
 *
 * @module
 */
import { z } from "zod";
import { MasterAnalysis, PlatformPreview } from "../../../audio/reports.ts";

/** The target presets the page offers (LUFS integrated); any value in range may be sent. */
export const TARGET_PRESETS = [
  { lufs: -14, label: "Streaming (−14 LUFS)" },
  { lufs: -16, label: "Apple Music and podcasts (−16 LUFS)" },
  { lufs: -9, label: "Loud: club and EDM (−9 LUFS)" },
] as const;

export const MasterReference = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("preset"),
    genre: z.string().trim().min(1).max(40).describe("A reference preset's genre"),
  }).strict(),
  z.object({
    kind: z.literal("song"),
    song_id: z.uuid().describe("One of the caller's finished songs or uploads"),
  }).strict(),
]);
export type MasterReference = z.infer<typeof MasterReference>;

export const MasterSettings = z.object({
  target_lufs: z.number().min(-24).max(-6).default(-14),
  ceiling_dbtp: z.number().min(-3).max(-0.1).default(-1),
  intensity: z.number().min(0).max(1).default(1)
    .describe("0: the original, 1: fully processed; the EQ and level are blended"),
  reference: MasterReference.default({ kind: "preset", genre: "pop" }),
}).strict();
export type MasterSettings = z.infer<typeof MasterSettings>;

export const MasterReport = MasterAnalysis.extend({
  settings: MasterSettings,
  platforms: z.array(PlatformPreview),
});
export type MasterReport = z.infer<typeof MasterReport>;
export { PlatformPreview };
