/** The portfolio's shapes: rows as the API sends them, and what requests may say. */
import { z } from "zod";
import { Uuid } from "../../shared/schemas.ts";
import { Timestamp } from "../gigs/rows.ts";
import { CAPTION_MAX_CHARS, MEDIA_KINDS, MEDIA_MAX_ITEMS } from "./limits.ts";

export const MediaKindSchema = z.enum(MEDIA_KINDS);

/** One portfolio item, with the public URL its file is served from. */
export const MediaItem = z.object({
  id: z.string(),
  owner_id: z.string(),
  kind: MediaKindSchema,
  caption: z.string().nullable(),
  position: z.number().int().describe("1 = first in the owner's order"),
  content_type: z.string().nullable(),
  size_bytes: z.number().int().nullable(),
  width: z.number().int().nullable().describe("Photos: pixels"),
  height: z.number().int().nullable(),
  duration_ms: z.number().int().nullable().describe("Audio: the track's length"),
  peaks: z.array(z.tuple([z.number(), z.number()])).nullable()
    .describe("Audio: waveform [min, max] pairs for the player"),
  created_at: Timestamp,
  url: z.string().describe("The file, from the public `media` bucket"),
});
export type MediaItem = z.output<typeof MediaItem>;

/** A row as read (the URL is added from its path). */
export const MediaRow = MediaItem.omit({ url: true }).extend({
  path: z.string(),
  size_bytes: z.coerce.number().int().nullable(),
});
export type MediaRow = z.output<typeof MediaRow>;

export const MediaListQuery = z.object({
  owner: Uuid("Not a musician id").describe("The musician whose portfolio to list"),
  kind: MediaKindSchema.optional(),
}).strict();

export const MediaList = z.object({
  items: z.array(MediaItem),
  limit: z.number().int().describe(`Items a musician may keep (${MEDIA_MAX_ITEMS})`),
});

const Caption = z.string().trim().max(
  CAPTION_MAX_CHARS,
  `A caption is at most ${CAPTION_MAX_CHARS} characters`,
);

export const MediaPatch = z.object({
  caption: Caption.nullable().optional().describe("Empty or null clears it"),
  position: z.coerce.number().int().min(1).max(MEDIA_MAX_ITEMS).optional()
    .describe("Move the item here (1 = first); past the end is the end"),
}).strict().refine((p) => p.caption !== undefined || p.position !== undefined, {
  message: "Send a caption or a position",
  path: ["caption"],
});
export type MediaPatch = z.output<typeof MediaPatch>;

/** The upload form's text fields (besides `file`). */
export const MediaUploadFields = z.object({
  caption: Caption.optional(),
  kind: MediaKindSchema.optional().describe("What you mean to upload: checked against the bytes"),
}).strict();
