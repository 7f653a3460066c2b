/**
 * Tracks released outside Soundcheck: their title (as the streaming export names them) and what
 * the owner knows of their sound, so the analysis can relate it to their numbers. A studio song
 * made for the artist is measured instead (facts.ts).
 *
 * @module
 */
import type { z } from "zod";
import type { TrackInput } from "./api.ts";
import { ownArtist, type Platform, type Who } from "./service.ts";

/** Adds or updates (by title) a track of the caller's artist; its id. */
export async function saveTrack(
  p: Platform,
  who: Who,
  artistId: string,
  input: z.infer<typeof TrackInput>,
): Promise<string> {
  return await p.db.asUser(who.claims, async (tx) => {
    await ownArtist(tx, who, artistId);
    const [{ id }] = await tx.query<{ id: string }>(
      `insert into public.artist_tracks (artist_id, title, track_key, features, released_on)
       values ($1, btrim($2), lower(btrim($2)), $3::jsonb, $4::date)
       on conflict (artist_id, track_key) do update
          set features = coalesce(excluded.features, public.artist_tracks.features),
              released_on = coalesce(excluded.released_on, public.artist_tracks.released_on)
       returning id`,
      [
        artistId,
        input.title,
        input.features ? JSON.stringify(input.features) : null,
        input.released_on ?? null,
      ],
    );
    return id;
  });
}
