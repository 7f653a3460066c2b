/**
 * Style transfer as a product feature: "Restyle as…" a genre family the offline synthesiser
 * knows (synth/genres.ts; named as the genre templates name them) makes a new draft from a
 * finished song or a draft: the synthesiser's `restyle` of its plan (structure, key and tune kept;
 * the family's tempo feel and sounds), titled "<title> (<genre>)", with the same seed, lyrics and
 * language and a link back (one SQL function checks the owner and the state). Creating it spends
 * nothing; generating the draft spends a song as any draft does.
 *
 * @module
 */
import { z } from "zod";
import type { Claims, Db } from "../../ports/db/mod.ts";
import { HttpError } from "../../web/errors.ts";
import { SongPlan } from "./plan.ts";
import { FAMILIES, type Family } from "./synth/genres.ts";
import { restyle } from "./synth/render.ts";
import { TEMPLATES } from "./templates.ts";
import * as store from "./store.ts";
import type { Quota, Song } from "./types.ts";

export const RestyleInput = z.object({
  genre: z.enum(FAMILIES, { error: `One of the studio's genres: ${FAMILIES.join(", ")}` })
    .describe("The genre family to restyle the song as"),
}).strict();
export type RestyleInput = z.infer<typeof RestyleInput>;

/** The genres a song can be restyled as, as the select lists them. */
export const RESTYLE_GENRES: { value: Family; label: string }[] = FAMILIES.map((f) => ({
  value: f,
  label: TEMPLATES[f].name,
}));

/** " (<genre>)" ends the title of a restyle; restyling a restyle replaces it. */
const SUFFIX = new RegExp(
  ` \\((?:${FAMILIES.map((f) => TEMPLATES[f].genre.replace(/[-&]/g, "\\$&")).join("|")})\\)$`,
);

/** `plan` restyled as `family`, titled from the song's `title` (the user's, else the plan's). */
export function restyledPlan(plan: SongPlan, title: string, family: Family): SongPlan {
  const genre = TEMPLATES[family].genre;
  const suffix = ` (${genre})`;
  const base = title.replace(SUFFIX, "").slice(0, 120 - suffix.length).trim();
  const moved = restyle(plan, genre);
  // The family's instruments, and the voices the song already had.
  const voices = plan.instrumentation.filter((i) => /vocal|voice|sing|choir|rap/i.test(i));
  const instrumentation = [...new Set([...moved.instrumentation, ...voices])].slice(0, 12);
  return SongPlan.parse({ ...moved, instrumentation, title: `${base}${suffix}` });
}

/**
 * A new draft restyling the caller's song `id` as `family`, with the caller's quota (unchanged).
 * 404 for anyone else's song, 409 `status` unless it is done or a draft, 409 `plan` if its plan
 * changed meanwhile.
 */
export async function restyleSong(
  p: { db: Db },
  claims: Claims,
  id: string,
  family: Family,
): Promise<{ song: Song; quota: Quota }> {
  return await p.db.asUser(claims, async (tx) => {
    const song = await store.getSong(tx, id);
    if (!song) throw new HttpError(404, "Song not found", { field: "id" });
    const plan = SongPlan.safeParse(song.plan);
    if (!plan.success || !["done", "draft"].includes(song.status)) {
      throw new HttpError(409, "Only a finished song or a draft can be restyled", {
        field: "status",
      });
    }
    const title = song.title ?? plan.data.title;
    const made = await store.restyleSong(tx, id, song.plan, restyledPlan(plan.data, title, family));
    return { song: (await store.getSong(tx, made))!, quota: await store.getQuota(tx) };
  });
}
