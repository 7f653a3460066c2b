/**
 * One of the musician's applications (/my/applications/:id), where "We applied for you"
 * notifications lead: the gig, the quote, the proposal as sent, and Withdraw, which opens its
 * confirmation page (/gigs/<gig>/confirm); a withdrawal can be undone here while the gig is open.
 */
import { define } from "../../../../../utils.ts";
import { page } from "../../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../../../lib/web/params.ts";
import { seeOther } from "../../../../../lib/web/respond.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { HttpError } from "../../../../../lib/web/errors.ts";
import { type Undoable, undoableDecisions } from "../../../../../lib/domains/gigs/undo.ts";
import {
  ACTIVE_STATUSES,
  getMyApplication,
  type MyApplication,
} from "../../../../../lib/domains/scout/auto/mod.ts";
import { ApplicationSummary } from "../../../../../components/MyApplicationsList.tsx";
import { Card, PageTitle } from "../../../../../components/Page.tsx";
import { DecisionButton, UndoButton } from "../../../../../components/DecisionButtons.tsx";

interface Data {
  application: MyApplication;
  /** The withdrawal, while it can still be taken back. */
  undo?: Undoable;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Application");
    const found = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
      const application = await getMyApplication(tx, id);
      if (!application) return null;
      return { application, undo: (await undoableDecisions(tx, [id])).get(id) };
    });
    if (!found) throw notFound("Application");
    return page(found);
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Application");
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "withdraw") {
      throw new HttpError(400, "Unknown action", { field: "intent" });
    }
    const a = await ctx.state.platform.db.asUser(user.claims, (tx) => getMyApplication(tx, id));
    if (!a) throw notFound("Application");
    // Withdrawing happens only from its confirmation page, which says what follows.
    const q = new URLSearchParams({ intent: "withdraw", application_id: id, back: "mine" });
    return seeOther(`/gigs/${a.gig_id}/confirm?${q}`);
  },
});

export default define.page<typeof handler>(function MyApplicationPage({ data, state }) {
  const a = data.application;
  const active = ACTIVE_STATUSES.includes(a.status);
  return (
    <>
      <PageTitle>Your application</PageTitle>
      <p class="mb-4 text-sm">
        <a class="text-indigo-700 underline" href="/my/applications">All my applications</a>
      </p>
      <Card>
        <div class="flex flex-wrap items-center gap-3">
          <ApplicationSummary a={a} />
        </div>
        {a.auto && (
          <p class="mt-3 text-sm text-gray-700">
            The scout sent this for you, from your approved template (
            <a class="underline" href="/settings/auto-apply">auto-apply settings</a>).
          </p>
        )}
        <h2 class="mb-1 mt-4 font-semibold text-gray-900">Proposal as sent</h2>
        <p
          class="whitespace-pre-line rounded-md bg-gray-50 p-3 text-gray-900"
          data-testid="proposal"
        >
          {a.proposal}
        </p>
        {active && (
          <div class="mt-4 flex flex-wrap items-center gap-3">
            <DecisionButton
              gigId={a.gig_id}
              intent="withdraw"
              label="Withdraw"
              applicationId={a.id}
              back="mine"
              variant="danger"
            />
            <p class="flex-1 text-sm text-gray-700">
              Withdraws your application to “{a.gig.title}”: the client is told at once. You can
              undo it while the gig is open.
            </p>
          </div>
        )}
        {a.status === "withdrawn" && data.undo?.kind === "withdrawn" && (
          <div class="mt-4 flex flex-wrap items-center gap-3" data-testid="undo-withdraw">
            <UndoButton
              gigId={a.gig_id}
              csrf={state.csrf}
              intent="withdraw"
              applicationId={a.id}
              back="mine"
              label="Undo withdrawal"
            />
            <p class="flex-1 text-sm text-gray-700">
              The gig still takes applications: undo, and your application stands again.
            </p>
          </div>
        )}
      </Card>
    </>
  );
});
