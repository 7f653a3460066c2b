/**
 * /reports: what the signed-in user reported and what the moderators decided (the link of the
 * 'report_resolved' notification), newest first.
 */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../lib/web/guards.ts";
import {
  listOwnReports,
  reasonLabel,
  type Report,
  TARGET_WORDS,
} from "../../lib/domains/moderation/mod.ts";
import { statusLabel } from "../../lib/shared/format.ts";
import { When } from "../../components/When.tsx";
import { EmptyState, PageTitle } from "../../components/Page.tsx";

interface Data {
  reports: Report[];
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { claims } = signedIn(ctx.state);
    const reports = await ctx.state.platform.db.asUser(claims, (tx) => listOwnReports(tx));
    return page({ reports });
  },
});

/** The outcome in words, for the reporter. */
function outcome(r: Report): string {
  if (r.status === "hidden") return "Our moderators removed it: it is hidden from everyone now.";
  if (r.status === "dismissed") {
    return "Our moderators found no breach of our rules, so it stays up.";
  }
  return "Our moderators have not looked at it yet. We will tell you what we decide.";
}

const badge = {
  open: "bg-amber-100 text-amber-900",
  hidden: "bg-green-100 text-green-900",
  dismissed: "bg-gray-200 text-gray-900",
} as const;

export default define.page<typeof handler>(function Reports({ data }) {
  return (
    <>
      <PageTitle sub="What you reported to our moderators, and what they decided.">
        Your reports
      </PageTitle>
      {data.reports.length === 0
        ? (
          <EmptyState title="You have not reported anything">
            If a profile, gig, message or artist breaks our rules, use “Report” on it and our
            moderators will take a look.
          </EmptyState>
        )
        : (
          <ul class="space-y-3" data-testid="own-reports">
            {data.reports.map((r) => (
              <li
                key={r.id}
                id={`report-${r.id}`}
                class="rounded-lg border border-gray-200 bg-white p-4"
                data-status={r.status}
              >
                <div class="flex flex-wrap items-baseline justify-between gap-2">
                  <p class="min-w-0 break-words font-semibold text-gray-900">
                    The {TARGET_WORDS[r.target_type]} “{r.target_label}”
                  </p>
                  <span class={`rounded px-2 py-0.5 text-sm font-medium ${badge[r.status]}`}>
                    {statusLabel("report", r.status)}
                  </span>
                </div>
                <p class="text-sm text-gray-600">
                  {reasonLabel(r.reason)} · reported <When at={r.created_at} />
                  {r.resolved_at && (
                    <>
                      {" "}· decided <When at={r.resolved_at} />
                    </>
                  )}
                </p>
                {r.details && <p class="mt-1 break-words text-gray-800">“{r.details}”</p>}
                <p class="mt-2 text-gray-900" data-testid="report-outcome">{outcome(r)}</p>
                {r.resolution_note && (
                  <p class="mt-1 break-words text-gray-700">
                    Moderator's note: {r.resolution_note}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
    </>
  );
});
