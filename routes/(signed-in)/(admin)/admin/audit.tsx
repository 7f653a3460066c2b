/**
 * /admin/audit: the audit log, newest first, 50 at a time ("Older" follows the last id shown),
 * filtered by actor (part of an admin's e-mail, or their id), action (a prefix: `queue.`) and
 * target (an id, a type, or type:id). Each entry shows the keys its change touched, before and
 * after. Admins read the log through RLS; nobody can change it.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import {
  type AuditEntry,
  AuditFilter,
  auditPage,
  changes,
} from "../../../../lib/domains/admin/audit_log.ts";
import { formatDateTime } from "../../../../lib/shared/format.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { EmptyState, PageTitle } from "../../../../components/Page.tsx";
import { Field } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";

type Raw = Record<"actor" | "action" | "target", string>;

interface Data {
  rows: AuditEntry[];
  next: number | null;
  /** Older pages are being shown: offer the newest. */
  paged: boolean;
  values: Raw;
  errors?: Record<string, string>;
}

const FIELDS = ["actor", "action", "target"] as const;

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { claims } = signedIn(ctx.state);
    const q = ctx.url.searchParams;
    const values = Object.fromEntries(
      FIELDS.map((k) => [k, (q.get(k) ?? "").slice(0, 300)]),
    ) as Raw;
    const filter = AuditFilter.safeParse({ ...values, before: q.get("before") ?? undefined });
    if (!filter.success) {
      const errors: Record<string, string> = {};
      for (const i of filter.error.issues) errors[String(i.path[0])] ??= i.message;
      return page({ rows: [], next: null, paged: false, values, errors }, { status: 422 });
    }
    const { rows, next } = await ctx.state.platform.db.asUser(
      claims,
      (tx) => auditPage(tx, filter.data),
    );
    return page({ rows, next, paged: filter.data.before !== undefined, values });
  },
});

/** The page's link with the same filters and another cursor. */
function pageHref(values: Raw, before: number | null): string {
  const q = new URLSearchParams();
  for (const k of FIELDS) if (values[k]) q.set(k, values[k]);
  if (before !== null) q.set("before", String(before));
  const s = q.toString();
  return s ? `/admin/audit?${s}` : "/admin/audit";
}

function Entry({ e, tz }: { e: AuditEntry; tz: string | null }) {
  const diff = changes(e.before, e.after);
  return (
    <li class="rounded-lg border border-gray-200 bg-white p-4" data-testid="audit-entry">
      <p class="font-semibold break-words">
        {e.action}{" "}
        <span class="font-normal text-gray-700">
          on {e.target_type}
          {e.target_id ? ` ${e.target_id}` : ""}
        </span>
      </p>
      <p class="text-sm text-gray-600 break-words">
        {e.actor_email ?? e.actor_id ?? "the system"} · {formatDateTime(e.at, tz)}
      </p>
      {e.reason && <p class="mt-1 break-words">Reason: {e.reason}</p>}
      {diff.length > 0 && (
        <div class="mt-2 overflow-x-auto">
          <table class="w-full text-sm">
            <caption class="sr-only">What changed</caption>
            <thead class="text-left text-gray-600">
              <tr>
                <th scope="col" class="pr-3">Field</th>
                <th scope="col" class="pr-3">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {diff.map((c) => (
                <tr key={c.key} class="border-t border-gray-100 align-top">
                  <th scope="row" class="pr-3 font-medium">{c.key}</th>
                  <td class="pr-3 break-all font-mono text-red-800">{c.before}</td>
                  <td class="break-all font-mono text-green-800">{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

export default define.page<typeof handler>(function AdminAudit({ data, state }) {
  const e = data.errors ?? {};
  return (
    <>
      <PageTitle sub="Every admin action: who, what, on what, and what changed.">
        Audit log
      </PageTitle>
      <p class="mb-4 text-sm">
        <a href="/admin" class="text-indigo-700 underline">Back to the console</a>
      </p>
      <form method="get" action="/admin/audit" class="mb-6 grid gap-x-3 sm:grid-cols-3" noValidate>
        <Field
          name="actor"
          label="Admin"
          hint="Part of an e-mail, or an id"
          value={data.values.actor}
          error={e.actor}
        />
        <Field
          name="action"
          label="Action"
          hint="Starts with, e.g. queue."
          value={data.values.action}
          error={e.action}
        />
        <Field
          name="target"
          label="Target"
          hint="An id, a type, or type:id"
          value={data.values.target}
          error={e.target}
        />
        {e.before && <p role="alert" class="mb-3 text-red-700 sm:col-span-3">{e.before}</p>}
        <div class="sm:col-span-3">
          <Button variant="secondary">Filter</Button>
        </div>
      </form>
      {data.rows.length === 0
        ? (
          <EmptyState title="No entries">
            {data.errors ? "Fix the filter above." : "No admin action matches yet."}
          </EmptyState>
        )
        : (
          <ol class="space-y-3" data-testid="audit-log">
            {data.rows.map((r) => <Entry key={r.id} e={r} tz={state.viewerZone ?? null} />)}
          </ol>
        )}
      <nav aria-label="Pages of the log" class="mt-6 flex flex-wrap gap-4">
        {data.paged && (
          <a href={pageHref(data.values, null)} class="text-indigo-700 underline">Newest</a>
        )}
        {data.next !== null && (
          <a href={pageHref(data.values, data.next)} class="text-indigo-700 underline" rel="next">
            Older
          </a>
        )}
      </nav>
    </>
  );
});
