/**
 * /account/restore: where a signed-in account whose deletion is pending lands (the edge lets such
 * a session reach nothing else, lib/web/deletion_gate.ts). "Restore my account" within the 30
 * days; signing out leaves the deletion as it is.
 */
import { define, type State } from "../../../utils.ts";
import { type FreshContext, page } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { toHttpError } from "../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { accountGates } from "../../../lib/web/account_gate.ts";
import {
  ACCOUNT_PATH,
  cancelDeletion,
  type PendingDeletion,
  pendingDeletion,
} from "../../../lib/domains/account/deletion.ts";
import { formatDate } from "../../../lib/shared/format.ts";
import { CsrfField } from "../../../components/Field.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card, PageTitle } from "../../../components/Page.tsx";

interface Data {
  pending: PendingDeletion | null;
  error?: string;
}

async function load(ctx: FreshContext<State>): Promise<Data> {
  const user = signedIn(ctx.state);
  return { pending: await pendingDeletion(ctx.state.platform.db, user.id) };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    return page(await load(ctx), { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const { platform, secure } = ctx.state;
    try {
      await cancelDeletion(platform.db, user.claims);
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      return page({ ...await load(ctx), error: h.message }, { status: h.status });
    }
    accountGates(platform).forget(user.id);
    return seeOther(ACCOUNT_PATH, [
      flashCookie({ kind: "success", text: "Welcome back: your account is restored." }, secure),
    ]);
  },
});

export default define.page<typeof handler>(function RestorePage({ data, state }) {
  const { pending } = data;
  return (
    <div class="mx-auto max-w-xl">
      <Card>
        <PageTitle>Restore your account</PageTitle>
        {data.error && <p role="alert" class="mb-3 text-red-700">{data.error}</p>}
        {pending
          ? (
            <>
              <p class="mb-4 text-gray-800" data-testid="restore-deadline">
                You asked to delete this account. It will be erased for good on{" "}
                {formatDate(pending.purge_after, state.viewerZone ?? null)}. Until then you can have
                it back as it was (withdrawn applications and closed gigs stay so).
              </p>
              <div class="flex flex-wrap gap-3">
                <form method="post" action="/account/restore">
                  <CsrfField token={state.csrf} />
                  <Button>Restore my account</Button>
                </form>
                <form method="post" action="/signout">
                  <CsrfField token={state.csrf} />
                  <Button variant="secondary">Sign out and keep it deleted</Button>
                </form>
              </div>
            </>
          )
          : (
            <p class="text-gray-800">
              This account is not being deleted.{" "}
              <a class="text-indigo-700 underline" href={ACCOUNT_PATH}>Back to your account</a>
            </p>
          )}
      </Card>
    </div>
  );
});
