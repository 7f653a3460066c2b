/**
 * Shapes of the DJ's JSON API (/api/dj/*), used by the routes to parse and by the OpenAPI
 * document to describe them.
 *
 * @module
 */
import { z } from "zod";
import { DjRun, DjRunWithTracks } from "./types.ts";

export const RunListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().min(1).max(500).optional().describe("nextCursor of the previous page"),
}).strict();

export const RunPageBody = z.object({ items: z.array(DjRun), nextCursor: z.string().nullable() });
export const RunBody = z.object({ run: DjRunWithTracks });

export const ShareBody = z.object({
  token: z.string().nullable(),
  url: z.string().nullable().describe("The public read-only page, while shared"),
});

export const SpotifyStatusBody = z.object({
  configured: z.boolean().describe("Spotify is set up on this server"),
  connected: z.boolean(),
  status: z.enum(["active", "broken"]).nullable()
    .describe("`broken`: Spotify refused the tokens; reconnect at /dj/connect"),
  display_name: z.string().nullable(),
  spotify_user_id: z.string().nullable(),
  connected_at: z.string().nullable(),
  broken_reason: z.enum(["revoked", "expired", "undecryptable", "refused"]).nullable()
    .describe("Why it stopped working: `expired` after Spotify's six months, else access removed"),
  reconnect_by: z.string().nullable().describe("Spotify asks for a new sign-in around then"),
  missing_scopes: z.array(z.string()).describe("Permissions to grant by reconnecting"),
});

export const SharedRunBody = z.object({
  prompt: z.string(),
  playlist_name: z.string().nullable().describe("Null while the run is still being made"),
  description: z.string().nullable(),
  mood: z.string().nullable(),
  source: z.string(),
  status: z.string(),
  playlist_url: z.string().nullable(),
  shared_by: z.string().nullable(),
  created_at: z.string(),
  tracks: z.array(z.object({
    position: z.number().int(),
    title: z.string(),
    artist: z.string(),
    album: z.string().nullable(),
    explicit: z.boolean(),
    duration_ms: z.number().int().nullable(),
    reason: z.string(),
  })),
});

/** A share link's token from the path (`randomToken(18)` makes 24 of these characters). */
export const ShareTokenParam = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "Not a share link");
