/**
 * An external gig (/gigs/external/<id>): found by the scout in another listing, marked as such,
 * with its source's name and "Apply on <host>" linking out. Anyone may read a public source's
 * gigs; a musician's own sources' gigs only they.
 */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { notFound, parseId } from "../../../lib/web/params.ts";
import { type ExternalGigView, getExternalGig } from "../../../lib/domains/scout/external.ts";
import { ExternalGigDetail, fee, localStart, place } from "../../../components/ScoutGigs.tsx";
import { socialHead } from "../../../lib/web/head.ts";

interface Data {
  gig: ExternalGigView;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const id = parseId(ctx.params.id, "External gig");
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const gig = await ctx.state.platform.db.asUser(claims, (tx) => getExternalGig(tx, id));
    if (!gig) throw notFound("External gig");
    const facts = [localStart(gig), place(gig), fee(gig) && `fee ${fee(gig)}`].filter(Boolean);
    ctx.state.head = socialHead({
      title: `${gig.title} (external gig)`,
      description: `${facts.join(" · ")}. Listed by ${gig.source_name}. ${gig.description}`,
      path: `/gigs/external/${gig.id}`,
      siteUrl: ctx.state.siteUrl,
    });
    return page({ gig });
  },
});

export default define.page<typeof handler>(function ExternalGig({ data }) {
  return (
    <>
      <p class="mb-3 text-sm">
        <a href="/gigs" class="text-indigo-700 underline">All gigs</a>
      </p>
      <ExternalGigDetail gig={data.gig} />
    </>
  );
});
