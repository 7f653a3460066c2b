/**
 * /report?type=gig&id=…&back=…: report a profile, a gig, a message or a virtual artist to the
 * moderators, with a reason and details. Only what the reporter can see and does not own (the
 * SQL checks it: 404 / 403 otherwise). Reporting the same thing twice keeps the first report.
 */
import { define, type State } from "../../utils.ts";
import { type FreshContext, page } from "../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../lib/web/guards.ts";
import { readForm } from "../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../lib/web/errors.ts";
import { fieldErrors } from "../../lib/web/forms.ts";
import { safeRedirect } from "../../lib/web/redirect.ts";
import { flashCookie, seeOther } from "../../lib/web/respond.ts";
import {
  DETAILS_MAX_CHARS,
  REASONS,
  reportContent,
  ReportForm,
  reportTargetLabel,
  TARGET_TYPES,
  TARGET_WORDS,
  type TargetType,
} from "../../lib/domains/moderation/mod.ts";
import { PageTitle } from "../../components/Page.tsx";
import { CsrfField } from "../../components/Field.tsx";
import { Button } from "../../components/Button.tsx";

interface Data {
  type: TargetType;
  id: string;
  label: string;
  back: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

const THANKS = "Thanks — our moderators will look at it. We'll tell you what we decide.";

/** Where the reporter came from, else the target's own page. */
function backOf(type: TargetType, id: string, back: string | null | undefined): string {
  const fallback = type === "gig"
    ? `/gigs/${id}`
    : type === "profile"
    ? `/musicians/${id}`
    : type === "artist"
    ? `/artists/${id}`
    : "/messages";
  return safeRedirect(back, fallback);
}

function targetOf(raw: { type?: unknown; id?: unknown }): { type: TargetType; id: string } {
  const type = String(raw.type ?? "");
  if (!(TARGET_TYPES as readonly string[]).includes(type)) {
    throw new HttpError(400, "Report a profile, a gig, a message or an artist", { field: "type" });
  }
  return { type: type as TargetType, id: String(raw.id ?? "").trim().toLowerCase() };
}

async function label(ctx: FreshContext<State>, type: TargetType, id: string): Promise<string> {
  const { claims } = signedIn(ctx.state);
  try {
    return await ctx.state.platform.db.asUser(claims, (tx) => reportTargetLabel(tx, type, id));
  } catch (err) {
    const h = toHttpError(err);
    // The SQL names `target_id`; the page's parameter is `id`.
    if (h && h.status < 500) throw new HttpError(h.status, h.message, { field: "id" });
    throw err;
  }
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { type, id } = targetOf(Object.fromEntries(ctx.url.searchParams));
    const back = backOf(type, id, ctx.url.searchParams.get("back"));
    return page({ type, id, back, label: await label(ctx, type, id) });
  },
  async POST(ctx) {
    const form = Object.fromEntries(await readForm(ctx.req)) as Record<string, string>;
    const { type, id } = targetOf(form);
    const back = backOf(type, id, form.back);
    const values = { reason: String(form.reason ?? ""), details: String(form.details ?? "") };
    const parsed = ReportForm.safeParse({ ...form, type, id });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues);
      return page({ type, id, back, values, errors, label: await label(ctx, type, id) }, {
        status: 422,
      });
    }
    const { claims } = signedIn(ctx.state);
    try {
      await ctx.state.platform.db.asUser(claims, (tx) => reportContent(tx, parsed.data));
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      if (h.field === "reason" || h.field === "details") {
        return page({
          type,
          id,
          back,
          values,
          errors: { [h.field]: h.message },
          label: await label(ctx, type, id),
        }, { status: h.status });
      }
      throw new HttpError(h.status, h.message, { field: h.field === "target_id" ? "id" : h.field });
    }
    return seeOther(back, [flashCookie({ kind: "success", text: THANKS }, ctx.state.secure)]);
  },
});

export default define.page<typeof handler>(function ReportPage({ data, state }) {
  const e = data.errors ?? {};
  const v = data.values ?? {};
  const word = TARGET_WORDS[data.type];
  return (
    <>
      <PageTitle sub={`You are reporting the ${word} “${data.label}”.`}>
        Report a {word}
      </PageTitle>
      <form
        method="post"
        action="/report"
        noValidate
        class="max-w-xl rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
        data-testid="report-form"
      >
        <CsrfField token={state.csrf} />
        <input type="hidden" name="type" value={data.type} />
        <input type="hidden" name="id" value={data.id} />
        <input type="hidden" name="back" value={data.back} />
        <fieldset
          class="mb-4"
          aria-describedby={e.reason ? "reason-error" : undefined}
        >
          <legend class="mb-2 font-medium text-gray-900">What is wrong with it?</legend>
          <div class="space-y-2">
            {REASONS.map(([code, label, hint]) => (
              <label key={code} class="flex items-start gap-2">
                <input
                  type="radio"
                  name="reason"
                  value={code}
                  checked={v.reason === code}
                  class="mt-1"
                  required
                />
                <span>
                  <span class="font-medium text-gray-900">{label}</span>
                  <span class="block text-sm text-gray-600">{hint}</span>
                </span>
              </label>
            ))}
          </div>
          {e.reason && <p id="reason-error" role="alert" class="mt-1 text-red-700">{e.reason}</p>}
        </fieldset>
        <label for="details" class="mb-1 block text-sm font-medium text-gray-800">
          Details (optional, unless you chose “Something else”)
        </label>
        <textarea
          id="details"
          name="details"
          rows={4}
          maxLength={DETAILS_MAX_CHARS}
          class="mb-1 block w-full rounded-md border border-gray-300 px-3 py-2"
          aria-invalid={e.details ? "true" : undefined}
          aria-describedby={e.details ? "details-error details-hint" : "details-hint"}
        >
          {v.details ?? ""}
        </textarea>
        <p id="details-hint" class="mb-1 text-sm text-gray-600">
          Only our moderators read this. The person you report is not told who reported them.
        </p>
        {e.details && <p id="details-error" role="alert" class="text-red-700">{e.details}</p>}
        <div class="mt-4 flex flex-wrap gap-3">
          <Button variant="danger">Send report</Button>
          <a
            href={data.back}
            class="inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-4 py-2 text-base font-medium text-gray-900 hover:bg-gray-50"
          >
            Cancel
          </a>
        </div>
      </form>
    </>
  );
});
