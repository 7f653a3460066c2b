/** The signed-in user's profile: details and avatar, read and written under RLS as that user. */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { Checkbox, CsrfField, Field, FormErrors } from "../../../components/Field.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card, PageTitle } from "../../../components/Page.tsx";
import { Avatar } from "../../../components/Avatar.tsx";
import {
  avatarObjectName,
  getOwnProfile,
  getProfile,
  type Profile,
  ProfileUpdate,
  setOwnAvatar,
  updateOwnProfile,
} from "../../../lib/domains/profiles/mod.ts";
import { parseForm } from "../../../lib/web/forms.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { StorageError } from "../../../lib/ports/storage/port.ts";
import type { FreshContext } from "../../../lib/fresh_runtime/mod.ts";
import type { State } from "../../../utils.ts";
import type { RouteConfig } from "../../../lib/fresh_runtime/mod.ts";
import { uploadLimit } from "../../../lib/web/body.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import {
  AVATAR_MAX_BYTES,
  AVATAR_TYPES,
  DISPLAY_NAME_MAX_CHARS,
  megabytes,
} from "../../../lib/shared/limits.ts";

const TOO_LARGE = `The image must be ${megabytes(AVATAR_MAX_BYTES)} or smaller`;

interface Data {
  profile: Profile;
  avatarUrl: string | null;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

async function load(ctx: FreshContext<State>): Promise<Data | null> {
  const user = ctx.state.user!;
  const profile = await ctx.state.platform.db.asUser(user.claims, (tx) => getProfile(tx, user.id));
  if (!profile) return null;
  const avatarUrl = profile.avatar_path
    ? ctx.state.platform.storage.publicUrl("avatars", profile.avatar_path)
    : null;
  return { profile, avatarUrl };
}

export const config: RouteConfig = { bodyLimit: uploadLimit(AVATAR_MAX_BYTES) };

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const data = await load(ctx);
    if (!data) return ctx.redirect("/signin", 303);
    return page(data);
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    // Refuse oversized bodies before buffering them: the avatar limit plus room for the form.
    const length = Number(ctx.req.headers.get("content-length") ?? "0");
    if (length > AVATAR_MAX_BYTES + 64 * 1024) {
      const data = await load(ctx);
      if (!data) return ctx.redirect("/signin", 303);
      return page({ ...data, errors: { avatar: TOO_LARGE } }, { status: 413 });
    }
    const form = await readForm(ctx.req);
    const secure = ctx.state.secure;
    const { db, storage } = ctx.state.platform;

    if (form.get("intent") === "avatar") {
      const file = form.get("avatar");
      const fail = async (status: number, message: string) => {
        const data = await load(ctx);
        return data
          ? page({ ...data, errors: { avatar: message } }, { status })
          : ctx.redirect("/signin", 303);
      };
      if (!(file instanceof File) || file.size === 0) {
        return await fail(400, "Choose an image to upload");
      }
      if (file.size > AVATAR_MAX_BYTES) return await fail(413, TOO_LARGE);
      const name = avatarObjectName(user.id, file.type);
      if (!name) return await fail(415, `Use one of: ${Object.values(AVATAR_TYPES).join(", ")}`);
      const caller = { claims: user.claims, accessToken: user.accessToken };
      try {
        await storage.upload(
          caller,
          "avatars",
          name,
          new Uint8Array(await file.arrayBuffer()),
          file.type,
        );
      } catch (err) {
        if (err instanceof StorageError) return await fail(err.status, err.message);
        throw err;
      }
      const previous = await db.asUser(user.claims, async (tx) => {
        const before = await getOwnProfile(tx);
        await setOwnAvatar(tx, name);
        return before?.avatar_path ?? null;
      });
      if (previous && previous !== name) {
        await storage.remove(caller, "avatars", previous).catch(() => false);
      }
      return seeOther("/profile", [
        flashCookie({ kind: "success", text: "Your photo is updated." }, secure),
      ]);
    }

    const parsed = parseForm(ProfileUpdate, form);
    if (!parsed.ok) {
      const data = await load(ctx);
      if (!data) return ctx.redirect("/signin", 303);
      return page({ ...data, errors: parsed.errors, values: parsed.values }, { status: 422 });
    }
    await db.asUser(user.claims, (tx) => updateOwnProfile(tx, parsed.data));
    return seeOther("/profile", [flashCookie({ kind: "success", text: "Profile saved." }, secure)]);
  },
});

export default define.page<typeof handler>(function ProfilePage({ data, state }) {
  const { profile, avatarUrl } = data;
  const e = data.errors ?? {};
  const v = data.values;
  const musician = v ? v.is_musician === "on" : profile.is_musician;
  const client = v ? v.is_client === "on" : profile.is_client;
  return (
    <>
      <PageTitle sub={state.user?.email}>Your profile</PageTitle>
      <div class="grid gap-6 md:grid-cols-3">
        <Card>
          <h2 class="mb-4 text-lg font-semibold">Photo</h2>
          <div class="mb-4 flex justify-center">
            <Avatar name={profile.display_name} url={avatarUrl} size={128} />
          </div>
          <form method="post" action="/profile" enctype="multipart/form-data">
            <CsrfField token={state.csrf} />
            <input type="hidden" name="intent" value="avatar" />
            <Field
              name="avatar"
              label="Upload a new photo"
              type="file"
              accept={Object.keys(AVATAR_TYPES).join(",")}
              error={e.avatar}
              hint={`PNG, JPEG, WebP or GIF, up to ${megabytes(AVATAR_MAX_BYTES)}.`}
            />
            <Button variant="secondary">Upload photo</Button>
          </form>
        </Card>
        <div class="md:col-span-2">
          <Card>
            <h2 class="mb-4 text-lg font-semibold">Details</h2>
            <form method="post" action="/profile" noValidate>
              <CsrfField token={state.csrf} />
              <input type="hidden" name="intent" value="details" />
              <FormErrors errors={e.avatar ? undefined : data.errors} />
              <Field
                name="display_name"
                label="Display name"
                value={v?.display_name ?? profile.display_name}
                error={e.display_name}
                required
                maxLength={DISPLAY_NAME_MAX_CHARS}
              />
              <fieldset class="mb-4">
                <legend class="mb-1 text-sm font-medium text-gray-800">On Soundcheck I am</legend>
                <Checkbox
                  name="is_musician"
                  label="A musician"
                  checked={musician}
                  error={e.is_musician}
                />
                <Checkbox name="is_client" label="A client or venue" checked={client} />
                {e.is_musician && <p class="text-sm text-red-700" role="alert">{e.is_musician}</p>}
              </fieldset>
              <Button>Save profile</Button>
            </form>
          </Card>
          <div class="mt-6">
            <Card>
              <h2 class="mb-2 text-lg font-semibold">Marketplace profiles</h2>
              <ul class="list-disc space-y-1 pl-6">
                {profile.is_musician && (
                  <li>
                    <a class="text-indigo-700 underline" href="/profile/musician">
                      Musician profile
                    </a>: instruments, genres, fee, bio (with AI)
                  </li>
                )}
                {profile.is_client && (
                  <li>
                    <a class="text-indigo-700 underline" href="/profile/client">Client profile</a>:
                    your venue or organisation
                  </li>
                )}
                {profile.is_client && (
                  <li>
                    <a class="text-indigo-700 underline" href="/gigs/new">Post a gig</a>
                  </li>
                )}
                {profile.is_musician && (
                  <li>
                    <a class="text-indigo-700 underline" href="/matches">Gigs for me</a>
                  </li>
                )}
                {profile.is_musician && (
                  <li>
                    <a class="text-indigo-700 underline" href="/earnings">Earnings</a>: money held,
                    on its way and paid out
                  </li>
                )}
                <li>
                  <a class="text-indigo-700 underline" href="/settings/notifications">
                    Notification settings
                  </a>: what reaches you in the app, by e-mail and by SMS
                </li>
                <li>
                  <a class="text-indigo-700 underline" href="/settings/plan">Your plan</a>: Free or
                  Pro, and how many songs the studio makes for you each month
                </li>
              </ul>
            </Card>
          </div>
        </div>
      </div>
    </>
  );
});
