/** The parts of the gig page: details, the owner's panel, and the musician's apply panel. */
import type { JSX } from "preact";
import { MatchFit } from "./MatchFit.tsx";
import type { GigView } from "../lib/domains/gigs/view.ts";
import { formatDuration, kindLabel } from "../lib/domains/gigs/facts.ts";
import {
  formatDay,
  formatMoney,
  formatRange,
  formatTime,
  statusLabel,
} from "../lib/shared/format.ts";
import { CsrfField } from "./Field.tsx";
import { useViewerZone, When } from "./When.tsx";
import { yourTime } from "../lib/shared/zones.ts";
import { Button } from "./Button.tsx";
import AiDraft from "../islands/AiDraft.tsx";
import { PROPOSAL_MAX_CHARS, PROPOSAL_MIN_CHARS } from "../lib/shared/limits.ts";
import type { GigMedia } from "../lib/domains/media/gig.ts";
import { AttachedMedia, AttachMediaField } from "./MediaApplicant.tsx";
import { type ApplicantExtras, ApplicantList } from "./ApplicantList.tsx";
import { ActionButton, DecisionButton, UndoButton } from "./DecisionButtons.tsx";
import type { Undoable } from "../lib/domains/gigs/undo.ts";

export { ApplicantList };

const card = "rounded-lg border border-gray-200 bg-white p-4 sm:p-6";

export function GigDetails({ view }: { view: GigView }): JSX.Element {
  const g = view.gig;
  const place = g.remote ? "Remote" : [g.venue_name, g.city, g.country].filter(Boolean).join(", ");
  const mine = yourTime(g.starts_at, g.timezone, useViewerZone());
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
          class="mt-2 inline-block rounded bg-gray-200 px-2 py-0.5 text-sm font-medium"
          data-testid="gig-status"
          data-status={g.status}
        >
          {statusLabel("gig", g.status)}
        </p>
      )}
      <dl class="mt-4 grid gap-3 sm:grid-cols-2">
        <div>
          <dt class="text-sm text-gray-600">When</dt>
          <dd>
            {formatDay(g.starts_at, g.timezone)}, {formatTime(g.starts_at, g.timezone)}{" "}
            ({g.timezone}){mine && <span data-testid="your-time">{` · ${mine}`}</span>} ·{" "}
            {formatDuration(g.duration_minutes)} · <When at={g.starts_at} tz={g.timezone} />
          </dd>
        </div>
        <div>
          <dt class="text-sm text-gray-600">Where</dt>
          <dd>{place || "To be confirmed"}</dd>
        </div>
        <div>
          <dt class="text-sm text-gray-600">Budget</dt>
          <dd>{formatRange(g.budget_min_minor, g.budget_max_minor, g.currency) ?? "Open"}</dd>
        </div>
        {g.apply_by && (
          <div>
            <dt class="text-sm text-gray-600">Apply by</dt>
            <dd>{formatDay(g.apply_by, g.timezone)}, {formatTime(g.apply_by, g.timezone)}</dd>
          </div>
        )}
        {g.genres.length > 0 && (
          <div>
            <dt class="text-sm text-gray-600">Genres</dt>
            <dd>{g.genres.join(", ")}</dd>
          </div>
        )}
        {g.instruments.length > 0 && (
          <div>
            <dt class="text-sm text-gray-600">Instruments</dt>
            <dd>{g.instruments.join(", ")}</dd>
          </div>
        )}
      </dl>
      {g.description && <div class="mt-4 whitespace-pre-line text-gray-800">{g.description}</div>}
    </article>
  );
}

export function OwnerPanel({ view, csrf, media, extras }: {
  view: GigView;
  csrf: string;
  media?: GigMedia;
  extras?: ApplicantExtras;
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
          {open && (
            <DecisionButton
              gigId={g.id}
              intent="close"
              label="Close applications"
              back="gig"
              variant="secondary"
            />
          )}
          {open && (
            <DecisionButton
              gigId={g.id}
              intent="cancel"
              label="Cancel gig"
              back="gig"
              variant="danger"
            />
          )}
          {g.status === "filled" && (
            <a class="text-indigo-700 underline" href="/bookings">See the booking</a>
          )}
        </div>
      </section>
      <ApplicantList view={view} csrf={csrf} media={media} extras={extras} back="gig" />
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

export function ApplyPanel(
  { view, csrf, signedIn, errors = {}, values = {}, media, ownUndo }: {
    view: GigView;
    csrf: string;
    signedIn: boolean;
    errors?: Record<string, string>;
    values?: Record<string, string>;
    media?: GigMedia;
    /** The viewer's withdrawal, while it can still be taken back. */
    ownUndo?: Undoable;
  },
): JSX.Element {
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
          Status:{" "}
          <strong data-testid="own-application-status" data-status={own.status}>
            {statusLabel("application", own.status)}
          </strong>
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
            <DecisionButton
              gigId={g.id}
              intent="withdraw"
              label="Withdraw"
              applicationId={own.id}
              back="gig"
              variant="danger"
            />
          </div>
        )}
      </section>
    );
  }
  if (own?.status === "withdrawn" && ownUndo?.kind === "withdrawn" && view.canApply) {
    return (
      <section class={card} data-testid="own-application">
        <h2 class="mb-2 text-lg font-semibold">You withdrew your application</h2>
        <p class="mb-3 text-sm text-gray-700">
          Changed your mind? Undo it while the gig takes applications: your{" "}
          {formatMoney(own.quoted_fee_minor, own.currency)}{" "}
          quote and proposal stand again, and the client is told.
        </p>
        <UndoButton
          gigId={g.id}
          csrf={csrf}
          intent="withdraw"
          applicationId={own.id}
          back="gig"
          label="Undo withdrawal"
        />
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
