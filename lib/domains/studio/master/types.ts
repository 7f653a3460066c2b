/**
 * Mastering's API shapes (zod): what POST …/master takes, what a master looks like to its owner,
 * the presets list. The settings and the report are the contract's (schemas.ts).
 *
 * @module
 */
import { z } from "zod";
import { MasterReport, MasterSettings, TARGET_PRESETS } from "./schemas.ts";
import { JOB_STATUSES, MASTER_STAGES } from "../../../shared/studio_jobs.ts";

export const MasterInput = z.object({
  settings: MasterSettings.default(MasterSettings.parse({})),
}).strict();
export type MasterInput = z.infer<typeof MasterInput>;

export const Master = z.object({
  id: z.uuid(),
  song_id: z.uuid(),
  audio_version: z.number().int().describe("The version of the song's audio it was made from"),
  current: z.boolean().describe("Whether the song's audio is still that version"),
  status: z.enum(JOB_STATUSES),
  stage: z.enum(MASTER_STAGES).nullable(),
  progress: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  settings: MasterSettings,
  reference_title: z.string().nullable()
    .describe("The reference song's title (a song reference, while that song exists)"),
  report: MasterReport.nullable().describe("The before/after report, once done"),
  files: z.object({ wav: z.boolean(), mp3: z.boolean() }),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type Master = z.infer<typeof Master>;

export const MasterBody = z.object({ master: Master });
export const MasterListBody = z.object({
  items: z.array(Master).describe("The song's masters, newest first (at most 50)"),
});

export const MasterDownloadQuery = z.object({
  format: z.enum(["wav", "mp3"]).default("mp3").describe("The master's WAV or MP3 (default)"),
}).strict();

export const PresetsBody = z.object({
  genres: z.array(z.string()).describe("Genres with a reference preset (settings.reference.genre)"),
  targets: z.array(z.object({ lufs: z.number(), label: z.string() }))
    .describe("Loudness targets the page offers; any value from −24 to −6 LUFS may be sent"),
});

export { TARGET_PRESETS };
