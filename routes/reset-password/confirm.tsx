/** Chooses a new password with the token from the reset link, then signs in. */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { AuthForm } from "../../components/AuthForm.tsx";
import { Field } from "../../components/Field.tsx";
import { ResetConfirm } from "../../lib/ports/auth/schemas.ts";
import { AuthError } from "../../lib/ports/auth/port.ts";
import { readForm } from "../../lib/web/body.ts";
import { parseForm } from "../../lib/web/forms.ts";
import { sessionCookies } from "../../lib/web/session.ts";
import { flashCookie, seeOther } from "../../lib/web/respond.ts";

interface Data {
  token: string;
  errors?: Record<string, string>;
}

export const handler = define.handlers<Data>({
  GET: (ctx) => page({ token: ctx.url.searchParams.get("token") ?? "" }),
  async POST(ctx) {
    const parsed = parseForm(ResetConfirm, await readForm(ctx.req));
    const token = parsed.values.token ?? "";
    if (!parsed.ok) return page({ token, errors: parsed.errors }, { status: 422 });
    try {
      const session = await ctx.state.platform.auth.resetPassword(
        parsed.data.token,
        parsed.data.password,
      );
      const secure = ctx.state.secure;
      return seeOther("/profile", [
        ...sessionCookies(session, secure),
        flashCookie({ kind: "success", text: "Your password is changed." }, secure),
      ]);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      return page({ token, errors: { _form: err.message, [err.field ?? "_form"]: err.message } }, {
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
    >
      <input type="hidden" name="token" value={data?.token} />
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
