/**
 * Mastering a song (/studio/songs/<id>/master). The newest master (or `?master=<mid>`): live
 * progress while it is made (Cancel), the reason if it failed, and once done the A/B player (the
 * original and the master at the same loudness), the before/after report, the spectra, what each
 * platform will do to it, and the downloads. Below it the settings form (a plain form post) to
 * master again, and the earlier masters. A song not finished yet has nothing to master.
 */
import { define } from "../../../../../utils.ts";
import { page } from "../../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../../lib/web/respond.ts";
import { requireConfirmed } from "../../../../../lib/web/confirm.ts";
import { isUuid } from "../../../../../lib/shared/ids.ts";
import { songView } from "../../../../../lib/domains/studio/service.ts";
import { listSongs } from "../../../../../lib/domains/studio/store.ts";
import { type Song, SongListQuery } from "../../../../../lib/domains/studio/types.ts";
import {
  cancelMaster,
  masterList,
  MasterQuotaError,
  presetGenres,
  startMaster,
} from "../../../../../lib/domains/studio/master/service.ts";
import type { Master } from "../../../../../lib/domains/studio/master/types.ts";
import {
  DEFAULT_FORM,
  type MasterFormValues,
  readMasterForm,
} from "../../../../../lib/domains/studio/master/form.ts";
import { songTitle } from "../../../../../lib/browser/studio_view.ts";
import { MasterView } from "../../../../../components/MasterPage.tsx";
import type { SignedInUser, State } from "../../../../../utils.ts";

export interface MasterPageData {
  song: Song | null;
  masters: Master[];
  shown: Master | null;
  genres: string[];
  songs: { id: string; title: string }[];
  values: MasterFormValues;
  errors?: Partial<Record<keyof MasterFormValues, string>>;
  quotaRefused?: string;
}

async function load(state: State, user: SignedInUser, id: string, mid: string | null) {
  const { song } = await songView(state.platform, user.claims, id);
  const done = song.status === "done";
  const masters = done ? await masterList(state.platform, user.claims, id) : [];
  const songs = done
    ? (await state.platform.db.asUser(
      user.claims,
      (tx) => listSongs(tx, SongListQuery.parse({ status: "done", limit: 50 })),
    )).items.filter((s) => s.id !== id).map((s) => ({ id: s.id, title: songTitle(s) }))
    : [];
  const last = masters[0];
  return {
    song,
    masters,
    shown: masters.find((m) => m.id === mid) ?? last ?? null,
    genres: presetGenres(),
    songs,
    // The form starts from the newest master's settings: tweak and master again.
    values: last ? valuesOf(last) : { ...DEFAULT_FORM, reference: `preset:${genreOf(song)}` },
  };
}

function genreOf(song: Song): string {
  const g = (song.plan?.genre ?? "").toLowerCase();
  return presetGenres().includes(g) ? g : "pop";
}

function valuesOf(m: Master): MasterFormValues {
  const s = m.settings;
  const preset = ["-14", "-16", "-9"].includes(String(s.target_lufs));
  return {
    target: preset ? String(s.target_lufs) : "custom",
    custom_lufs: preset ? "" : String(s.target_lufs),
    ceiling_dbtp: String(s.ceiling_dbtp),
    intensity: String(Math.round(s.intensity * 100)),
    reference: s.reference.kind === "song"
      ? `song:${s.reference.song_id}`
      : `preset:${s.reference.genre}`,
  };
}

const EMPTY: MasterPageData = {
  song: null,
  masters: [],
  shown: null,
  genres: [],
  songs: [],
  values: DEFAULT_FORM,
};

export const handler = define.handlers<MasterPageData>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = ctx.params.id;
    if (!isUuid(id)) return page(EMPTY, { status: 404 });
    const mid = ctx.url.searchParams.get("master");
    try {
      return page(await load(ctx.state, user, id.toLowerCase(), isUuid(mid) ? mid : null));
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) return page(EMPTY, { status: 404 });
      throw err;
    }
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const raw = ctx.params.id;
    if (!isUuid(raw)) throw new HttpError(404, "Song not found", { field: "id" });
    const id = raw.toLowerCase();
    const here = `/studio/songs/${id}/master`;
    const platform = ctx.state.platform;
    const back = (kind: "success" | "error" | "info", text: string, to = here) =>
      seeOther(to, [flashCookie({ kind, text }, ctx.state.secure)]);
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    if (intent === "cancel") {
      const mid = String(form.get("mid") ?? "");
      if (!isUuid(mid)) throw new HttpError(400, "Which master?", { field: "mid" });
      requireConfirmed(form, "Cancel this master…");
      try {
        await cancelMaster(platform, user.claims, id, mid.toLowerCase());
      } catch (err) {
        const e = toHttpError(err);
        if (!e || e.status !== 409) throw err;
        return back("error", e.message);
      }
      return back("info", "Cancelled. It did not count against your masters this month.");
    }
    if (intent !== "master") throw new HttpError(400, "Unknown action", { field: "intent" });
    const { values, settings, errors } = readMasterForm(form);
    const again = async (extra: Partial<MasterPageData>, status: number) =>
      page({ ...(await load(ctx.state, user, id, null)), values, ...extra }, { status });
    if (!settings) return await again({ errors }, 422);
    try {
      const m = await startMaster(platform, user.claims, id, settings);
      return seeOther(`${here}?master=${m.id}`);
    } catch (err) {
      if (err instanceof MasterQuotaError) return await again({ quotaRefused: err.resetsAt }, 429);
      const e = toHttpError(err);
      if (!e) throw err;
      if (e.field === "reference" || e.field?.startsWith("settings.")) {
        return await again({ errors: { reference: e.message } }, 422);
      }
      if (e.status === 409) return back("error", e.message);
      throw e;
    }
  },
});

export default define.page<typeof handler>(function MasterPage({ data, state }) {
  return <MasterView {...data} csrf={state.csrf} />;
});
