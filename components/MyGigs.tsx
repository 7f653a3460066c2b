/**
 * The parts of "My gigs" (/my/gigs): one section per group, one card per gig with its applicant
 * counts and the actions its state allows. Irreversible actions (close, cancel, delete) open a
 * confirmation that spells out what happens, without JavaScript (<details> then a form).
 */
import type { JSX } from "preact";
import type { MyGig, MyGigGroup } from "../lib/domains/gigs/my_gigs.ts";
import { kindLabel } from "../lib/domains/gigs/facts.ts";
import { formatRange, statusLabel } from "../lib/shared/format.ts";
import { EventTime } from "./When.tsx";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";

export const GROUP_TITLES: Record<MyGigGroup, string> = {
  drafts: "Drafts",
  open: "Open",
  filled: "Filled",
  past: "Past",
};

const GROUP_EMPTY: Record<MyGigGroup, string> = {
  drafts: "No drafts. Post a gig and save it as a draft to finish it later.",
  open: "No open gigs: publish a draft, or post a new gig.",
  filled: "No upcoming bookings yet.",
  past: "Nothing has happened yet.",
};

const link = "text-indigo-700 underline hover:text-indigo-900";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ActionForm({ csrf, gigId, intent, children, variant = "secondary", confirmed }: {
  csrf: string;
  gigId: string;
  intent: string;
  children: string;
  variant?: "primary" | "secondary" | "danger";
  /** Sent from a confirmation: the route refuses irreversible steps without it. */
  confirmed?: boolean;
}) {
  return (
    <form method="post" action="/my/gigs" class="inline">
      <CsrfField token={csrf} />
      <input type="hidden" name="gig_id" value={gigId} />
      {confirmed && <input type="hidden" name="confirm" value="yes" />}
      <Button name="intent" value={intent} variant={variant}>{children}</Button>
    </form>
  );
}

/** "Cancel gig…": the consequence first, then the button that does it. */
function Confirm({ csrf, gigId, intent, summary, consequence, yes }: {
  csrf: string;
  gigId: string;
  intent: string;
  summary: string;
  consequence: string;
  yes: string;
}) {
  return (
    <details class="w-full text-sm" data-testid={`confirm-${intent}`}>
      <summary class="cursor-pointer text-red-700 underline">{summary}</summary>
      <div class="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
        <p class="text-red-900">{consequence}</p>
        <ActionForm csrf={csrf} gigId={gigId} intent={intent} variant="danger" confirmed>
          {yes}
        </ActionForm>
      </div>
    </details>
  );
}

function applicantText(g: MyGig): string {
  const parts = [`${g.submitted} new`, `${g.shortlisted} shortlisted`];
  return parts.join(", ");
}

function Actions({ g, csrf }: { g: MyGig; csrf: string }): JSX.Element {
  const active = g.submitted + g.shortlisted;
  // The consequence, spelled out: "Cancelling declines the 4 applicants and tells them."
  const declines = (verb: string) =>
    active === 0
      ? "Nobody has applied yet."
      : `${verb} declines the ${plural(active, "applicant")} and tells them.`;
  switch (g.group) {
    case "drafts":
      return (
        <div class="flex flex-wrap items-center gap-3">
          <a class={link} href={`/gigs/${g.id}/edit`}>Edit draft</a>
          <ActionForm csrf={csrf} gigId={g.id} intent="publish" variant="primary">
            Publish
          </ActionForm>
          <Confirm
            csrf={csrf}
            gigId={g.id}
            intent="delete"
            summary="Delete draft…"
            consequence={`Deleting removes “${g.title}” for good. Nobody has seen it.`}
            yes="Yes, delete the draft"
          />
        </div>
      );
    case "open":
      return (
        <div class="flex flex-wrap items-center gap-3">
          <a class={link} href={`/gigs/${g.id}/applications`}>View applicants</a>
          <Confirm
            csrf={csrf}
            gigId={g.id}
            intent="close"
            summary="Close applications…"
            consequence={`Closing stops applications without booking anyone. ${
              declines("Closing")
            }`}
            yes="Yes, close applications"
          />
          <Confirm
            csrf={csrf}
            gigId={g.id}
            intent="cancel"
            summary="Cancel gig…"
            consequence={`Cancelling calls the gig off. ${declines("Cancelling")}`}
            yes="Yes, cancel the gig"
          />
        </div>
      );
    case "filled":
      return (
        <div class="flex flex-wrap items-center gap-3">
          {g.booking_id && <a class={link} href={`/bookings/${g.booking_id}`}>See the booking</a>}
          <a class={link} href={`/gigs/${g.id}/applications`}>View applicants</a>
        </div>
      );
    default:
      return (
        <div class="flex flex-wrap items-center gap-3">
          <a class={link} href={`/gigs/${g.id}`}>View gig</a>
          {g.booking_id && <a class={link} href={`/bookings/${g.booking_id}`}>See the booking</a>}
        </div>
      );
  }
}

export function MyGigCard({ g, csrf }: { g: MyGig; csrf: string }): JSX.Element {
  const place = g.remote ? "Remote" : [g.venue_name, g.city].filter(Boolean).join(", ");
  const budget = formatRange(g.budget_min_minor, g.budget_max_minor, g.currency);
  return (
    <li class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="my-gig">
      <div class="flex flex-wrap items-start justify-between gap-2">
        <h3 class="text-lg font-semibold">
          <a href={`/gigs/${g.id}`} class="text-indigo-700 hover:underline">{g.title}</a>
        </h3>
        {g.status !== "published" && g.status !== "draft" && (
          <span class="rounded bg-gray-200 px-2 py-0.5 text-xs font-medium text-gray-800">
            {statusLabel("gig", g.status)}
          </span>
        )}
      </div>
      <p class="mt-1 text-sm text-gray-700">
        {kindLabel(g.kind)} · <EventTime at={g.starts_at} tz={g.timezone} sep=" at " />
        {" · "}
        {place || "Place to be confirmed"}
        {budget && ` · Budget ${budget}`}
      </p>
      {g.group !== "drafts" && (
        <p class="mt-1 text-sm font-medium text-gray-900" data-testid="my-gig-applicants">
          Applicants: {applicantText(g)}
        </p>
      )}
      <div class="mt-3">
        <Actions g={g} csrf={csrf} />
      </div>
    </li>
  );
}

export function MyGigSection({ group, gigs, count, csrf }: {
  group: MyGigGroup;
  gigs: MyGig[];
  count: number;
  csrf: string;
}): JSX.Element {
  return (
    <section aria-labelledby={`group-${group}`} class="mb-8" data-testid={`group-${group}`}>
      <h2 id={`group-${group}`} class="mb-3 text-xl font-semibold">
        {GROUP_TITLES[group]} <span class="text-gray-600" data-testid="group-count">({count})</span>
      </h2>
      {gigs.length === 0
        ? <p class="text-gray-600">{GROUP_EMPTY[group]}</p>
        : (
          <ul class="grid gap-3">
            {gigs.map((g) => <MyGigCard key={g.id} g={g} csrf={csrf} />)}
          </ul>
        )}
      {count > gigs.length && (
        <p class="mt-2 text-sm text-gray-600">
          Showing the {gigs.length} most relevant of {count}.
        </p>
      )}
    </section>
  );
}
