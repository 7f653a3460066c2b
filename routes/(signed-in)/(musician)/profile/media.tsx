/**
 * The musician's portfolio (/profile/media): upload photos, audio and video, caption them, put
 * them in order, delete them. Plain forms (no JavaScript needed), each posting an `intent`:
 * `upload` (multipart), `caption`, `move` (to `position`), `delete` (confirmed on the page). A
 * refused upload is shown again with the reason beside its field and stores nothing.
 */
import { define, type State } from "../../../../utils.ts";
import { type FreshContext, page, type RouteConfig } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { toHttpError } from "../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { parseId } from "../../../../lib/web/params.ts";
import {
  MEDIA_BODY_LIMIT,
  MEDIA_MAX_ITEMS,
  type MediaItem,
  MediaPatch,
  mediaUploadFromForm,
  ownPortfolio,
  patchMedia,
  removeMedia,
  uploadMedia,
} from "../../../../lib/domains/media/mod.ts";
import { PageTitle } from "../../../../components/Page.tsx";
import { PortfolioList, PortfolioUploadForm } from "../../../../components/PortfolioManager.tsx";
import { requireConfirmed } from "../../../../lib/web/confirm.ts";

export const config: RouteConfig = { bodyLimit: MEDIA_BODY_LIMIT };

interface Data {
  items: MediaItem[];
  hasProfile: boolean;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

async function load(
  ctx: FreshContext<State>,
  extra: Partial<Data> = {},
  status = 200,
) {
  const user = signedIn(ctx.state);
  const { platform } = ctx.state;
  const data = await platform.db.asUser(
    user.claims,
    (tx) => ownPortfolio(platform, tx, user.id),
  );
  return page({ ...data, ...extra }, { status });
}

const INTENTS = new Set(["upload", "caption", "move", "delete"]);
const SAID: Record<string, string> = {
  caption: "Caption saved.",
  move: "Moved.",
  delete: "Deleted: it is gone from your profile and your applications.",
};

export const handler = define.handlers<Data>({
  GET: (ctx) => load(ctx),
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    if (!INTENTS.has(intent)) return await load(ctx, { errors: { _form: "Unknown action" } }, 400);
    const { platform } = ctx.state;
    const done = (text: string) =>
      seeOther("/profile/media", [flashCookie({ kind: "success", text }, ctx.state.secure)]);
    if (intent === "upload") {
      const values = {
        caption: typeof form.get("caption") === "string" ? String(form.get("caption")) : "",
        kind: typeof form.get("kind") === "string" ? String(form.get("kind")) : "",
      };
      try {
        const item = await uploadMedia(platform, user, mediaUploadFromForm(form));
        const what = item.kind === "audio" ? "track" : item.kind;
        return done(`Your ${what} is on your profile.`);
      } catch (err) {
        const e = toHttpError(err);
        if (!e || e.status >= 500) throw err;
        const field = ["file", "caption", "kind"].includes(e.field ?? "") ? e.field! : "_form";
        return await load(ctx, { errors: { [field]: e.message }, values }, e.status);
      }
    }
    const id = parseId(String(form.get("id") ?? ""), "Media", "id");
    try {
      if (intent === "delete") {
        requireConfirmed(form, "Delete…");
        await removeMedia(platform, user, id);
      } else {
        const patch = MediaPatch.safeParse(
          intent === "caption"
            ? { caption: String(form.get("caption") ?? "") }
            : { position: String(form.get("position") ?? "") },
        );
        if (!patch.success) {
          const message = patch.error.issues[0].message;
          const errors = intent === "caption"
            ? { [`caption-${id}`]: message }
            : { _form: "Choose where to move it" };
          return await load(ctx, { errors }, 400);
        }
        await patchMedia(platform, user.claims, id, patch.data);
      }
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500) throw err;
      return await load(ctx, { errors: { _form: e.message } }, e.status);
    }
    return done(SAID[intent]);
  },
});

export default define.page<typeof handler>(function PortfolioPage({ data, state }) {
  const errors = data.errors ?? {};
  const formErrors = Object.fromEntries(
    Object.entries(errors).filter(([k]) => ["file", "caption", "kind"].includes(k)),
  );
  return (
    <>
      <PageTitle sub="Photos, recordings and videos on your public profile and with your applications.">
        Your portfolio
      </PageTitle>
      <p class="mb-4 text-sm">
        <a class="text-indigo-700 underline" href="/profile/musician">Back to your profile</a>
      </p>
      {errors._form && (
        <div role="alert" class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
          {errors._form}
        </div>
      )}
      {data.hasProfile
        ? (
          <div class="space-y-6">
            <PortfolioUploadForm
              csrf={state.csrf}
              errors={formErrors}
              values={data.values}
              full={data.items.length >= MEDIA_MAX_ITEMS}
            />
            <PortfolioList items={data.items} csrf={state.csrf} errors={errors} />
          </div>
        )
        : (
          <p class="rounded-lg border border-gray-200 bg-white p-4">
            Create your musician profile first, then add photos and recordings to it.{" "}
            <a class="text-indigo-700 underline" href="/profile/musician">
              Create musician profile
            </a>
          </p>
        )}
    </>
  );
});
