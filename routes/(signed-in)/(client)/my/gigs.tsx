/**
 * /my/gigs: a client's gigs by state (drafts, open with applicant counts, filled, past) with the
 * actions each allows: edit or publish or delete a draft; view applicants, close or cancel an open
 * gig (each after a confirmation that says who is told); see a booking.
 */
import { z } from "zod";
import { define, type State } from "../../../../utils.ts";
import { type FreshContext, page } from "../../../../lib/fresh_runtime/mod.ts";
import {
  cancelGig,
  closeGig,
  deleteDraftGig,
  publishGig,
} from "../../../../lib/domains/gigs/mod.ts";
import { listMyGigs, MY_GIG_GROUPS, type MyGigs } from "../../../../lib/domains/gigs/my_gigs.ts";
import { dbFailure } from "../../../../lib/ports/db/errors.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { notFound, parseId } from "../../../../lib/web/params.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { MyGigSection } from "../../../../components/MyGigs.tsx";
import { LinkButton } from "../../../../components/Button.tsx";
import { PageTitle } from "../../../../components/Page.tsx";

interface Data {
  gigs: MyGigs;
  error?: string;
}

const Intent = z.enum(["publish", "close", "cancel", "delete"]);

const DONE: Record<z.infer<typeof Intent>, string> = {
  publish: "Your gig is published. Matching musicians are being told.",
  close: "Applications are closed and the applicants are told.",
  cancel: "The gig is cancelled and the applicants are told.",
  delete: "The draft is deleted.",
};

async function load(ctx: FreshContext<State>, error?: string, status = 200) {
  const user = signedIn(ctx.state);
  const gigs = await ctx.state.platform.db.asUser(user.claims, (tx) => listMyGigs(tx));
  return page({ gigs, error }, { status });
}

export const handler = define.handlers<Data>({
  GET: (ctx) => load(ctx),
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const intent = Intent.safeParse(form.get("intent"));
    if (!intent.success) return await load(ctx, "Unknown action", 400);
    const gigId = parseId(String(form.get("gig_id") ?? ""), "Gig", "gig_id");
    if (intent.data !== "publish" && form.get("confirm") !== "yes") {
      // Close, cancel and delete cannot be undone: only the confirmation's button carries this.
      return await load(ctx, "Confirm first: open the action and read what it does.", 428);
    }
    const { db } = ctx.state.platform;
    try {
      const ok = await db.asUser(user.claims, async (tx) => {
        switch (intent.data) {
          case "publish":
            return Boolean(await publishGig(tx, gigId));
          case "close":
            return Boolean(await closeGig(tx, gigId));
          case "cancel":
            return Boolean(await cancelGig(tx, gigId));
          case "delete":
            return await deleteDraftGig(tx, gigId);
        }
      });
      if (!ok) throw notFound("Gig", "gig_id");
    } catch (err) {
      const f = dbFailure(err);
      if (!f || f.status === 404) throw err;
      return await load(ctx, f.message, f.status);
    }
    if (intent.data === "publish") ctx.state.platform.worker.wake();
    return seeOther("/my/gigs", [
      flashCookie({ kind: "success", text: DONE[intent.data] }, ctx.state.secure),
    ]);
  },
});

export default define.page<typeof handler>(function MyGigsPage({ data, state }) {
  const { groups, counts } = data.gigs;
  const total = MY_GIG_GROUPS.reduce((n, g) => n + counts[g], 0);
  return (
    <>
      <div class="flex flex-wrap items-start justify-between gap-4">
        <PageTitle sub="Your gigs by state, with who applied and what you can do next.">
          My gigs
        </PageTitle>
        <LinkButton href="/gigs/new">Post a gig</LinkButton>
      </div>
      {data.error && (
        <p role="alert" class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
          {data.error}
        </p>
      )}
      {total === 0
        ? (
          <div
            class="rounded-lg border-2 border-dashed border-gray-300 p-8 text-center"
            data-testid="my-gigs-empty"
          >
            <p class="text-lg font-medium text-gray-900">You have not posted a gig yet</p>
            <p class="mt-2 text-gray-600">
              Post one: musicians who match are told, and their applications show up here.
            </p>
          </div>
        )
        : MY_GIG_GROUPS.map((g) => (
          <MyGigSection
            key={g}
            group={g}
            gigs={groups[g]}
            count={counts[g]}
            csrf={state.csrf}
          />
        ))}
    </>
  );
});
