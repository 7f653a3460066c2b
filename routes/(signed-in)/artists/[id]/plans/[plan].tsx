/**
 * One evolution plan (/artists/<id>/plans/<plan>): followed live while it is analysed, then the
 * analysis and each proposal (confidence in words, evidence with its numbers, the change it would
 * make). The owner approves (a new persona version) or rejects each pending proposal (POST
 * `intent=decide`; a rejection, final, with `confirm=yes` from its disclosure).
 */
import { define } from "../../../../../utils.ts";
import { page } from "../../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../../lib/web/errors.ts";
import { parseId } from "../../../../../lib/web/params.ts";
import { requireConfirmed } from "../../../../../lib/web/confirm.ts";
import { type Artist, DecisionInput, type Plan } from "../../../../../lib/domains/artists/api.ts";
import { decideItem, planView } from "../../../../../lib/domains/artists/plans.ts";
import { artistView } from "../../../../../lib/domains/artists/service.ts";
import { versionPersona } from "../../../../../lib/domains/artists/store.ts";
import type { Persona } from "../../../../../lib/domains/artists/types.ts";
import { ArtistFrame, artistHref, backWith, day } from "../../../../../components/ArtistShell.tsx";
import { PlanStatusBadge, PlanView } from "../../../../../components/ArtistPlan.tsx";

interface Data {
  artist: Artist;
  plan: Plan;
  base: Persona | null;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const planId = parseId(ctx.params.plan, "Plan", "plan");
    const p = ctx.state.platform;
    const artist = await artistView(p, user, id);
    const plan = await planView(p, user, id, planId);
    const base = await p.db.asUser(
      user.claims,
      (tx) => versionPersona(tx, id, plan.based_on_version),
    );
    ctx.state.head = { title: `Plan · ${artist.name}` };
    return page({ artist, plan, base });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const planId = parseId(ctx.params.plan, "Plan", "plan");
    const here = artistHref(id, `/plans/${planId}`);
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "decide") {
      throw new HttpError(400, "Unknown action", { field: "intent" });
    }
    // A plan that is not there (or not the reader's) is a missing page, not a notice.
    await planView(ctx.state.platform, user, id, planId);
    const item = parseId(String(form.get("item") ?? ""), "Proposal", "item");
    const decision = DecisionInput.safeParse({ decision: form.get("decision") });
    if (!decision.success) {
      throw new HttpError(400, "Approve or reject", { field: "decision" });
    }
    // A rejection is final: only the disclosure that says so carries confirm=yes (428 else).
    if (decision.data.decision === "rejected") requireConfirmed(form, "Reject…");
    try {
      const plan = await decideItem(
        ctx.state.platform,
        user,
        id,
        planId,
        item,
        decision.data.decision,
      );
      const decided = plan.items.find((i) => i.id === item);
      return backWith(
        ctx.state.secure,
        here,
        "success",
        decision.data.decision === "approved"
          ? `Approved: a new version (v${decided?.version ?? "?"}) of the persona.`
          : "Rejected: the persona stays as it is.",
      );
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500 || (e.status === 404 && e.field !== "item")) throw err;
      return backWith(ctx.state.secure, here, "error", e.message);
    }
  },
});

export default define.page<typeof handler>(function PlanPage({ data, state }) {
  const { artist, plan } = data;
  return (
    <ArtistFrame
      artist={artist}
      section="plans"
      title={`Plan of ${day(plan.created_at)}`}
      sub={`Made from version ${plan.based_on_version} of the persona.`}
    >
      <p class="flex items-center gap-2 text-sm text-gray-700">
        Status: <PlanStatusBadge status={plan.status} />
        <a href={artistHref(artist.id, "/plans")} class="ml-auto text-indigo-700 underline">
          All plans
        </a>
      </p>
      <PlanView
        artistId={artist.id}
        plan={plan}
        base={data.base}
        owner={artist.owner}
        csrf={state.csrf}
      />
    </ArtistFrame>
  );
});
