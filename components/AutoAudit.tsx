/** "What the scout did": the audit trail of auto-apply or auto-shortlist, newest first. */
import type { JSX } from "preact";
import { When } from "./When.tsx";
import { type AuditEntry, describeAudit } from "../lib/domains/scout/auto/mod.ts";

const BADGES: Record<AuditEntry["action"], string> = {
  applied: "bg-green-100 text-green-900",
  shortlisted: "bg-green-100 text-green-900",
  skipped: "bg-amber-100 text-amber-900",
  withdrawn: "bg-gray-100 text-gray-800",
  settings_changed: "bg-gray-100 text-gray-800",
  template_approved: "bg-indigo-100 text-indigo-900",
  enabled: "bg-indigo-100 text-indigo-900",
  disabled: "bg-gray-100 text-gray-800",
};

const LABELS: Record<AuditEntry["action"], string> = {
  applied: "Applied",
  shortlisted: "Shortlisted",
  skipped: "Skipped",
  withdrawn: "Withdrawn",
  settings_changed: "Settings",
  template_approved: "Approved",
  enabled: "On",
  disabled: "Off",
};

export function AutoAudit(
  { entries, linkApplications = false }: { entries: AuditEntry[]; linkApplications?: boolean },
): JSX.Element {
  return (
    <section aria-labelledby="audit-title" class="mt-8">
      <h2 id="audit-title" class="mb-3 text-xl font-semibold text-gray-900">What the scout did</h2>
      {entries.length === 0
        ? <p class="text-gray-600">Nothing yet. Every action and every skip will be listed here.</p>
        : (
          <ol
            class="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white"
            data-testid="audit"
          >
            {entries.map((e) => (
              <li key={e.id} class="flex flex-wrap items-start gap-2 p-3">
                <span class={`rounded px-2 py-0.5 text-xs font-semibold ${BADGES[e.action]}`}>
                  {LABELS[e.action]}
                </span>
                <span class="min-w-0 flex-1 text-gray-900">
                  {describeAudit(e)}
                  {typeof e.details.reason === "string" && (
                    <span class="block text-sm text-gray-600">{e.details.reason}</span>
                  )}
                </span>
                <When class="text-sm text-gray-600" at={e.at} />
                {linkApplications && e.application_id && e.action === "applied" && (
                  <a
                    class="w-full text-sm text-indigo-700 underline"
                    href={`/my/applications/${e.application_id}`}
                  >
                    See the application
                  </a>
                )}
                {!linkApplications && e.gig_id && (
                  <a
                    class="w-full text-sm text-indigo-700 underline"
                    href={`/gigs/${e.gig_id}/applications`}
                  >
                    See the applicants
                  </a>
                )}
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
