/** "Gigs for me": published gigs ranked for the signed-in musician, each with its reason. */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { getGigs, type Gig } from "../../../lib/domains/gigs/mod.ts";
import { gigsForMusician } from "../../../lib/domains/matching/queries.ts";
import { GigCard } from "../../../components/GigCard.tsx";
import { EmptyState, PageTitle } from "../../../components/Page.tsx";
import { LinkButton } from "../../../components/Button.tsx";
import { signedIn } from "../../../lib/web/guards.ts";
import { type ExternalMatch, externalMatches } from "../../../lib/domains/scout/auto/mod.ts";
import { AutoElsewhere } from "../../../components/AutoElsewhere.tsx";

interface Data {
  hasProfile: boolean;
  items: { gig: Gig; fit: { fit: number; strong: boolean }; reason: string }[];
  /** External gigs (the scout's sources) that fit: the "Elsewhere" section. */
  elsewhere: ExternalMatch[];
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const data = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
      const [mp] = await tx.query("select 1 from public.musician_profiles where id = $1::uuid", [
        user.id,
      ]);
      if (!mp) return { hasProfile: false, items: [], elsewhere: [] };
      const matches = await gigsForMusician(tx, user.id, 20);
      const gigs = new Map((await getGigs(tx, matches.map((m) => m.id))).map((g) => [g.id, g]));
      const items = matches.flatMap((m) => {
        const gig = gigs.get(m.id);
        return gig ? [{ gig, fit: { fit: m.fit, strong: m.strong }, reason: m.reason }] : [];
      });
      return { hasProfile: true, items, elsewhere: await externalMatches(tx, user.id, 10) };
    });
    return page(data);
  },
});

export default define.page<typeof handler>(function Matches({ data }) {
  return (
    <>
      <PageTitle sub="Open gigs ranked by how well they fit your profile, with the reason.">
        Gigs for me
      </PageTitle>
      {!data.hasProfile && (
        <EmptyState title="Tell us what you play">
          <p class="mb-4">
            Matching needs your musician profile: genres, instruments, city and fee.
          </p>
          <LinkButton href="/profile/musician">Create musician profile</LinkButton>
        </EmptyState>
      )}
      {data.hasProfile && data.items.length === 0 && (
        <EmptyState title="No matches yet">
          Only gigs you can play are shown: an instrument you play, a date you are free and a place
          within your travel radius. New gigs are matched as they are published: you will get a
          notification. Meanwhile, <a class="underline" href="/gigs">browse all gigs</a>.
        </EmptyState>
      )}
      {data.items.length > 0 && (
        <ul class="grid gap-3" aria-label="Matching gigs" data-testid="matches">
          {data.items.map((m) => (
            <GigCard key={m.gig.id} gig={m.gig} reason={m.reason} fit={m.fit} />
          ))}
        </ul>
      )}
      {data.hasProfile && <AutoElsewhere items={data.elsewhere} />}
    </>
  );
});
