/**
 * An artist's members (/artists/<id>/members): the list; the owner invites by e-mail (POST
 * `intent=invite`) and removes members, a member leaves (POST `intent=remove` with `confirm=yes`
 * from its disclosure; without it, 428 and nobody loses access).
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../lib/web/errors.ts";
import { parseId } from "../../../../lib/web/params.ts";
import { requireConfirmed } from "../../../../lib/web/confirm.ts";
import { type Artist, MemberInput } from "../../../../lib/domains/artists/api.ts";
import { addMember, artistView, removeMember } from "../../../../lib/domains/artists/service.ts";
import { listMembers } from "../../../../lib/domains/artists/store.ts";
import type { SignedInUser, State } from "../../../../utils.ts";
import { ArtistFrame, artistHref, backWith, Panel } from "../../../../components/ArtistShell.tsx";
import {
  ArtistMembers,
  InviteForm,
  type MemberView,
} from "../../../../components/ArtistMembers.tsx";

interface Data {
  artist: Artist;
  members: MemberView[];
  email: string;
  error?: string;
}

async function load(state: State, user: SignedInUser, id: string) {
  const artist = await artistView(state.platform, user, id);
  const members = await state.platform.db.asUser(user.claims, (tx) => listMembers(tx, id));
  state.head = { title: `Members · ${artist.name}` };
  return { artist, members };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    return page({ ...(await load(ctx.state, user, id)), email: "" });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const here = artistHref(id, "/members");
    const p = ctx.state.platform;
    const form = await readForm(ctx.req);
    const intent = form.get("intent");
    if (intent === "remove") {
      const member = parseId(String(form.get("user") ?? ""), "Member", "user");
      const artist = await artistView(p, user, id);
      // Only the disclosure that says what removing does carries confirm=yes (428 else).
      requireConfirmed(form, member === user.claims.sub ? "Leave…" : "Remove…");
      await removeMember(p, user, id, member);
      return member === user.claims.sub
        ? backWith(ctx.state.secure, "/artists", "info", `You left ${artist.name}.`)
        : backWith(ctx.state.secure, here, "info", "Removed: they no longer see this artist.");
    }
    if (intent !== "invite") throw new HttpError(400, "Unknown action", { field: "intent" });
    const email = String(form.get("email") ?? "").slice(0, 320);
    const again = async (error: string, status: number) =>
      page({ ...(await load(ctx.state, user, id)), email, error }, { status });
    const input = MemberInput.safeParse({ email: email.trim() });
    if (!input.success) return await again("An e-mail address such as ana@example.com", 422);
    try {
      await addMember(p, user, id, input.data.email);
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500 || (e.status === 404 && e.field === "id")) throw err;
      // Nobody with that address: the form's answer, not a missing page.
      return await again(e.message, e.status === 404 ? 422 : e.status);
    }
    return backWith(
      ctx.state.secure,
      here,
      "success",
      `Invited ${input.data.email}: they can now read this artist.`,
    );
  },
});

export default define.page<typeof handler>(function MembersPage({ data, state }) {
  const { artist } = data;
  const here = artistHref(artist.id, "/members");
  return (
    <ArtistFrame
      artist={artist}
      section="members"
      title="Members"
      sub="People invited to read this artist: its persona, calendar, figures and plans."
    >
      <section aria-labelledby="members-list">
        <h2 id="members-list" class="mb-3 text-lg font-semibold text-gray-900">
          Who reads {artist.name}
        </h2>
        <ArtistMembers
          artistName={artist.name}
          action={here}
          members={data.members}
          owner={artist.owner}
          me={state.user?.id ?? ""}
          csrf={state.csrf}
        />
      </section>
      {artist.owner && (
        <Panel id="members-invite" title="Invite someone">
          <InviteForm action={here} csrf={state.csrf} email={data.email} error={data.error} />
        </Panel>
      )}
    </ArtistFrame>
  );
});
