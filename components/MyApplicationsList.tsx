/** "My applications": tabs by status with counts, and one card per application. */
import type { JSX } from "preact";
import {
  ACTIVE_STATUSES,
  APPLICATION_STATUSES,
  type ApplicationStatus,
  type MyApplication,
} from "../lib/domains/scout/auto/mod.ts";
import { formatMoney, STATUS_LABELS as STATUS_LABELS_BY_KIND } from "../lib/shared/format.ts";
import { EventTime } from "./When.tsx";

/** The labels of lib/shared/format.ts, typed by status ("submitted" → "Applied"). */
export const STATUS_LABELS = STATUS_LABELS_BY_KIND.application as Record<
  ApplicationStatus,
  string
>;

const STATUS_STYLES: Record<ApplicationStatus, string> = {
  submitted: "bg-indigo-100 text-indigo-900",
  shortlisted: "bg-amber-100 text-amber-900",
  accepted: "bg-green-100 text-green-900",
  declined: "bg-gray-100 text-gray-800",
  withdrawn: "bg-gray-100 text-gray-800",
};

export function StatusBadge({ status }: { status: ApplicationStatus }): JSX.Element {
  return (
    <span class={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLES[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function AutoBadge(): JSX.Element {
  return (
    <span
      class="rounded bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-900"
      title="The scout applied for you"
    >
      Auto-applied
    </span>
  );
}

export function StatusTabs(
  { counts, current }: { counts: Record<ApplicationStatus, number>; current?: ApplicationStatus },
): JSX.Element {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const tab = (href: string, label: string, n: number, on: boolean) => (
    <li key={href}>
      <a
        href={href}
        aria-current={on ? "page" : undefined}
        class={`inline-block rounded-full px-3 py-1 text-sm ${
          on ? "bg-indigo-600 text-white" : "bg-gray-100 text-gray-800 hover:bg-gray-200"
        }`}
      >
        {label} <span class="font-semibold">{n}</span>
      </a>
    </li>
  );
  return (
    <nav aria-label="Applications by status" class="mb-4">
      <ul class="flex flex-wrap gap-2">
        {tab("/my/applications", "All", total, current == null)}
        {APPLICATION_STATUSES.map((s) =>
          tab(`/my/applications?status=${s}`, STATUS_LABELS[s], counts[s], current === s)
        )}
      </ul>
    </nav>
  );
}

export function ApplicationSummary({ a }: { a: MyApplication }): JSX.Element {
  return (
    <div class="min-w-0 flex-1">
      <p class="flex flex-wrap items-center gap-2">
        <a class="font-semibold text-indigo-700 underline" href={`/gigs/${a.gig_id}`}>
          {a.gig.title}
        </a>
        <StatusBadge status={a.status} />
        {a.auto && <AutoBadge />}
      </p>
      <p class="text-sm text-gray-700">
        <EventTime at={a.gig.starts_at} tz={a.gig.timezone} />
        {" · "}
        {a.gig.remote ? "Remote" : a.gig.city ?? "Place to be confirmed"}
        {" · "}
        Your quote: {formatMoney(a.quoted_fee_minor, a.currency)}
      </p>
    </div>
  );
}

export function MyApplicationsList({ items }: { items: MyApplication[] }): JSX.Element {
  return (
    <ul class="grid gap-3" aria-label="Your applications" data-testid="my-applications">
      {items.map((a) => (
        <li
          key={a.id}
          class="flex flex-wrap items-center gap-3 rounded-lg border border-gray-200 bg-white p-4"
        >
          <ApplicationSummary a={a} />
          <a
            href={`/my/applications/${a.id}`}
            class="rounded-md border border-gray-300 px-3 py-2 text-sm font-medium text-gray-900 hover:bg-gray-50"
          >
            {ACTIVE_STATUSES.includes(a.status) ? "View or withdraw" : "View"}
          </a>
        </li>
      ))}
    </ul>
  );
}
