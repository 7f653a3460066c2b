/** A musician's public profile: published ones for everyone, drafts for their owner only. */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import {
  listReviewsFor,
  type MusicianProfile,
  type ReviewWithAuthor,
} from "../../lib/domains/gigs/mod.ts";
import { getMusicianProfile } from "../../lib/domains/profiles/mod.ts";
import { formatRange } from "../../lib/domains/gigs/facts.ts";
import { PageTitle } from "../../components/Page.tsx";
import { notFound, parseId } from "../../lib/web/params.ts";
import { listPortfolio, type MediaItem } from "../../lib/domains/media/mod.ts";
import { MediaGallery } from "../../components/MediaView.tsx";
import { savedAmong } from "../../lib/domains/favourites/mod.ts";
import { SaveButton } from "../../components/SaveButton.tsx";

interface Data {
  m: MusicianProfile;
  reviews: ReviewWithAuthor[];
  media: MediaItem[];
  /** Whether the signed-in viewer saved this musician. */
  saved: boolean;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const id = parseId(ctx.params.id, "Musician");
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const data = await ctx.state.platform.db.asUser(claims, async (tx) => {
      const m = await getMusicianProfile(tx, id);
      if (!m) return null;
      const reviews = await listReviewsFor(tx, m.id, { limit: 20 });
      const saved = ctx.state.user ? (await savedAmong(tx, "musician", [m.id])).has(m.id) : false;
      return { m, reviews, saved, media: await listPortfolio(ctx.state.platform, tx, m.id) };
    });
    if (!data) throw notFound("Musician");
    return page(data);
  },
});

export default define.page<typeof handler>(function MusicianPage({ data, state, url }) {
  const { m } = data;
  const fee = formatRange(m.fee_min_minor, m.fee_max_minor, m.currency);
  return (
    <>
      <PageTitle
        sub={[m.instruments.join(", "), [m.city, m.country].filter(Boolean).join(", ")].filter(
          Boolean,
        ).join(" · ")}
      >
        {m.stage_name}
      </PageTitle>
      {m.published && (
        <div class="mb-4">
          <SaveButton
            kind="musician"
            id={m.id}
            label={m.stage_name}
            saved={data.saved}
            back={url.pathname}
            csrf={state.user ? state.csrf : null}
          />
        </div>
      )}
      {!m.published && (
        <p class="mb-4 rounded bg-amber-50 p-2 text-amber-900">
          Draft: only you can see this profile.
        </p>
      )}
      <div class="grid gap-6 md:grid-cols-3">
        <section class="rounded-lg border border-gray-200 bg-white p-4 sm:p-6 md:col-span-2">
          <h2 class="mb-2 text-lg font-semibold">About</h2>
          <p class="whitespace-pre-line text-gray-800">{m.bio || "No bio yet."}</p>
          {m.genres.length > 0 && (
            <p class="mt-3 text-sm">
              <strong>Genres:</strong> {m.genres.join(", ")}
            </p>
          )}
          {m.skills.length > 0 && (
            <p class="text-sm">
              <strong>Skills:</strong> {m.skills.join(", ")}
            </p>
          )}
          {m.languages.length > 0 && (
            <p class="text-sm">
              <strong>Languages:</strong> {m.languages.join(", ")}
            </p>
          )}
        </section>
        <aside class="space-y-4 rounded-lg border border-gray-200 bg-white p-4 sm:p-6">
          {fee && (
            <p>
              <strong>Fee:</strong> {fee}
            </p>
          )}
          <p>
            <strong>Travels:</strong> up to {m.travel_radius_km} km
          </p>
          <p>
            <strong>Rating:</strong> {m.rating_count
              ? `${Number(m.rating_avg).toFixed(1)}★ from ${m.rating_count} review${
                m.rating_count === 1 ? "" : "s"
              }`
              : "no reviews yet"}
          </p>
        </aside>
      </div>
      <MediaGallery items={data.media} />
      {data.reviews.length > 0 && (
        <section class="mt-6">
          <h2 class="mb-2 text-lg font-semibold">Reviews</h2>
          <ul class="space-y-3">
            {data.reviews.map((r) => (
              <li key={r.id} class="rounded-lg border border-gray-200 bg-white p-3">
                <strong>{r.author_name}</strong> · {"★".repeat(r.rating)}
                {r.body && <p class="text-gray-800">{r.body}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
});
