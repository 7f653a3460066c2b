/**
 * The hit meter of a song (/studio/songs/<id>/meter): measure a finished song (a form post),
 * follow it live, then the overall score as a gauge, the category bars, the features and the
 * insights; "measure again" once the song's audio changed. Asking again for the same audio shows
 * the same report.
 */
import { define } from "../../../../../utils.ts";
import { page } from "../../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../../lib/web/respond.ts";
import { isUuid } from "../../../../../lib/shared/ids.ts";
import { songView } from "../../../../../lib/domains/studio/service.ts";
import { meterView, requestMeter } from "../../../../../lib/domains/studio/meter/service.ts";
import type { Song } from "../../../../../lib/domains/studio/types.ts";
import type { Meter } from "../../../../../lib/domains/studio/meter/types.ts";
import { MeterView } from "../../../../../components/MeterPage.tsx";

interface Data {
  song: Song | null;
  meter: Meter | null;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = ctx.params.id;
    if (!isUuid(id)) return page({ song: null, meter: null }, { status: 404 });
    try {
      const { song } = await songView(ctx.state.platform, user.claims, id.toLowerCase());
      const meter = await meterView(ctx.state.platform, user.claims, song.id);
      return page({ song, meter });
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) {
        return page({ song: null, meter: null }, { status: 404 });
      }
      throw err;
    }
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const raw = ctx.params.id;
    if (!isUuid(raw)) throw new HttpError(404, "Song not found", { field: "id" });
    const here = `/studio/songs/${raw.toLowerCase()}/meter`;
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "measure") {
      throw new HttpError(400, "Unknown action", { field: "intent" });
    }
    try {
      await requestMeter(ctx.state.platform, user.claims, raw.toLowerCase());
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status !== 409) throw err;
      return seeOther(here, [flashCookie({ kind: "error", text: e.message }, ctx.state.secure)]);
    }
    return seeOther(here);
  },
});

export default define.page<typeof handler>(function MeterPage({ data, state }) {
  return <MeterView song={data.song} meter={data.meter} csrf={state.csrf} />;
});
