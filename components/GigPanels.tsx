/** The parts of the gig page: details, the owner's panel, and the musician's apply panel. */
import type { JSX } from "preact";
import { MatchFit } from "./MatchFit.tsx";
import type { GigView, RankedApplication } from "../lib/domains/gigs/view.ts";
import {
  formatDay,
  formatDuration,
  formatMoney,
  formatRange,
  formatTime,
  kindLabel,
} from "../lib/domains/gigs/facts.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import AiDraft from "../islands/AiDraft.tsx";
import { PROPOSAL_MAX_CHARS, PROPOSAL_MIN_CHARS } from "../lib/shared/limits.ts";
import type { GigMedia } from "../lib/domains/media/gig.ts";
import { ApplicantMedia, AttachedMedia, AttachMediaField } from "./MediaApplicant.tsx";

const card = "rounded-lg border border-gray-200 bg-white p-4 sm:p-6";

export function GigDetails({ view }: { view: GigView }): JSX.Element {
  const g = view.gig;
  const place = g.remote ? "Remote" : [g.venue_name, g.city, g.country].filter(Boolean).join(", ");
  return (
    <article class={card}>
      <p class="text-sm font-medium uppercase tracking-wide text-indigo-700">
        {kindLabel(g.kind)}
        {g.visibility === "invite_only" && " · invite only"}
      </p>
      <h1 class="mt-1 text-2xl font-bold text-gray-900 sm:text-3xl">{g.title}</h1>
      <p class="mt-1 text-gray-600">Posted by {view.clientName}</p>
      {g.status !== "published" && (
        <p
          class="mt-2 inline-block rounded bg-gray-200 px-2 py-0.5 text-sm font-medium uppercase"
          data-testid="gig-status"
        >
          {g.status}
        </p>
      )}
      <dl class="mt-4 grid gap-3 sm:grid-cols-2">
        <div>
          <dt class="text-sm text-gray-500">When</dt>
          <dd>
            {formatDay(g.starts_at, g.timezone)}, {formatTime(g.starts_at, g.timezone)}{" "}
            ({g.timezone}) · {formatDuration(g.duration_minutes)}
          </dd>
        </div>
        <div>
          <dt class="text-sm text-gray-500">Where</dt>
          <dd>{place || "To be confirmed"}</dd>
        </div>
        <div>
          <dt class="text-sm text-gray-500">Budget</dt>
          <dd>{formatRange(g.budget_min_minor, g.budget_max_minor, g.currency) ?? "Open"}</dd>
        </div>
        {g.apply_by && (
          <div>
            <dt class="text-sm text-gray-500">Apply by</dt>
            <dd>{formatDay(g.apply_by, g.timezone)}, {formatTime(g.apply_by, g.timezone)}</dd>
          </div>
        )}
        {g.genres.length > 0 && (
          <div>
            <dt class="text-sm text-gray-500">Genres</dt>
            <dd>{g.genres.join(", ")}</dd>
          </div>
        )}
        {g.instruments.length > 0 && (
          <div>
            <dt class="text-sm text-gray-500">Instruments</dt>
            <dd>{g.instruments.join(", ")}</dd>
          </div>
        )}
      </dl>
      {g.description && <div class="mt-4 whitespace-pre-line text-gray-800">{g.description}</div>}
    </article>
  );
}

function ActionButton({ csrf, intent, label, applicationId, variant = "secondary" }: {
  csrf: string;
  intent: string;
  label: string;
  applicationId?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  return (
    <form method="post" class="inline">
      <CsrfField token={csrf} />
      {applicationId && <input type="hidden" name="application_id" value={applicationId} />}
      <Button name="intent" value={intent} variant={variant}>{label}</Button>
    </form>
  );
}

function Applicant({ a, csrf, open, media }: {
  a: RankedApplication;
  csrf: string;
  open: boolean;
  media?: GigMedia;
}) {
  const active = a.status === "submitted" || a.status === "shortlisted";
  return (
    <li class="border-t border-gray-200 py-3 first:border-t-0" data-testid="applicant">
      <p class="font-semibold">
        <a class="text-indigo-700 hover:underline" href={`/musicians/${a.musician_id}`}>
          {a.musician.stage_name ?? a.musician.display_name}
        </a>
        <span
          class="ml-2 rounded bg-gray-100 px-1.5 text-xs uppercase text-gray-700"
          data-testid="applicant-status"
        >
          {a.status}
        </span>
      </p>
      {a.match && (
        <p class={`text-sm ${a.match.feasible ? "text-green-800" : "text-red-800"}`}>
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
        Message {a.musician.stage_name ?? a.musician.display_name}
      </a>
      {open && active && (
        <div class="mt-2 flex flex-wrap gap-2">
          {a.status === "submitted" && (
            <ActionButton csrf={csrf} intent="shortlist" label="Shortlist" applicationId={a.id} />
          )}
          <ActionButton
            csrf={csrf}
            intent="accept"
            label="Accept & book"
            applicationId={a.id}
            variant="primary"
          />
          <ActionButton
            csrf={csrf}
            intent="decline"
            label="Decline"
            applicationId={a.id}
            variant="danger"
          />
        </div>
      )}
    </li>
  );
}

/**
 * The owner's applicant list with its actions (shortlist, decline, accept & book), shared by the
 * gig page and /gigs/<id>/applications. Its forms post to the page that shows it.
 */
export function ApplicantList({ view, csrf, media }: {
  view: GigView;
  csrf: string;
  media?: GigMedia;
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
            <Applicant key={a.id} a={a} csrf={csrf} open={open} media={media} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function OwnerPanel({ view, csrf, media }: {
  view: GigView;
  csrf: string;
  media?: GigMedia;
}): JSX.Element {
  const g = view.gig;
  const open = g.status === "published";
  return (
    <>
      <section class={card} aria-labelledby="manage">
        <h2 id="manage" class="mb-3 text-lg font-semibold">Manage</h2>
        <div class="flex flex-wrap gap-2">
          {g.status === "draft" && (
            <ActionButton csrf={csrf} intent="publish" label="Publish gig" variant="primary" />
          )}
          {open && <ActionButton csrf={csrf} intent="close" label="Close applications" />}
          {open && <ActionButton csrf={csrf} intent="cancel" label="Cancel gig" variant="danger" />}
          {g.status === "filled" && (
            <a class="text-indigo-700 underline" href="/bookings">See the booking</a>
          )}
        </div>
      </section>
      <ApplicantList view={view} csrf={csrf} media={media} />
      {view.suggestions.length > 0 && (
        <section class={card} aria-labelledby="suggested">
          <h2 id="suggested" class="mb-2 text-lg font-semibold">Musicians for this gig</h2>
          <ul class="space-y-2" data-testid="suggested-musicians">
            {view.suggestions.map((m) => (
              <li key={m.id}>
                <a class="font-medium text-indigo-700 hover:underline" href={`/musicians/${m.id}`}>
                  {m.stage_name}
                </a>
                <span class="ml-2 text-sm">
                  <MatchFit fit={m.fit} strong={m.strong} />
                </span>
                <p class="text-sm text-green-800">{m.reason}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class={card} aria-labelledby="promote">
        <h2 id="promote" class="mb-2 text-lg font-semibold">Promote it</h2>
        <label for="announcement" class="mb-1 block text-sm font-medium">Announcement</label>
        <AiDraft task="announcement" target="announcement" gigId={g.id} csrf={csrf} />
        <textarea
          id="announcement"
          rows={5}
          class="mb-3 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm"
        />
        <label for="social" class="mb-1 block text-sm font-medium">Social post</label>
        <AiDraft task="social_post" target="social" gigId={g.id} csrf={csrf} />
        <textarea
          id="social"
          rows={3}
          class="block w-full rounded-md border border-gray-300 px-3 py-2 text-sm"
        />
      </section>
    </>
  );
}

export function ApplyPanel({ view, csrf, signedIn, errors = {}, values = {}, media }: {
  view: GigView;
  csrf: string;
  signedIn: boolean;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  media?: GigMedia;
}): JSX.Element {
  const g = view.gig;
  if (!signedIn) {
    return (
      <section class={card}>
        <p class="mb-3">Sign in as a musician to apply.</p>
        <a class="text-indigo-700 underline" href={`/signin?next=/gigs/${g.id}`}>Sign in</a>
      </section>
    );
  }
  const own = view.ownApplication;
  if (own && own.status !== "withdrawn" && own.status !== "declined") {
    return (
      <section class={card} data-testid="own-application">
        <h2 class="mb-2 text-lg font-semibold">Your application</h2>
        <p>
          Status: <strong data-testid="own-application-status">{own.status}</strong>
        </p>
        <p class="text-sm text-gray-700">
          You quoted {formatMoney(own.quoted_fee_minor, own.currency)}.
        </p>
        <AttachedMedia items={media?.attached[own.id] ?? []} prefix={own.id} />
        {own.status === "accepted" && (
          <a class="mt-2 inline-block text-indigo-700 underline" href="/bookings">
            See your booking
          </a>
        )}
        <a
          class="mt-2 block text-indigo-700 underline"
          href={`/messages/application/${own.id}`}
          data-testid="message-client"
        >
          Message the client
        </a>
        {(own.status === "submitted" || own.status === "shortlisted") && (
          <div class="mt-3">
            <ActionButton
              csrf={csrf}
              intent="withdraw"
              label="Withdraw"
              applicationId={own.id}
              variant="danger"
            />
          </div>
        )}
      </section>
    );
  }
  if (!view.canApply) {
    return (
      <section class={card}>
        <p>This gig is not taking applications.</p>
      </section>
    );
  }
  if (!view.hasMusicianProfile) {
    return (
      <section class={card}>
        <p class="mb-3">Create your musician profile first: clients read it with your proposal.</p>
        <a class="text-indigo-700 underline" href="/profile/musician">Create musician profile</a>
      </section>
    );
  }
  return (
    <section class={card} aria-labelledby="apply">
      <h2 id="apply" class="mb-3 text-lg font-semibold">Apply</h2>
      <form method="post" noValidate>
        <CsrfField token={csrf} />
        <label for="proposal" class="mb-1 block text-sm font-medium">Your proposal</label>
        <AiDraft task="proposal" target="proposal" gigId={g.id} csrf={csrf} />
        <textarea
          id="proposal"
          name="proposal"
          rows={8}
          required
          minLength={PROPOSAL_MIN_CHARS}
          maxLength={PROPOSAL_MAX_CHARS}
          aria-invalid={errors.proposal ? "true" : undefined}
          aria-describedby={errors.proposal ? "proposal-error" : undefined}
          class="block w-full rounded-md border border-gray-300 px-3 py-2"
        >
          {values.proposal}
        </textarea>
        {errors.proposal && (
          <p id="proposal-error" class="mt-1 text-sm text-red-700" role="alert">
            {errors.proposal}
          </p>
        )}
        <label for="fee" class="mb-1 mt-3 block text-sm font-medium">Your fee ({g.currency})</label>
        <input
          id="fee"
          name="fee"
          inputMode="decimal"
          required
          value={values.fee}
          aria-invalid={errors.fee ? "true" : undefined}
          class="mb-1 block w-full rounded-md border border-gray-300 px-3 py-2"
        />
        {errors.fee && <p class="text-sm text-red-700" role="alert">{errors.fee}</p>}
        <p class="mb-3 text-sm text-gray-600">
          Budget: {formatRange(g.budget_min_minor, g.budget_max_minor, g.currency) ?? "open"}
        </p>
        <AttachMediaField
          items={media?.own ?? []}
          checked={values.media_ids?.split(",")}
          error={errors.media_ids}
        />
        <Button name="intent" value="apply">Send application</Button>
      </form>
    </section>
  );
}
