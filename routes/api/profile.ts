/** GET/PUT /api/profile: the caller's profile with its musician and client parts. */
import { define } from "../../utils.ts";
import { readBody, requireUser } from "../../lib/web/api/http.ts";
import { ProfileUpdateBody } from "../../lib/web/api/marketplace.ts";
import {
  followCity,
  getClientProfile,
  getMusicianProfile,
  getOwnProfile,
  upsertOwnClientProfile,
  upsertOwnMusicianProfile,
} from "../../lib/domains/profiles/mod.ts";
import type { Tx } from "../../lib/ports/db/mod.ts";
import { viewerZones } from "../../lib/web/viewer_zone.ts";

async function read(tx: Tx, id: string) {
  const profile = await getOwnProfile(tx);
  return {
    profile,
    musician: await getMusicianProfile(tx, id),
    client: await getClientProfile(tx, id),
  };
}

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, (tx) => read(tx, user.id)),
    );
  },
  async PUT(ctx) {
    const user = requireUser(ctx.state.user);
    const body = await readBody(ctx.req, ProfileUpdateBody);
    const result = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
      if (
        body.display_name !== undefined || body.is_musician !== undefined ||
        body.is_client !== undefined
      ) {
        await tx.query(
          `update public.profiles set display_name = coalesce($1, display_name),
             is_musician = coalesce($2, is_musician), is_client = coalesce($3, is_client)
           where id = (select auth.uid())`,
          [body.display_name ?? null, body.is_musician ?? null, body.is_client ?? null],
        );
      }
      if (body.musician) await upsertOwnMusicianProfile(tx, body.musician);
      if (body.client) await upsertOwnClientProfile(tx, body.client);
      const place = body.musician ?? body.client;
      if (place) {
        await followCity(tx, {
          city: place.city ?? null,
          country: place.country ?? null,
          lat: place.lat ?? null,
          lng: place.lng ?? null,
        });
      }
      return await read(tx, user.id);
    });
    viewerZones(ctx.state.platform).forget(user.id);
    ctx.state.platform.worker.wake();
    return Response.json(result);
  },
});
