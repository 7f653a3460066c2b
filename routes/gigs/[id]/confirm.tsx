/**
 * /gigs/<id>/confirm?intent=…: the confirmation step of a gig's irreversible actions (accept &
 * book, decline, withdraw, cancel the gig, close its applications). GET says exactly what will happen; its form posts
 * here with `confirm=yes`, and only then is it done. A POST without it shows the step again
 * (428: nothing happened). `back` names the page to return to (gig, applicants, mine, mygigs).
 */
import { z } from "zod";
import { define, type State } from "../../../utils.ts";
import { type FreshContext, page } from "../../../lib/fresh_runtime/mod.ts";
import {
  type Blocked,
  CONFIRM_INTENTS,
  confirmGigDecision,
  type Consequences,
  DECISION_BACKS,
  type DecisionBack,
  decisionBackHref as backHref,
  previewGigDecision,
} from "../../../lib/domains/gigs/mod.ts";
import { dbFailure } from "../../../lib/ports/db/errors.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { notFound, parseId } from "../../../lib/web/params.ts";
import { HttpError } from "../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { ConfirmStep } from "../../../components/ConfirmStep.tsx";

const Intent = z.enum(CONFIRM_INTENTS);
type Intent = z.infer<typeof Intent>;
const Back = z.enum(DECISION_BACKS).catch("gig");

interface Data {
  preview: Consequences | Blocked;
  intent: Intent;
  applicationId: string | null;
  back: DecisionBack;
  backHref: string;
  error?: string;
  reminder?: boolean;
}

/** The action named by a query string or a form: 400 naming the field, 404 for a bad id. */
function readAction(get: (k: string) => string | null) {
  const intent = Intent.safeParse(get("intent"));
  if (!intent.success) {
    throw new HttpError(400, `Choose one of: ${CONFIRM_INTENTS.join(", ")}`, { field: "intent" });
  }
  const onGig = intent.data === "cancel" || intent.data === "close";
  const applicationId = onGig
    ? null
    : parseId(get("application_id") ?? "", "Application", "application_id");
  return { intent: intent.data, applicationId, back: Back.parse(get("back") ?? undefined) };
}

async function show(
  ctx: FreshContext<State>,
  action: ReturnType<typeof readAction>,
  extra: Pick<Data, "error" | "reminder"> = {},
  status?: number,
) {
  const user = signedIn(ctx.state);
  const gigId = parseId(ctx.params.id, "Gig");
  const preview = await ctx.state.platform.db.asUser(
    user.claims,
    (tx) => previewGigDecision(tx, user.id, gigId, action.intent, action.applicationId),
  );
  // Not "forbidden": a stranger must not learn that the gig or the application exists.
  if (!preview) throw notFound(action.applicationId ? "Application" : "Gig");
  const backTo = backHref(action.back, gigId, action.applicationId);
  ctx.state.head = { title: "blocked" in preview ? "Nothing to confirm" : preview.title };
  return page<Data>(
    { preview, ...action, backHref: backTo, ...extra },
    { status: status ?? ("blocked" in preview ? 409 : 200) },
  );
}

export const handler = define.handlers<Data>({
  GET(ctx) {
    signedIn(ctx.state);
    parseId(ctx.params.id, "Gig");
    return show(ctx, readAction((k) => ctx.url.searchParams.get(k)));
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const gigId = parseId(ctx.params.id, "Gig");
    const form = await readForm(ctx.req);
    // The same fields as the query string of GET (typed strings only; a file is no answer).
    const action = readAction((k) => {
      const v = form.get(k);
      return typeof v === "string" ? v : null;
    });
    if (form.get("confirm") !== "yes") return await show(ctx, action, { reminder: true }, 428);
    const shown = await show(ctx, action);
    if (shown.status !== 200) return shown; // already decided, or the gig has moved on
    try {
      const d = await ctx.state.platform.db.asUser(
        user.claims,
        (tx) => confirmGigDecision(tx, action.intent, gigId, action.applicationId),
      );
      const to = d.to ?? backHref(action.back, gigId, action.applicationId);
      const undo = d.undoable && action.applicationId
        ? {
          action: `/gigs/${gigId}/undo`,
          fields: {
            intent: action.intent,
            application_id: action.applicationId,
            back: action.back,
          },
        }
        : undefined;
      return seeOther(to, [
        flashCookie({ kind: "success", text: d.text, ...(undo ? { undo } : {}) }, ctx.state.secure),
      ]);
    } catch (err) {
      const f = dbFailure(err);
      if (!f || f.status === 404) throw err;
      return await show(ctx, action, { error: f.message }, f.status);
    }
  },
});

export default define.page<typeof handler>(function ConfirmPage({ data, state, url }) {
  return (
    <div class="mx-auto max-w-2xl">
      <ConfirmStep
        preview={data.preview}
        action={url.pathname}
        fields={{
          intent: data.intent,
          ...(data.applicationId ? { application_id: data.applicationId } : {}),
          back: data.back,
        }}
        backHref={data.backHref}
        csrf={state.csrf}
        error={data.error}
        reminder={data.reminder}
      />
    </div>
  );
});
