/**
 * An artist's members (/artists/<id>/members): who was invited to read it; the owner invites by
 * e-mail and removes, a member leaves; both removals after a confirmation.
 */
import type { JSX } from "preact";
import { CsrfField, Field } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { ConfirmedField } from "./ConfirmStep.tsx";
import { day } from "./ArtistShell.tsx";

export interface MemberView {
  user_id: string;
  name: string;
  added_at: string;
}

export interface ArtistMembersProps {
  artistName: string;
  action: string;
  members: MemberView[];
  owner: boolean;
  me: string;
  csrf: string;
}

export function ArtistMembers(props: ArtistMembersProps): JSX.Element {
  if (!props.members.length) {
    return (
      <p class="text-gray-700" data-testid="members-empty">
        Nobody else reads {props.artistName} yet.
        {props.owner && " Invite a Soundcheck user below: they see everything, and change nothing."}
      </p>
    );
  }
  return (
    <ul
      class="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white"
      data-testid="member-list"
    >
      {props.members.map((m) => {
        const self = m.user_id === props.me;
        const may = props.owner || self;
        return (
          <li key={m.user_id} class="p-3" data-testid="member">
            <p class="flex flex-wrap items-baseline justify-between gap-2">
              <span class="font-medium text-gray-900">{self ? `${m.name} (you)` : m.name}</span>
              <span class="text-sm text-gray-600">invited on {day(m.added_at)}</span>
            </p>
            {may && (
              <details class="mt-2 text-sm">
                <summary class="cursor-pointer py-2 text-red-700 underline">
                  {self ? "Leave…" : `Remove ${m.name}…`}
                </summary>
                <form
                  method="post"
                  action={props.action}
                  class="mt-2 space-y-2"
                  data-testid="member-remove"
                >
                  <CsrfField token={props.csrf} />
                  <ConfirmedField />
                  <input type="hidden" name="user" value={m.user_id} />
                  <p>
                    {self
                      ? `You will no longer see ${props.artistName}: its persona, calendar, figures and plans. Only its owner can invite you back.`
                      : `${m.name} will no longer see ${props.artistName}: its persona, calendar, figures and plans. They are not told. You can invite them again at any time.`}
                  </p>
                  <Button variant="danger" name="intent" value="remove">
                    {self ? `Yes, leave ${props.artistName}` : `Yes, remove ${m.name}`}
                  </Button>
                </form>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function InviteForm(
  { action, csrf, email, error }: { action: string; csrf: string; email: string; error?: string },
): JSX.Element {
  return (
    <form method="post" action={action} data-testid="invite-form">
      <CsrfField token={csrf} />
      <Field
        name="email"
        label="E-mail address"
        type="email"
        value={email}
        error={error}
        autocomplete="off"
        hint="Someone who already uses Soundcheck. They can read the artist, not change it."
        required
        maxLength={320}
      />
      <Button name="intent" value="invite">Invite to read</Button>
    </form>
  );
}
