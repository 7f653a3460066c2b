/**
 * /account/exports/:id: a ready export's zip. Answers with a short-lived signed link to the
 * private file (made as the person: only their own, unexpired export), so the zip itself never
 * passes through a page.
 */
import { define } from "../../../../utils.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { HttpError } from "../../../../lib/web/errors.ts";
import { seeOther } from "../../../../lib/web/respond.ts";
import { isUuid } from "../../../../lib/shared/ids.ts";
import { exportLink } from "../../../../lib/domains/account/export_job.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = ctx.params.id;
    const gone = new HttpError(404, "This download does not exist or has expired", {
      field: "id",
    });
    if (!isUuid(id)) throw gone;
    const { platform } = ctx.state;
    const url = await exportLink(platform.db, platform.storage, user, id);
    if (!url) throw gone;
    return seeOther(url);
  },
});
