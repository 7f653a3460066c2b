/**
 * GET /artists/<id>/art/<avatar|cover>: the artist's art, read from storage as the reader (RLS:
 * the owner and members). File names carry a hash of their content, so a new picture has a new
 * address (store.artUrl) and this one may be cached for good, privately. An artist without
 * stored art (made by SQL, as the demo data is) gets its drawing made from the persona. 404 for
 * anything else.
 */
import { z } from "zod";
import { define } from "../../../../../utils.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../../../lib/web/params.ts";
import { ART_BUCKET } from "../../../../../lib/domains/artists/service.ts";
import { artPaths } from "../../../../../lib/domains/artists/store.ts";
import { personaArt } from "../../../../../lib/domains/artists/persona/art.ts";
import { Persona } from "../../../../../lib/domains/artists/types.ts";

export const ArtKind = z.enum(["avatar", "cover"]);
export type ArtKind = z.infer<typeof ArtKind>;

// The file shares the app's origin: an SVG must never run script here.
const SAFE_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "private, max-age=31536000, immutable",
};

export const handler = define.handlers({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const kind = ArtKind.safeParse(ctx.params.kind);
    if (!kind.success) throw notFound("Art", "kind");
    const { db, storage } = ctx.state.platform;
    const paths = await db.asUser(user.claims, (tx) => artPaths(tx, id));
    if (!paths) throw notFound("Art", "kind");
    const path = kind.data === "avatar" ? paths.avatar_path : paths.cover_path;
    if (!path) {
      return new Response(personaArt(Persona.parse(paths.persona), kind.data).svg, {
        headers: {
          ...SAFE_HEADERS,
          "content-type": "image/svg+xml",
          "cache-control": "private, max-age=300",
        },
      });
    }
    const file = await storage.download(
      { claims: user.claims, accessToken: user.accessToken },
      ART_BUCKET,
      path,
    );
    if (!file) throw notFound("Art", "kind");
    return new Response(file.body as BodyInit, {
      headers: {
        ...SAFE_HEADERS,
        "content-type": file.contentType,
        "content-length": String(file.body.byteLength),
      },
    });
  },
});
