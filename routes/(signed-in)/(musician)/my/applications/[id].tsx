/**
 * One of the musician's applications (/my/applications/:id), where "We applied for you"
 * notifications lead: the gig, the quote, the proposal as sent, and a single Withdraw button with
 * its consequence spelled out beside it.
 */
import { define } from "../../../../../utils.ts";
import { page } from "../../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../../../lib/web/params.ts";
import { flashCookie, seeOther } from "../../../../../lib/web/respond.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { HttpError } from "../../../../../lib/web/errors.ts";
import { withdraw } from "../../../../../lib/domains/gigs/applications.ts";
import {
  ACTIVE_STATUSES,
  getMyApplication,
  type MyApplication,
} from "../../../../../lib/domains/scout/auto/mod.ts";
import { ApplicationSummary } from "../../../../../components/MyApplicationsList.tsx";
import { Card, PageTitle } from "../../../../../components/Page.tsx";
import { Button } from "../../../../../components/Button.tsx";
import { CsrfField } from "../../../../../components/Field.tsx";

interface Data {
  application: MyApplication;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Application");
    const application = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => getMyApplication(tx, id),
    );
    if (!application) throw notFound("Application");
    return page({ application });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Application");
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "withdraw") {
      throw new HttpError(400, "Unknown action", { field: "intent" });
    }
    await ctx.state.platform.db.asUser(user.claims, (tx) => withdraw(tx, id));
    return seeOther(`/my/applications/${id}`, [
      flashCookie(
        { kind: "success", text: "Withdrawn. The client has been told." },
        ctx.state.secure,
      ),
    ]);
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
          <form
            method="post"
            action={`/my/applications/${a.id}`}
            class="mt-4 flex flex-wrap items-center gap-3"
          >
            <CsrfField token={state.csrf} />
            <Button name="intent" value="withdraw" variant="danger">Withdraw</Button>
            <p class="flex-1 text-sm text-gray-700">
              Withdraws your application to “{a.gig.title}”: the client is told at once. You can
              apply again while the gig is open.
            </p>
          </form>
        )}
      </Card>
    </>
  );
});
