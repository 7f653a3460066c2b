/** A musician's public profile: published ones for everyone, drafts for their owner only. */
import { define, type State } from "../../utils.ts";
import { socialHead } from "../../lib/web/head.ts";
import { placeName } from "../../lib/domains/gigs/facts.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import {
  listReviewsFor,
  type MusicianProfile,
  type ReviewWithAuthor,
  type TrustFacts as Facts,
  trustFacts,
} from "../../lib/domains/gigs/mod.ts";
import { getMusicianProfile } from "../../lib/domains/profiles/mod.ts";
import { formatRange } from "../../lib/shared/format.ts";
import { PageTitle } from "../../components/Page.tsx";
import { notFound, parseId } from "../../lib/web/params.ts";
import { listPortfolio, type MediaItem } from "../../lib/domains/media/mod.ts";
import { MediaGallery } from "../../components/MediaView.tsx";
import { savedAmong } from "../../lib/domains/favourites/mod.ts";
import { SaveButton } from "../../components/SaveButton.tsx";
import { Avatar } from "../../components/Avatar.tsx";
import { TrustFacts } from "../../components/TrustFacts.tsx";
import { ownHidden } from "../../lib/domains/moderation/mod.ts";
import { HiddenNotice, ReportLink } from "../../components/ReportLink.tsx";
import { musicianVerifiedAt } from "../../lib/domains/profiles/verified.ts";

interface Data {
  m: MusicianProfile;
  reviews: ReviewWithAuthor[];
  media: MediaItem[];
  /** Whether the signed-in viewer saved this musician. */
  saved: boolean;
  /** Rating, completed bookings and member since (public.musician_trust_facts). */
  facts?: Facts;
  avatarUrl: string | null;
  /** Whether the viewer is this musician, and why moderators hid the profile (theirs only). */
  own: boolean;
  hidden?: string;
  /** An admin checked who they are (public.admin_verify_musician). */
  verified: boolean;
}

/** The profile's title, description and share card (with the photo when there is one). */
function musicianHead(state: State, m: MusicianProfile) {
  const what = [m.instruments.join(", "), placeName(m.city, m.country)].filter(Boolean).join(" · ");
  const fee = formatRange(m.fee_min_minor, m.fee_max_minor, m.currency);
  const bio = m.bio?.trim();
  return socialHead({
    title: m.stage_name,
    description: [what, fee && `fee ${fee}`, bio].filter(Boolean).join(". ") ||
      `${m.stage_name} on Soundcheck`,
    path: `/musicians/${m.id}`,
    siteUrl: state.siteUrl,
    type: "profile",
    image: m.avatar_path ? state.platform.storage.publicUrl("avatars", m.avatar_path) : null,
    imageAlt: `Photo of ${m.stage_name}`,
    noindex: !m.published,
  });
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
      const facts = (await trustFacts(tx, [m.id])).get(m.id);
      const avatarUrl = m.avatar_path
        ? ctx.state.platform.storage.publicUrl("avatars", m.avatar_path)
        : null;
      const media = await listPortfolio(ctx.state.platform, tx, m.id);
      const own = ctx.state.user?.id === m.id;
      const hidden = own ? (await ownHidden(tx, "profile", [m.id])).get(m.id) : undefined;
      const verified = (await musicianVerifiedAt(tx, m.id)) !== null;
      return { m, reviews, saved, facts, avatarUrl, media, verified, own, hidden };
    });
    if (!data) throw notFound("Musician");
    ctx.state.head = musicianHead(ctx.state, data.m);
    return page(data);
  },
});

export default define.page<typeof handler>(function MusicianPage({ data, state, url }) {
  const { m } = data;
  const fee = formatRange(m.fee_min_minor, m.fee_max_minor, m.currency);
  return (
    <>
      <div class="flex items-start gap-4">
        <Avatar name={m.stage_name} url={data.avatarUrl} size={64} />
        <div class="min-w-0 flex-1">
          <PageTitle
            sub={[m.instruments.join(", "), [m.city, m.country].filter(Boolean).join(", ")]
              .filter(Boolean).join(" · ")}
          >
            {m.stage_name}
            {data.verified && (
              <span
                class="ml-2 inline-block rounded bg-green-100 px-2 py-0.5 align-middle text-sm font-medium text-green-800"
                title="Soundcheck checked who this musician is"
                data-testid="verified-badge"
              >
                ✓ Verified
              </span>
            )}
          </PageTitle>
        </div>
      </div>
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
      {data.hidden && <HiddenNotice reason={data.hidden} />}
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
          <TrustFacts facts={data.facts} />
        </aside>
      </div>
      <MediaGallery items={data.media} />
      {!data.own && (
        <p class="mt-4">
          <ReportLink type="profile" id={m.id} back={url.pathname} label="Report this profile" />
        </p>
      )}
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
