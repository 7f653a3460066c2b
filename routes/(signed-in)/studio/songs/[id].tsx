/**
 * One song (/studio/songs/<id>). While the plan is written or the song is made: live progress
 * (refreshing itself without JavaScript) and Cancel, with a confirmation. As a draft (or failed
 * with a plan): the editable plan and Generate, confirmed with the songs left. Failed: the
 * reason and a way to try again. Done: the player, lyrics, downloads, rename, share, delete.
 * Every action is a form post here; refusals come back beside their fields.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { isUuid } from "../../../../lib/shared/ids.ts";
import {
  cancelSong,
  deleteSong,
  editPlan,
  generateSong,
  renameSong,
  SongQuotaError,
  songView,
} from "../../../../lib/domains/studio/service.ts";
import { SongPlan } from "../../../../lib/domains/studio/plan.ts";
import { type Quota, RenameInput, type Song } from "../../../../lib/domains/studio/types.ts";
import { GENRE_TEMPLATES } from "../../../../lib/domains/studio/templates.ts";
import {
  applySectionOp,
  draftFromForm,
  fieldErrors,
  type PlanDraft,
  planInputOf,
} from "../../../../lib/browser/plan_draft.ts";
import { isPublished, setPublished } from "../../../../lib/domains/studio/share_view.ts";
import { SongPageView } from "../../../../components/SongPage.tsx";
import type { SignedInUser, State } from "../../../../utils.ts";

interface Data {
  song: Song | null;
  quota: Quota | null;
  /** The plan form as posted (kept when it was refused or only rearranged). */
  draft?: PlanDraft;
  errors?: Record<string, string>;
  confirming?: boolean;
  /** Generate was refused: no songs left (the reset date is in the quota). */
  quotaRefused?: boolean;
  shareUrl: string | null;
}

/** The song and quota as the API shows them, and its public link once it is published. */
async function load(state: State, user: SignedInUser, id: string) {
  const view = await songView(state.platform, user.claims, id);
  const published = view.song.track_id
    ? await state.platform.db.asUser(user.claims, (tx) => isPublished(tx, id))
    : false;
  return { ...view, shareUrl: published ? `${state.siteUrl}/s/${view.song.track_id}` : null };
}

const GENRES = [...new Set(GENRE_TEMPLATES.map((t) => t.plan.genre))];

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = ctx.params.id;
    if (!isUuid(id)) return page({ song: null, quota: null, shareUrl: null }, { status: 404 });
    try {
      return page(await load(ctx.state, user, id.toLowerCase()));
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) {
        return page({ song: null, quota: null, shareUrl: null }, { status: 404 });
      }
      throw err;
    }
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const raw = ctx.params.id;
    if (!isUuid(raw)) throw new HttpError(404, "Song not found", { field: "id" });
    const id = raw.toLowerCase();
    const here = `/studio/songs/${id}`;
    const platform = ctx.state.platform;
    const back = (kind: "success" | "error" | "info", text: string, to = here) =>
      seeOther(to, [flashCookie({ kind, text }, ctx.state.secure)]);
    const again = async (extra: Partial<Data>, status: number) => {
      return page({ ...(await load(ctx.state, user, id)), ...extra }, { status });
    };
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    const op = form.get("op");
    try {
      // The plan form: rearranging sections (without JavaScript), saving, confirming, generating.
      if (typeof op === "string" || ["save", "review", "generate"].includes(intent)) {
        const posted = draftFromForm(form);
        if (typeof op === "string") {
          const structure = applySectionOp(posted.structure, op);
          if (!structure) {
            throw new HttpError(400, "Unknown change to the structure", { field: "op" });
          }
          return await again({ draft: { ...posted, structure } }, 200);
        }
        const parsed = SongPlan.safeParse(planInputOf(posted));
        if (!parsed.success) {
          return await again({ draft: posted, errors: fieldErrors(parsed.error.issues) }, 422);
        }
        await editPlan(platform, user.claims, id, parsed.data);
        if (intent === "save") return back("success", "Plan saved.");
        if (intent === "review") return await again({ confirming: true }, 200);
        await generateSong(platform, user.claims, id);
        return seeOther(here);
      }
      switch (intent) {
        case "cancel":
          await cancelSong(platform, user.claims, id);
          return back("info", "Cancelled. The song was not counted against your month.");
        case "rename": {
          const input = RenameInput.safeParse({ title: form.get("title") ?? "" });
          if (!input.success) {
            return await again({ errors: { title: "Title: from 1 to 120 characters" } }, 422);
          }
          await renameSong(platform, user.claims, id, input.data.title);
          return back("success", "Renamed.");
        }
        case "publish":
        case "unpublish": {
          const on = intent === "publish";
          await songView(platform, user.claims, id); // 404 for anyone else's
          const done = await platform.db.asUser(user.claims, (tx) => setPublished(tx, id, on));
          if (!done) {
            throw new HttpError(409, "Only a finished song can be published", { field: "status" });
          }
          return back(
            on ? "success" : "info",
            on
              ? "Published: anyone with the link can listen, and the AI DJ may add it to playlists."
              : "Unpublished: the share link no longer works.",
          );
        }
        case "delete":
          await deleteSong(platform, { claims: user.claims, accessToken: user.accessToken }, id);
          return back("info", "Song deleted.", "/studio/library");
        default:
          throw new HttpError(400, "Unknown action", { field: "intent" });
      }
    } catch (err) {
      if (err instanceof SongQuotaError) return await again({ quotaRefused: true }, 429);
      const e = toHttpError(err);
      if (!e) throw err;
      if (e.status === 404) throw e;
      if (e.status === 400) throw e;
      // A song that moved on meanwhile (finished, cancelled): show it as it is now.
      return back("error", e.message);
    }
  },
});

export default define.page<typeof handler>(function SongPage({ data, state }) {
  return (
    <SongPageView
      song={data.song}
      quota={data.quota}
      csrf={state.csrf}
      draft={data.draft}
      errors={data.errors}
      confirming={data.confirming}
      quotaRefused={data.quotaRefused}
      shareUrl={data.shareUrl}
      genres={GENRES}
    />
  );
});
