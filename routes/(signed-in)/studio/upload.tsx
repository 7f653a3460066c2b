/**
 * Upload a track (/studio/upload): the form without JavaScript. POST decodes and checks the file
 * (lib/domains/studio/uploads.ts) and redirects to the song's page, where the MP3 is made with
 * live progress; a refused file is shown again with the reason next to its field, stored nowhere.
 */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import type { RouteConfig } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { toHttpError } from "../../../lib/web/errors.ts";
import { seeOther } from "../../../lib/web/respond.ts";
import {
  UPLOAD_BODY_LIMIT,
  uploadFromForm,
  uploadTrack,
} from "../../../lib/domains/studio/uploads.ts";
import { PageTitle } from "../../../components/Page.tsx";
import { SongUploadForm } from "../../../components/SongUploadForm.tsx";

export const config: RouteConfig = { bodyLimit: UPLOAD_BODY_LIMIT };

interface Data {
  title: string;
  errors?: Record<string, string>;
}

export const handler = define.handlers<Data>({
  GET(ctx) {
    signedIn(ctx.state);
    return page({ title: "" });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const title = typeof form.get("title") === "string" ? String(form.get("title")) : "";
    try {
      const { song } = await uploadTrack(ctx.state.platform, user, uploadFromForm(form));
      return seeOther(`/studio/songs/${song.id}`);
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500) throw err;
      const field = e.field === "file" || e.field === "title" ? e.field : "_form";
      return page({ title: title.slice(0, 120), errors: { [field]: e.message } }, {
        status: e.status,
      });
    }
  },
});

export default define.page<typeof handler>(function Upload({ data, state }) {
  return (
    <>
      <PageTitle sub="Your own recordings sit in your songs beside the ones you make here.">
        Upload a track
      </PageTitle>
      <SongUploadForm csrf={state.csrf} title={data.title} errors={data.errors} />
      <p class="mt-4 text-sm">
        <a class="text-indigo-700 underline" href="/studio/library">Back to your songs</a>
      </p>
    </>
  );
});
