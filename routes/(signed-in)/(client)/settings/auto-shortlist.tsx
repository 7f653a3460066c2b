/**
 * Auto-shortlist settings for clients (/settings/auto-shortlist): the rules, the switch, and what
 * the scout did (shortlisted, or skipped and why).
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { dbFailure } from "../../../../lib/ports/db/errors.ts";
import {
  type AutoShortlistView,
  autoShortlistView,
  saveAutoShortlist,
} from "../../../../lib/domains/scout/auto/mod.ts";
import { autoShortlistFromForm } from "../../../../lib/domains/scout/auto/forms.ts";
import { AutoShortlistForm } from "../../../../components/AutoShortlistForm.tsx";
import { AutoAudit } from "../../../../components/AutoAudit.tsx";
import { PageTitle } from "../../../../components/Page.tsx";

const PATH = "/settings/auto-shortlist";

interface Data {
  view: AutoShortlistView;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    return page({ view: await ctx.state.platform.db.asUser(user.claims, autoShortlistView) });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const { db } = ctx.state.platform;
    const parsed = autoShortlistFromForm(await readForm(ctx.req));
    const again = async (extra: Partial<Data>) =>
      page({ view: await db.asUser(user.claims, autoShortlistView), ...extra }, { status: 422 });
    if (!parsed.ok) return again({ values: parsed.values, errors: parsed.errors });
    try {
      const s = await db.asUser(user.claims, (tx) => saveAutoShortlist(tx, parsed.data));
      return seeOther(PATH, [
        flashCookie({
          kind: "success",
          text: s.enabled ? "Saved: auto-shortlist is on." : "Saved: auto-shortlist is off.",
        }, ctx.state.secure),
      ]);
    } catch (err) {
      const f = dbFailure(err);
      if (f && f.status < 500) {
        return again({
          values: parsed.values,
          errors: { _form: f.message, [f.field ?? "_form"]: f.message },
        });
      }
      throw err;
    }
  },
});

export default define.page<typeof handler>(function AutoShortlistSettings({ data, state }) {
  return (
    <>
      <PageTitle sub="Let the scout shortlist applicants who meet your rules as they apply.">
        Auto-shortlist
      </PageTitle>
      <p class="mb-4 text-sm">
        <a class="text-indigo-700 underline" href="/settings/notifications">
          Notification settings
        </a>
      </p>
      <AutoShortlistForm
        csrf={state.csrf}
        settings={data.view.settings}
        values={data.values}
        errors={data.errors}
      />
      <AutoAudit entries={data.view.audit} />
    </>
  );
});
