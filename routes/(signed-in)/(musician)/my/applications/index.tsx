/** "My applications" (/my/applications): the musician's applications by status, with counts. */
import { define } from "../../../../../utils.ts";
import { page } from "../../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  listMyApplications,
  type MyApplicationsBody,
} from "../../../../../lib/domains/scout/auto/mod.ts";
import {
  MyApplicationsList,
  STATUS_LABELS,
  StatusTabs,
} from "../../../../../components/MyApplicationsList.tsx";
import { EmptyState, PageTitle } from "../../../../../components/Page.tsx";

interface Data extends MyApplicationsBody {
  status?: ApplicationStatus;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const raw = ctx.url.searchParams.get("status");
    // An unknown status shows them all rather than an error: it only ever comes from a link.
    const status = APPLICATION_STATUSES.find((s) => s === raw);
    const body = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => listMyApplications(tx, status),
    );
    return page({ ...body, status });
  },
});

export default define.page<typeof handler>(function MyApplications({ data }) {
  return (
    <>
      <PageTitle sub="Every gig you applied to, and where each stands.">My applications</PageTitle>
      <p class="mb-4 text-sm">
        <a class="text-indigo-700 underline" href="/settings/auto-apply">Auto-apply settings</a>
        {" · "}
        <a class="text-indigo-700 underline" href="/matches">Gigs for me</a>
      </p>
      <StatusTabs counts={data.counts} current={data.status} />
      {data.applications.length === 0
        ? (
          <EmptyState
            title={data.status
              ? `No applications here: ${STATUS_LABELS[data.status].toLowerCase()}`
              : "No applications yet"}
          >
            Find gigs that fit you on{" "}
            <a class="underline" href="/matches">Gigs for me</a>, or let the scout apply for you:
            {" "}
            <a class="underline" href="/settings/auto-apply">auto-apply</a>.
          </EmptyState>
        )
        : <MyApplicationsList items={data.applications} />}
    </>
  );
});
