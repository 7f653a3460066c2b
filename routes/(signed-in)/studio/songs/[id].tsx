/**
 * One song (/studio/songs/<id>). While the plan is written or the song is made: live progress
 * (refreshing itself without JavaScript) and Cancel, with a confirmation. As a draft (or failed
 * with a plan): the editable plan and Generate, confirmed with the songs left. Failed: the
 * reason and a way to try again. Done: the player, lyrics, downloads, the share link (create,
 * renew, stop: confirmed), the AI DJ's catalogue, rename, delete.
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
  RestyleInput,
  restyleSong,
  setInCatalogue,
  shareSong,
  SongQuotaError,
  songView,
  unshareSong,
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
import { SongPageView } from "../../../../components/SongPage.tsx";
import type { SignedInUser, State } from "../../../../utils.ts";
import { requireConfirmed } from "../../../../lib/web/confirm.ts";

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

/** The song and quota as the API shows them, and its share link's full address while shared. */
async function load(state: State, user: SignedInUser, id: string) {
  const view = await songView(state.platform, user.claims, id);
  const path = view.song.share_url;
  return { ...view, shareUrl: path ? `${state.siteUrl}${path}` : null };
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
          requireConfirmed(form, "Cancel…");
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
        case "share": {
          const was = (await songView(platform, user.claims, id)).song.shared;
          // A new link ends the old one for good: only from its disclosure (428 else).
          if (was) requireConfirmed(form, "Make a new link…");
          await shareSong(platform, user.claims, id);
          return back(
            "success",
            was
              ? "New link made: the old one no longer works."
              : "Share link made: anyone who has it can listen.",
          );
        }
        case "unshare":
          requireConfirmed(form, "Stop sharing…");
          await unshareSong(platform, user.claims, id);
          return back("info", "Sharing stopped: the link no longer works.");
        case "catalogue": {
          const raw = form.get("in_catalogue");
          if (raw !== null && raw !== "on") {
            throw new HttpError(400, "Tick the box or leave it empty", { field: "in_catalogue" });
          }
          const on = raw === "on";
          await setInCatalogue(platform, user.claims, id, on);
          return back(
            on ? "success" : "info",
            on
              ? "The AI DJ may now play this song in playlists."
              : "The AI DJ will no longer play this song.",
          );
        }
        case "restyle": {
          const input = RestyleInput.safeParse({ genre: form.get("genre") ?? "" });
          if (!input.success) {
            return await again({ errors: { restyle: "Choose one of the genres listed" } }, 422);
          }
          const made = await restyleSong(platform, user.claims, id, input.data.genre);
          return back(
            "success",
            "Restyled: a new draft. Check its plan and generate it when you are ready.",
            `/studio/songs/${made.song.id}`,
          );
        }
        case "delete":
          requireConfirmed(form, "Delete this song");
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
      if (e.status === 400 || e.status === 428) throw e;
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
