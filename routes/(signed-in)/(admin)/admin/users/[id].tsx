/**
 * /admin/users/<id>: one account for an admin. What it is (roles, profile, activity, reports,
 * sessions), its suspension with the reason, and the actions: suspend (a reason and an end day,
 * or permanently; a confirmation step first, then every session ends at once), lift a
 * suspension, verify or unverify a musician. No impersonation: admins never act as the user.
 */
import { define, type State } from "../../../../../utils.ts";
import { type FreshContext, page } from "../../../../../lib/fresh_runtime/mod.ts";
import {
  getUser,
  LiftForm,
  liftSuspension,
  suspendConsequences,
  SuspendForm,
  suspendUser,
  type UserDetail,
  VerifyForm,
  verifyMusician,
} from "../../../../../lib/domains/admin/users.ts";
import type { Consequences } from "../../../../../lib/shared/consequences.ts";
import { formatDate, formatDateTime } from "../../../../../lib/shared/format.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../../../lib/web/params.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { type FieldErrors, parseForm } from "../../../../../lib/web/forms.ts";
import { confirmed } from "../../../../../lib/web/confirm.ts";
import { toHttpError } from "../../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../../lib/web/respond.ts";
import { accountGates } from "../../../../../lib/web/account_gate.ts";
import { Card, PageTitle } from "../../../../../components/Page.tsx";
import { CsrfField, Field, FormErrors } from "../../../../../components/Field.tsx";
import { Button } from "../../../../../components/Button.tsx";
import { ConfirmStep } from "../../../../../components/ConfirmStep.tsx";
import { ReasonField, SuspensionNote, UserFacts } from "../../../../../components/AdminUser.tsx";

interface Data {
  u: UserDetail;
  /** Which form the errors and values belong to. */
  form?: "suspend" | "lift" | "verify";
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** A suspension waiting for its confirmation. */
  step?: { preview: Consequences; fields: Record<string, string> };
}

async function load(
  ctx: FreshContext<State>,
  id: string,
  extra: Partial<Data> = {},
  status = 200,
) {
  const { claims } = signedIn(ctx.state);
  const u = await ctx.state.platform.db.asUser(claims, (tx) => getUser(tx, id));
  if (!u) throw notFound("User");
  return page({ u, ...extra }, { status });
}

const DONE: Record<string, string> = {
  lift: "Suspension lifted: they can sign in again.",
  verify: "Marked as a verified musician.",
  unverify: "No longer marked as verified.",
};

export const handler = define.handlers<Data>({
  GET(ctx) {
    return load(ctx, parseId(ctx.params.id, "User"));
  },
  async POST(ctx) {
    const id = parseId(ctx.params.id, "User");
    const { claims } = signedIn(ctx.state);
    const db = ctx.state.platform.db;
    const form = await readForm(ctx.req);
    const intent = form.get("intent");
    const which = intent === "lift" || intent === "verify" ? intent : "suspend";
    let done: string;
    try {
      if (intent === "suspend") {
        const parsed = parseForm(SuspendForm, form);
        if (!parsed.ok) {
          return load(ctx, id, { form: which, errors: parsed.errors, values: parsed.values }, 422);
        }
        if (!confirmed(form)) {
          // The confirmation step, carrying what was typed: nothing has changed yet.
          const u = await db.asUser(claims, (tx) => getUser(tx, id));
          if (!u) throw notFound("User");
          const preview = suspendConsequences(u, parsed.data, ctx.state.viewerZone ?? null);
          const { confirm: _, ...fields } = parsed.values;
          ctx.state.head = { title: preview.title };
          return load(ctx, id, { step: { preview, fields } }, 428);
        }
        const until = await db.asUser(claims, (tx) => suspendUser(tx, id, parsed.data));
        done = parsed.data.until
          ? `Suspended until ${
            formatDateTime(until, ctx.state.viewerZone ?? null)
          }; their sessions ended.`
          : "Suspended permanently; their sessions ended.";
      } else if (intent === "lift") {
        const parsed = parseForm(LiftForm, form);
        if (!parsed.ok) {
          return load(ctx, id, { form: which, errors: parsed.errors, values: parsed.values }, 422);
        }
        await db.asUser(claims, (tx) => liftSuspension(tx, id, parsed.data.reason));
        done = DONE.lift;
      } else if (intent === "verify") {
        const parsed = parseForm(VerifyForm, form);
        if (!parsed.ok) return load(ctx, id, { form: which, errors: parsed.errors }, 422);
        await db.asUser(claims, (tx) => verifyMusician(tx, id, parsed.data.verified));
        done = parsed.data.verified ? DONE.verify : DONE.unverify;
      } else {
        return load(ctx, id, { form: which, errors: { _form: "Choose an action" } }, 400);
      }
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      if (h.status === 404 && h.field !== "user") throw err;
      const field = h.field === "reason" || h.field === "until" ? h.field : "_form";
      return load(ctx, id, {
        form: which,
        errors: { [field]: h.message },
        values: Object.fromEntries(
          [...form].filter(([k]) => k === "reason" || k === "until")
            .map(([k, v]) => [k, String(v)]),
        ),
      }, h.status);
    }
    // This server refuses their next request now; other servers within a few seconds.
    accountGates(ctx.state.platform).forget(id);
    const flash = flashCookie({ kind: "success", text: done }, ctx.state.secure);
    return seeOther(`/admin/users/${id}`, [flash]);
  },
});

export default define.page<typeof handler>(function AdminUser({ data, state }) {
  const { u } = data;
  const tz = state.viewerZone ?? null;
  const back = `/admin/users/${u.id}`;
  if (data.step) {
    return (
      <div class="mx-auto max-w-2xl">
        <ConfirmStep
          preview={data.step.preview}
          action={back}
          fields={{ ...data.step.fields, intent: "suspend" }}
          backHref={back}
          csrf={state.csrf}
        />
      </div>
    );
  }
  const errs = (f: Data["form"]) => (data.form === f ? data.errors ?? {} : {});
  const vals = (f: Data["form"]) => (data.form === f ? data.values ?? {} : {});
  const s = errs("suspend");
  const lengthNow = vals("suspend").length ?? "until";
  return (
    <>
      <p class="mb-2 text-sm">
        <a class="text-indigo-700 underline" href="/admin/users">All users</a>
      </p>
      <PageTitle sub={u.email ?? undefined}>{u.display_name || "(no name)"}</PageTitle>
      <div class="grid gap-6 lg:grid-cols-3">
        <div class="lg:col-span-2">
          <Card>
            <UserFacts u={u} tz={tz} />
          </Card>
        </div>
        <div class="space-y-6">
          <Card>
            <h2 class="mb-3 text-lg font-semibold">Suspension</h2>
            <SuspensionNote u={u} tz={tz} />
            {u.is_admin
              ? <p class="text-gray-700">Admins cannot be suspended.</p>
              : (
                <form method="post" action={back} noValidate data-testid="suspend-form">
                  <CsrfField token={state.csrf} />
                  <input type="hidden" name="intent" value="suspend" />
                  <FormErrors errors={s._form ? { _form: s._form } : undefined} />
                  <ReasonField
                    id="f-suspend-reason"
                    label="Why (the user is not shown this)"
                    value={vals("suspend").reason}
                    error={s.reason}
                  />
                  <fieldset class="mb-4">
                    <legend class="mb-1 text-sm font-medium text-gray-800">How long</legend>
                    <label class="mb-1 flex items-center gap-2">
                      <input
                        type="radio"
                        name="length"
                        value="until"
                        checked={lengthNow === "until"}
                      />{" "}
                      Until a day
                    </label>
                    <label class="flex items-center gap-2">
                      <input
                        type="radio"
                        name="length"
                        value="permanent"
                        checked={lengthNow === "permanent"}
                      />{" "}
                      Permanently
                    </label>
                    {s.length && <p role="alert" class="mt-1 text-sm text-red-700">{s.length}</p>}
                  </fieldset>
                  <Field
                    name="until"
                    id="f-suspend-until"
                    type="date"
                    label="Ends when this day starts (UTC)"
                    value={vals("suspend").until}
                    error={s.until}
                  />
                  <Button variant="danger">Suspend…</Button>
                </form>
              )}
            {u.banned_until && (
              <form method="post" action={back} noValidate class="mt-6" data-testid="lift-form">
                <CsrfField token={state.csrf} />
                <input type="hidden" name="intent" value="lift" />
                <FormErrors
                  errors={errs("lift")._form ? { _form: errs("lift")._form } : undefined}
                />
                <ReasonField
                  id="f-lift-reason"
                  label="Why lift it"
                  value={vals("lift").reason}
                  error={errs("lift").reason}
                />
                <Button variant="secondary">Lift suspension</Button>
              </form>
            )}
          </Card>
          {u.stage_name && (
            <Card>
              <h2 class="mb-3 text-lg font-semibold">Verification</h2>
              <FormErrors errors={errs("verify")} />
              <p class="mb-3 text-gray-800">
                {u.verified_at
                  ? `Verified musician since ${
                    formatDate(u.verified_at, tz)
                  }: their profile shows a badge.`
                  : "Not verified. Verify once you have checked who they are."}
              </p>
              <form method="post" action={back}>
                <CsrfField token={state.csrf} />
                <input type="hidden" name="intent" value="verify" />
                <input type="hidden" name="verified" value={u.verified_at ? "no" : "yes"} />
                <Button variant="secondary">
                  {u.verified_at ? "Remove verification" : "Verify"}
                </Button>
              </form>
            </Card>
          )}
        </div>
      </div>
    </>
  );
});
