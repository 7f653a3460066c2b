/**
 * /account: "Download your data" (a zip made by a queued job; its progress, then "Download
 * (expires in 7 days)") and "Delete your account" (after `?confirm=delete`, a step naming what
 * happens; a POST without its `confirm=yes` is a 428 showing that step, and money still held on a
 * booking is a 409 saying how to settle it). Works without JavaScript: each button is a form.
 */
import { define, type State } from "../../../utils.ts";
import { type FreshContext, page } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { clearSessionCookies } from "../../../lib/web/session.ts";
import { accountGates } from "../../../lib/web/account_gate.ts";
import {
  ACCOUNT_PATH,
  deletionConsequences,
  deletionPreview,
  requestDeletion,
} from "../../../lib/domains/account/deletion.ts";
import {
  EXPORT_DAYS,
  type ExportView,
  listExports,
  requestExport,
} from "../../../lib/domains/account/export_job.ts";
import { formatDate, formatDateTime } from "../../../lib/shared/format.ts";
import type { Blocked, Consequences } from "../../../lib/shared/consequences.ts";
import { CsrfField } from "../../../components/Field.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card, EmptyState, PageTitle } from "../../../components/Page.tsx";
import { ConfirmStep } from "../../../components/ConfirmStep.tsx";

interface Data {
  exports: ExportView[];
  step?: Consequences | Blocked;
  reminder?: boolean;
  error?: string;
}

async function load(ctx: FreshContext<State>): Promise<Data> {
  const user = signedIn(ctx.state);
  return { exports: await listExports(ctx.state.platform.db, user.claims) };
}

/** The page with the deletion's confirmation step (409 when something blocks it). */
async function deleteStep(ctx: FreshContext<State>, reminder: boolean, error?: string) {
  const user = signedIn(ctx.state);
  const preview = await deletionPreview(ctx.state.platform.db, user.claims);
  const step = deletionConsequences(preview, ctx.state.viewerZone ?? null);
  const status = "blocked" in step || error ? 409 : reminder ? 428 : 200;
  return page<Data>({ ...await load(ctx), step, reminder, error }, { status });
}

const INTENTS = new Set(["export", "delete"]);

export const handler = define.handlers<Data>({
  async GET(ctx) {
    if (ctx.url.searchParams.get("confirm") === "delete") return await deleteStep(ctx, false);
    return page(await load(ctx));
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const { platform, secure } = ctx.state;
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    try {
      if (!INTENTS.has(intent)) throw new HttpError(400, "Unknown action", { field: "intent" });
      if (intent === "export") {
        await requestExport(platform.db, user.claims);
        platform.worker.wake();
        return seeOther(ACCOUNT_PATH, [
          flashCookie({
            kind: "success",
            text: "We are collecting your data: it is ready in a few moments.",
          }, secure),
        ]);
      }
      // Only the confirmation step's form carries confirm=yes: else show it, change nothing.
      if (form.get("confirm") !== "yes") return await deleteStep(ctx, true);
      const done = await requestDeletion(platform.db, user.claims);
      accountGates(platform).forget(user.id);
      return seeOther("/", [
        ...clearSessionCookies(secure),
        flashCookie({
          kind: "info",
          text:
            `Your account is deleted and you are signed out. Changed your mind? Sign in before ${
              formatDate(done.purge_after, ctx.state.viewerZone ?? null)
            } and choose “Restore my account”.`,
        }, secure),
      ]);
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      if (intent === "delete" && h.status === 409) return await deleteStep(ctx, false, h.message);
      return page({ ...await load(ctx), error: h.message }, { status: h.status });
    }
  },
});

const STATUS_TEXT: Record<ExportView["status"], string> = {
  queued: "Waiting its turn…",
  running: "Collecting…",
  ready: "Ready",
  failed: "Failed",
};

function progressText(e: ExportView): string {
  const p = e.progress as Partial<Record<string, number>>;
  if (e.status !== "running" || p.tables_total === undefined) return STATUS_TEXT[e.status];
  return `Collecting: ${p.tables ?? 0} of ${p.tables_total} tables, ${p.files ?? 0} of ${
    p.files_total ?? 0
  } files`;
}

/** "7 days", "1 day": what is left of a download's week, rounded up. */
function daysLeft(expiresAt: string | null): string {
  const n = expiresAt
    ? Math.max(1, Math.ceil((new Date(expiresAt).getTime() - Date.now()) / 86_400_000))
    : EXPORT_DAYS;
  return n === 1 ? "1 day" : `${n} days`;
}

function ExportRow({ e, zone }: { e: ExportView; zone: string | null }) {
  const expired = e.status === "ready" && !e.available;
  return (
    <li class="flex flex-wrap items-center justify-between gap-2 py-3" data-testid="export-row">
      <span class="text-gray-800">
        Asked {formatDateTime(e.created_at, zone)} ·{" "}
        <span data-testid="export-status">{expired ? "Expired" : progressText(e)}</span>
        {e.status === "failed" && e.error && <span class="block text-red-700">{e.error}</span>}
      </span>
      {e.available && (
        <a
          class="inline-flex min-h-[44px] items-center rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
          href={`/account/exports/${e.id}`}
          data-testid="export-download"
        >
          Download (expires in {daysLeft(e.expires_at)})
        </a>
      )}
    </li>
  );
}

export default define.page<typeof handler>(function AccountPage({ data, state }) {
  const zone = state.viewerZone ?? null;
  if (data.step) {
    return (
      <div class="mx-auto max-w-2xl">
        <ConfirmStep
          preview={data.step}
          action={ACCOUNT_PATH}
          fields={{ intent: "delete" }}
          backHref={ACCOUNT_PATH}
          csrf={state.csrf}
          reminder={data.reminder}
          error={data.error}
        />
      </div>
    );
  }
  const busy = data.exports.some((e) => e.status === "queued" || e.status === "running");
  return (
    <div class="mx-auto max-w-2xl space-y-6">
      <PageTitle sub="What Soundcheck holds about you, and how to leave.">Your account</PageTitle>
      {data.error && <p role="alert" class="text-red-700">{data.error}</p>}
      <Card>
        <h2 class="mb-2 text-xl font-semibold text-gray-900">Download your data</h2>
        <p class="mb-4 text-gray-700">
          A zip with every record about you (profile, gigs, applications, bookings and payments,
          your messages, notifications, playlists, songs, artists…) as JSON, and every file you
          uploaded. Links work for {EXPORT_DAYS} days.
        </p>
        {data.exports.length === 0
          ? <EmptyState title="No downloads yet">Ask for one below.</EmptyState>
          : (
            <ul class="mb-4 divide-y divide-gray-200" aria-label="Your downloads">
              {data.exports.map((e) => <ExportRow key={e.id} e={e} zone={zone} />)}
            </ul>
          )}
        {busy
          ? (
            <p class="text-gray-700" role="status">
              {/* The job takes seconds: the page reloads itself until the zip is ready. */}
              <meta http-equiv="refresh" content="3" />
              This page refreshes itself every few seconds.{" "}
              <a class="text-indigo-700 underline" href={ACCOUNT_PATH}>Refresh now</a>
            </p>
          )
          : (
            <form method="post" action={ACCOUNT_PATH}>
              <CsrfField token={state.csrf} />
              <input type="hidden" name="intent" value="export" />
              <Button>Collect my data</Button>
            </form>
          )}
      </Card>
      <Card>
        <h2 class="mb-2 text-xl font-semibold text-gray-900">Delete your account</h2>
        <p class="mb-4 text-gray-700">
          You are signed out at once and your profile disappears. For 30 days you can sign in and
          restore it; after that everything personal is erased for good.
        </p>
        <a
          class="inline-flex min-h-[44px] items-center rounded-md border border-red-300 bg-white px-4 py-2 font-medium text-red-700 hover:bg-red-50"
          href={`${ACCOUNT_PATH}?confirm=delete`}
          data-testid="delete-account"
        >
          Delete my account…
        </a>
      </Card>
    </div>
  );
});
