/**
 * The gig owner's applicants (best match first), shared by the gig page and
 * /gigs/<id>/applications: who they are (photo, rating, gigs booked through Soundcheck, member
 * since), their fit, quote, media and proposal, and the actions. Shortlist posts at once; accept
 * and decline open their confirmation page; a decline still in its window can be undone here.
 */
import type { JSX } from "preact";
import { MatchFit } from "./MatchFit.tsx";
import type { GigView, RankedApplication } from "../lib/domains/gigs/view.ts";
import type { DecisionBack } from "../lib/domains/gigs/confirm.ts";
import type { TrustFacts as Facts } from "../lib/domains/gigs/trust.ts";
import type { Undoable } from "../lib/domains/gigs/undo.ts";
import { formatMoney, formatTime, statusLabel } from "../lib/shared/format.ts";
import type { GigMedia } from "../lib/domains/media/gig.ts";
import { ApplicantMedia } from "./MediaApplicant.tsx";
import { Avatar } from "./Avatar.tsx";
import { TrustFacts } from "./TrustFacts.tsx";
import { ActionButton, DecisionButton, UndoButton } from "./DecisionButtons.tsx";

const card = "rounded-lg border border-gray-200 bg-white p-4 sm:p-6";

/** What the list shows beside each application, loaded by the page (one query each). */
export interface ApplicantExtras {
  /** By musician id. */
  trust?: Record<string, Facts>;
  /** By musician id: the uploaded photo's URL. */
  avatars?: Record<string, string>;
  /** By application id: the owner's decisions still undoable. */
  undo?: Record<string, Undoable>;
}

function Applicant({ a, csrf, open, media, extras, back, gigId, timezone }: {
  a: RankedApplication;
  csrf: string;
  open: boolean;
  media?: GigMedia;
  extras: ApplicantExtras;
  back: DecisionBack;
  gigId: string;
  timezone: string;
}) {
  const active = a.status === "submitted" || a.status === "shortlisted";
  const name = a.musician.stage_name ?? a.musician.display_name;
  const undo = extras.undo?.[a.id];
  return (
    <li class="border-t border-gray-200 py-3 first:border-t-0" data-testid="applicant">
      <div class="flex items-start gap-3">
        <Avatar name={name} url={extras.avatars?.[a.musician_id] ?? null} size={48} />
        <div class="min-w-0 flex-1">
          <p class="font-semibold">
            <a class="text-indigo-700 hover:underline" href={`/musicians/${a.musician_id}`}>
              {name}
            </a>
            <span
              class="ml-2 rounded bg-gray-100 px-1.5 text-xs text-gray-700"
              data-testid="applicant-status"
              data-status={a.status}
            >
              {statusLabel("application", a.status)}
            </span>
          </p>
          <TrustFacts facts={extras.trust?.[a.musician_id]} compact />
        </div>
      </div>
      {a.match && (
        <p class={`mt-1 text-sm ${a.match.feasible ? "text-green-800" : "text-red-800"}`}>
          <MatchFit fit={a.match.fit} strong={a.match.strong} feasible={a.match.feasible} />{" "}
          {a.match.reason}
        </p>
      )}
      <p class="text-sm text-gray-700">Quote {formatMoney(a.quoted_fee_minor, a.currency)}</p>
      <ApplicantMedia reel={media?.reels[a.id]} attached={media?.attached[a.id]} prefix={a.id} />
      <details class="mt-1 text-sm">
        <summary class="cursor-pointer text-indigo-700">Read proposal</summary>
        <p class="mt-1 whitespace-pre-line text-gray-800">{a.proposal}</p>
      </details>
      <a
        class="mt-1 inline-block text-sm text-indigo-700 underline"
        href={`/messages/application/${a.id}`}
        data-testid="message-applicant"
      >
        Message {name}
      </a>
      {open && active && (
        <div class="mt-2 flex flex-wrap gap-2">
          {a.status === "submitted" && (
            <ActionButton csrf={csrf} intent="shortlist" label="Shortlist" applicationId={a.id} />
          )}
          <DecisionButton
            gigId={gigId}
            intent="accept"
            label="Accept & book"
            applicationId={a.id}
            back={back}
            variant="primary"
          />
          <DecisionButton
            gigId={gigId}
            intent="decline"
            label="Decline"
            applicationId={a.id}
            back={back}
            variant="danger"
          />
        </div>
      )}
      {open && a.status === "declined" && undo?.kind === "declined" && (
        <div class="mt-2 flex flex-wrap items-center gap-2" data-testid="undo-decline">
          <UndoButton
            gigId={gigId}
            csrf={csrf}
            intent="decline"
            applicationId={a.id}
            back={back}
            label="Undo decline"
          />
          <span class="text-sm text-gray-700">
            for {Math.max(1, Math.ceil((undo.until.getTime() - Date.now()) / 60_000))}{" "}
            more minutes (until {formatTime(undo.until, timezone)})
          </span>
        </div>
      )}
    </li>
  );
}

export function ApplicantList({ view, csrf, media, extras = {}, back }: {
  view: GigView;
  csrf: string;
  media?: GigMedia;
  extras?: ApplicantExtras;
  back: DecisionBack;
}): JSX.Element {
  const open = view.gig.status === "published";
  return (
    <section class={card} aria-labelledby="applicants">
      <h2 id="applicants" class="mb-1 text-lg font-semibold">
        Applicants ({view.applications.length})
      </h2>
      <p class="mb-2 text-sm text-gray-600">Best match first.</p>
      {view.applications.length === 0 ? <p class="text-gray-600">No applications yet.</p> : (
        <ul>
          {view.applications.map((a) => (
            <Applicant
              key={a.id}
              a={a}
              csrf={csrf}
              open={open}
              media={media}
              extras={extras}
              back={back}
              gigId={view.gig.id}
              timezone={view.gig.timezone}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
