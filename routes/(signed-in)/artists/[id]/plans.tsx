/**
 * An artist's evolution plans (/artists/<id>/plans): the latest plans and, for the owner,
 * "Analyse now" (POST), which queues a plan and goes to its page, where it is followed live.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../lib/web/errors.ts";
import { parseId } from "../../../../lib/web/params.ts";
import type { Artist, Plan } from "../../../../lib/domains/artists/api.ts";
import { requestPlan } from "../../../../lib/domains/artists/plans.ts";
import { artistView } from "../../../../lib/domains/artists/service.ts";
import { listPlans } from "../../../../lib/domains/artists/store.ts";
import { EmptyState } from "../../../../components/Page.tsx";
import { CsrfField } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";
import { ArtistFrame, artistHref, backWith, Panel } from "../../../../components/ArtistShell.tsx";
import { PlanList } from "../../../../components/ArtistPlan.tsx";

interface Data {
  artist: Artist;
  plans: Omit<Plan, "analysis" | "items">[];
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const p = ctx.state.platform;
    const artist = await artistView(p, user, id);
    const plans = await p.db.asUser(user.claims, (tx) => listPlans(tx, id));
    ctx.state.head = { title: `Plans · ${artist.name}` };
    return page({ artist, plans });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "analyse") {
      throw new HttpError(400, "Unknown action", { field: "intent" });
    }
    try {
      const plan = await requestPlan(ctx.state.platform, user, id);
      return backWith(
        ctx.state.secure,
        artistHref(id, `/plans/${plan.id}`),
        "info",
        "Analysing: this page shows each step and the proposals when they are ready.",
      );
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500 || (e.status === 404 && e.field === "id")) throw err;
      const text = e.field === "metrics"
        ? "Import the artist's streaming figures on the dashboard first: there is nothing to analyse yet."
        : e.message;
      return backWith(ctx.state.secure, artistHref(id, "/plans"), "error", text);
    }
  },
});

export default define.page<typeof handler>(function PlansPage({ data, state }) {
  const { artist } = data;
  return (
    <ArtistFrame
      artist={artist}
      section="plans"
      title="Plans"
      sub="How the persona could evolve, from what the figures say works. Every change waits for the owner."
    >
      {artist.owner && (
        <Panel id="plans-new" title="Analyse the figures">
          <p class="mb-3 text-gray-700">
            Each track's sound (tempo, energy, mode, mood…) and content is related to how it
            performed; changes are proposed only where the numbers are clear.
          </p>
          <form method="post" action={artistHref(artist.id, "/plans")}>
            <CsrfField token={state.csrf} />
            <Button name="intent" value="analyse">Analyse now</Button>
          </form>
        </Panel>
      )}
      <section aria-labelledby="plans-list">
        <h2 id="plans-list" class="mb-3 text-lg font-semibold text-gray-900">Earlier plans</h2>
        {data.plans.length
          ? <PlanList artistId={artist.id} plans={data.plans} />
          : (
            <EmptyState title="No plans yet">
              Import streaming figures, then ask for an analysis: a plan lists the changes the
              figures support, with their evidence.
            </EmptyState>
          )}
      </section>
    </ArtistFrame>
  );
});
