/**
 * Auto-apply settings (/settings/auto-apply): an AI-drafted proposal template the musician edits
 * and approves, the rules, the on/off switch, and what the scout did. Each button is a form post
 * (`intent`): draft, save, approve, enable, disable.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError } from "../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { dbFailure } from "../../../../lib/ports/db/errors.ts";
import { formValues } from "../../../../lib/web/forms.ts";
import {
  approveTemplate,
  type AutoApplyView,
  autoApplyView,
  draftForCaller,
  saveAutoApply,
  setAutoApply,
} from "../../../../lib/domains/scout/auto/mod.ts";
import { autoApplyFromForm } from "../../../../lib/domains/scout/auto/forms.ts";
import { AutoApplyForm, AutoApplyStatus } from "../../../../components/AutoApplyForm.tsx";
import { AutoAudit } from "../../../../components/AutoAudit.tsx";
import { EmptyState, PageTitle } from "../../../../components/Page.tsx";
import { LinkButton } from "../../../../components/Button.tsx";

const PATH = "/settings/auto-apply";
const INTENTS = new Set(["draft", "save", "approve", "enable", "disable"]);

interface Data {
  view: AutoApplyView;
  /** The profile's currency; null without a musician profile. */
  currency: string | null;
  values?: Record<string, string>;
  weekdays?: number[];
  errors?: Record<string, string>;
  notice?: string;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    return page(await ctx.state.platform.db.asUser(user.claims, load));
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const { db, ai, config, log } = ctx.state.platform;
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    if (!INTENTS.has(intent)) throw new HttpError(400, "Unknown action", { field: "intent" });
    const done = (text: string) =>
      seeOther(PATH, [flashCookie({ kind: "success", text }, ctx.state.secure)]);
    const again = async (extra: Partial<Data>, status = 422) =>
      page({ ...(await db.asUser(user.claims, load)), ...extra }, { status });
    try {
      switch (intent) {
        case "draft": {
          const d = await draftForCaller(
            { db, ai, dailyLimit: config.AI_DAILY_LIMIT, log },
            user.claims,
          );
          const values = { ...formValues(form), template: d.template };
          return again({
            values,
            weekdays: form.getAll("weekdays").map(Number),
            notice: "Here is a draft. Edit it as you like, then save and approve it.",
          }, 200);
        }
        case "save": {
          const parsed = autoApplyFromForm(form);
          if (!parsed.ok) {
            return again({
              values: parsed.values,
              weekdays: form.getAll("weekdays").map(Number),
              errors: parsed.errors,
            });
          }
          const s = await db.asUser(user.claims, (tx) => saveAutoApply(tx, parsed.data));
          return done(
            s.template_approved_at
              ? "Rules saved."
              : "Saved. Read the template and approve it to switch auto-apply on.",
          );
        }
        case "approve":
          await db.asUser(
            user.claims,
            (tx) => approveTemplate(tx, String(form.get("template") ?? "")),
          );
          return done("Template approved. You can switch auto-apply on.");
        case "enable":
          await db.asUser(user.claims, (tx) => setAutoApply(tx, true));
          return done("Switched on: the scout applies to new gigs that meet your rules.");
        default:
          await db.asUser(user.claims, (tx) => setAutoApply(tx, false));
          return done("Switched off: the scout applies for no one until you switch it on again.");
      }
    } catch (err) {
      const f = dbFailure(err);
      if (f && f.status < 500) {
        const field = f.field === "template" || f.field === "daily_cap" ? f.field : "_form";
        return again({
          errors: { [field]: f.message, ...(field === "_form" ? {} : { _form: f.message }) },
        });
      }
      throw err;
    }
  },
});

async function load(tx: Parameters<typeof autoApplyView>[0]): Promise<Data> {
  const [m] = await tx.query<{ currency: string }>(
    "select currency from public.musician_profiles where id = (select auth.uid())",
  );
  return { view: await autoApplyView(tx), currency: m?.currency ?? null };
}

export default define.page<typeof handler>(function AutoApplySettings({ data, state }) {
  return (
    <>
      <PageTitle sub="Let the scout apply for you to new gigs that fit your rules, with a proposal you approved.">
        Auto-apply
      </PageTitle>
      <p class="mb-4 text-sm">
        <a class="text-indigo-700 underline" href="/my/applications">My applications</a>
        {" · "}
        <a class="text-indigo-700 underline" href="/settings/notifications">
          Notification settings
        </a>
      </p>
      {data.currency == null
        ? (
          <EmptyState title="Tell us what you play first">
            <p class="mb-4">
              Auto-apply works from your musician profile: instruments, genres, place and fee.
            </p>
            <LinkButton href="/profile/musician">Create musician profile</LinkButton>
          </EmptyState>
        )
        : (
          <>
            {data.notice && (
              <p
                role="status"
                class="mb-4 rounded-md border border-indigo-300 bg-indigo-50 px-4 py-3 text-indigo-900"
              >
                {data.notice}
              </p>
            )}
            <AutoApplyStatus settings={data.view.settings} csrf={state.csrf} />
            <AutoApplyForm
              csrf={state.csrf}
              settings={data.view.settings}
              placeholders={data.view.placeholders}
              currency={data.currency}
              values={data.values}
              weekdays={data.weekdays}
              errors={data.errors}
            />
            <AutoAudit entries={data.view.audit} linkApplications />
          </>
        )}
    </>
  );
});
