/**
 * The studio's API shapes (zod): what requests may send, what a song looks like to its owner.
 * Routes parse with these and the OpenAPI document (lib/web/api/spec_studio.ts) describes them.
 *
 * @module
 */
import { z } from "zod";
import { SongPlan } from "./plan.ts";
import { SONG_FORMATS, SONG_STAGES, SONG_STATUSES } from "../../shared/song_states.ts";

export const CreateSongInput = z.object({
  prompt: z.string().trim().min(1, "Describe the song").max(1000),
  language: z.string().regex(/^[a-z]{2,3}$/, "An ISO 639 code such as en or es").optional(),
}).strict();
export type CreateSongInput = z.infer<typeof CreateSongInput>;

export const PlanInput = z.object({ plan: SongPlan }).strict();
export const RenameInput = z.object({ title: z.string().trim().min(1).max(120) }).strict();

export const SongListQuery = z.object({
  status: z.enum(SONG_STATUSES).optional(),
  genre: z.string().trim().min(1).max(40).optional(),
  mood: z.string().trim().min(1).max(40).optional(),
  q: z.string().trim().min(1).max(100).optional().describe("Words in the title or the prompt"),
  from: z.iso.date("Use a date such as 2026-12-01").optional()
    .describe("Made on or after this day (UTC)"),
  to: z.iso.date("Use a date such as 2026-12-31").optional()
    .describe("Made on or before this day (UTC)"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().min(1).max(500).optional().describe("nextCursor of the previous page"),
}).strict().refine((q) => !q.from || !q.to || q.from <= q.to, {
  path: ["to"],
  message: "The end date is before the start date",
});
export type SongListQuery = z.infer<typeof SongListQuery>;

/** The stems a finished offline song has (a provider may make others, vocals among them). */
export const STEM_NAME = /^[a-z][a-z0-9_]{0,19}$/;

export const DownloadQuery = z.object({
  format: z.enum(SONG_FORMATS).default("mp3").describe("The file to download (the MP3 by default)"),
  stem: z.string().regex(STEM_NAME, "A stem's name, such as drums").optional()
    .describe("With format=stems: which stem (drums, bass, chords, lead…)"),
}).strict().refine((q) => q.format !== "stems" || q.stem !== undefined, {
  path: ["stem"],
  message: "Name the stem to download",
});

export const Quota = z.object({
  used: z.number().int(),
  limit: z.number().int(),
  remaining: z.number().int(),
  resets_at: z.string().describe("The first of next month, 00:00 UTC"),
});
export type Quota = z.infer<typeof Quota>;

export const Song = z.object({
  id: z.uuid(),
  title: z.string().nullable().describe("The user's title, else the plan's; null until planned"),
  source: z.enum(["prompt", "upload"])
    .describe(
      "`upload`: the user's own file (POST /api/studio/uploads); no prompt, plan or lyrics",
    ),
  original_name: z.string().nullable().describe("An upload's file name; null for a prompt's song"),
  prompt: z.string().nullable().describe("Null for an upload"),
  language: z.string()
    .describe("ISO 639; until planned, the one asked for (else `en`): planning detects it"),
  status: z.enum(SONG_STATUSES),
  stage: z.enum(SONG_STAGES).nullable(),
  progress: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  plan: SongPlan.nullable(),
  plan_source: z.enum(["live", "offline"]).nullable(),
  lyrics: z.record(z.string(), z.unknown()).nullable(),
  seed: z.number().int(),
  duration_ms: z.number().int().nullable(),
  files: z.object({
    wav: z.boolean(),
    mp3: z.boolean(),
    midi: z.boolean(),
    stems: z.array(z.string()),
  }),
  peaks: z.array(z.tuple([z.number(), z.number()])).nullable(),
  track_id: z.uuid().nullable(),
  restyled_from: z.object({ id: z.uuid(), title: z.string().nullable() }).nullable()
    .describe("The song this one restyles (POST …/restyle made it), while that song exists"),
  shared: z.boolean().describe("Whether the song has a share link (POST …/share makes one)"),
  share_url: z.string().nullable()
    .describe("The share page's path on this site, `/s/<token>`, while shared; else null"),
  in_catalogue: z.boolean()
    .describe("Whether the AI DJ may play it in playlists (its track is in the DJ's catalogue)"),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});
export type Song = z.infer<typeof Song>;

export const SongBody = z.object({ song: Song, quota: Quota });
export const SongPageBody = z.object({ items: z.array(Song), nextCursor: z.string().nullable() });
export const QuotaBody = z.object({ quota: Quota });
export const PromptsBody = z.object({
  prompts: z.array(z.string()).max(8)
    .describe("The caller's own prompts, each once, the most recently used first (up to 8)"),
});

export const CatalogueInput = z.object({
  in_catalogue: z.boolean().describe("true: the AI DJ may play the song in playlists"),
}).strict();
export const ShareBody = SongBody.extend({
  url: z.string().describe("The share page, for anyone with the link"),
  token: z.string().describe("The link's secret part; sharing again makes a new one"),
});
