/**
 * The admin user page's parts (routes/(signed-in)/(admin)/admin/users/[id].tsx): the account's
 * facts, its suspension with the reason (admins only see this page), and the reason field of the
 * suspend and lift forms.
 */
import type { JSX } from "preact";
import { rolesText, type UserDetail } from "../lib/domains/admin/users.ts";
import { formatDate, formatDateTime } from "../lib/shared/format.ts";

const dt = "text-sm text-gray-600";
const dd = "mb-3 break-words text-gray-900";

export function UserFacts({ u, tz }: { u: UserDetail; tz: string | null }): JSX.Element {
  const at = (d: Date | null, none: string) => (d ? formatDateTime(d, tz) : none);
  return (
    <dl class="grid gap-x-6 sm:grid-cols-2" data-testid="user-facts">
      <div>
        <dt class={dt}>E-mail</dt>
        <dd class={dd}>{u.email ?? "(none)"} {u.email_confirmed_at ? "" : "(not confirmed)"}</dd>
      </div>
      <div>
        <dt class={dt}>Id</dt>
        <dd class={`${dd} font-mono text-sm`}>{u.id}</dd>
      </div>
      <div>
        <dt class={dt}>Roles</dt>
        <dd class={dd}>{rolesText(u)}</dd>
      </div>
      <div>
        <dt class={dt}>Joined · last sign-in</dt>
        <dd class={dd}>
          {at(u.created_at, "?")} · {at(u.last_sign_in_at, "never")}
        </dd>
      </div>
      <div>
        <dt class={dt}>Musician profile</dt>
        <dd class={dd}>
          {u.stage_name
            ? (
              <a class="text-indigo-700 underline" href={`/musicians/${u.id}`}>
                {u.stage_name}
                {u.musician_published ? "" : " (draft)"}
              </a>
            )
            : "None"}
          {u.verified_at && ` · verified ${formatDate(u.verified_at, tz)}`}
        </dd>
      </div>
      <div>
        <dt class={dt}>Client profile</dt>
        <dd class={dd}>{u.organisation ?? "None"}</dd>
      </div>
      <div>
        <dt class={dt}>Activity</dt>
        <dd class={dd}>
          {u.gigs_posted} gigs posted · {u.applications} applications ·{" "}
          {u.bookings_as_musician + u.bookings_as_client} bookings
        </dd>
      </div>
      <div>
        <dt class={dt}>Reports about them · live sessions</dt>
        <dd class={dd}>
          {u.reports_against === null ? "—" : u.reports_against} · {u.active_sessions}
        </dd>
      </div>
      {u.deleted_at && (
        <div>
          <dt class={dt}>Deleted</dt>
          <dd class={dd}>{at(u.deleted_at, "")}</dd>
        </div>
      )}
    </dl>
  );
}

export function SuspensionNote({ u, tz }: { u: UserDetail; tz: string | null }): JSX.Element {
  if (!u.banned_until) return <p class="mb-4 text-gray-800">Not suspended.</p>;
  return (
    <div class="mb-4 rounded-md border border-red-300 bg-red-50 p-3" data-testid="suspension">
      <p class="font-medium text-red-900">
        {u.ban_permanent
          ? "Suspended permanently"
          : `Suspended until ${formatDateTime(u.banned_until, tz)}`}
      </p>
      {u.ban_reason && <p class="text-red-900">Reason: {u.ban_reason}</p>}
      <p class="text-sm text-red-800">
        {u.suspended_at && `Since ${formatDateTime(u.suspended_at, tz)}`}
        {u.suspended_by_email && ` by ${u.suspended_by_email}`}
      </p>
    </div>
  );
}

export function ReasonField(
  { id, value, error, label }: { id: string; value?: string; error?: string; label: string },
) {
  return (
    <div class="mb-4">
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{label}</label>
      <textarea
        id={id}
        name="reason"
        rows={3}
        maxLength={1000}
        required
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        class="block w-full rounded-md border border-gray-300 px-3 py-2 text-base"
      >
        {value ?? ""}
      </textarea>
      {error
        ? <p id={`${id}-error`} role="alert" class="mt-1 text-sm text-red-700">{error}</p>
        : <p id={`${id}-hint`} class="mt-1 text-sm text-gray-600">Kept in the audit log.</p>}
    </div>
  );
}
