/**
 * Chooses a new password with what the reset link carries, then signs in. The link is checked
 * only when the form is posted, so a mail scanner following it uses nothing up. It comes as
 * `?token=` (embedded), `?token_hash=…&type=recovery` (Supabase, the project's recovery
 * template) or `?code=` (Supabase Auth's default e-mail, redeemed with the verifier cookie the
 * requesting browser kept); an expired Supabase link comes back with `?error_description=`.
 */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { AuthForm } from "../../components/AuthForm.tsx";
import { Field } from "../../components/Field.tsx";
import { ResetConfirm } from "../../lib/ports/auth/schemas.ts";
import { AuthError, type RecoveryProof } from "../../lib/ports/auth/port.ts";
import { readForm } from "../../lib/web/body.ts";
import { parseForm } from "../../lib/web/forms.ts";
import { sessionCookies } from "../../lib/web/session.ts";
import { flashCookie, seeOther } from "../../lib/web/respond.ts";
import { parseCookies } from "../../lib/web/cookies.ts";
import { RESET_VERIFIER_COOKIE, resetVerifierCookie } from "../../lib/web/sign_in.ts";

interface Data {
  token: string;
  code: string;
  errors?: Record<string, string>;
}

const EXPIRED = "This reset link is invalid or has expired: ask for a new one.";
const OTHER_BROWSER =
  "Open the reset link in the browser you asked for it from, or ask for a new one.";

export const handler = define.handlers<Data>({
  GET(ctx) {
    const q = ctx.url.searchParams;
    if (q.has("error") || q.has("error_description")) {
      return page({ token: "", code: "", errors: { _form: EXPIRED } }, { status: 400 });
    }
    const token = q.get("token_hash") ?? q.get("token") ?? "";
    return page({ token, code: token ? "" : q.get("code") ?? "" });
  },
  async POST(ctx) {
    const parsed = parseForm(ResetConfirm, await readForm(ctx.req));
    const link = { token: parsed.values.token ?? "", code: parsed.values.code ?? "" };
    if (!parsed.ok) return page({ ...link, errors: parsed.errors }, { status: 422 });
    const secure = ctx.state.secure;
    let proof: RecoveryProof = parsed.data.token;
    if (!proof) {
      const codeVerifier = parseCookies(ctx.req.headers.get("cookie"))[RESET_VERIFIER_COOKIE];
      if (!codeVerifier) {
        return page({ ...link, errors: { _form: OTHER_BROWSER } }, { status: 400 });
      }
      proof = { code: parsed.data.code, codeVerifier };
    }
    try {
      const session = await ctx.state.platform.auth.resetPassword(proof, parsed.data.password);
      return seeOther("/profile", [
        ...sessionCookies(session, secure),
        resetVerifierCookie("", secure),
        flashCookie({ kind: "success", text: "Your password is changed." }, secure),
      ]);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      const text = err.field === "token" ? EXPIRED : err.message;
      return page({ ...link, errors: { _form: text, [err.field ?? "_form"]: text } }, {
        status: err.status,
      });
    }
  },
});

export default define.page<typeof handler>(function ConfirmPage({ data, state }) {
  return (
    <AuthForm
      title="Choose a new password"
      action="/reset-password/confirm"
      csrf={state.csrf}
      submit="Save password"
      errors={data?.errors}
      footer={data?.errors?._form && (
        <a class="text-indigo-700 underline" href="/reset-password">Ask for a new link</a>
      )}
    >
      <input type="hidden" name="token" value={data?.token} />
      <input type="hidden" name="code" value={data?.code} />
      <Field
        name="password"
        label="New password"
        type="password"
        error={data?.errors?.password}
        required
        autocomplete="new-password"
        minLength={8}
        hint="At least 8 characters."
      />
    </AuthForm>
  );
});
