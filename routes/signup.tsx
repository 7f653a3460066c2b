/**
 * Sign up: creates the account, signs in, and lands on the home with its set-up list (or on a
 * same-site `next`, e.g. the gig the visitor wanted to apply for).
 */
import { define } from "../utils.ts";
import { page } from "../lib/fresh_runtime/mod.ts";
import { AuthForm } from "../components/AuthForm.tsx";
import { Checkbox, Field } from "../components/Field.tsx";
import { SignUp } from "../lib/ports/auth/schemas.ts";
import { signUp } from "../lib/web/sign_in.ts";
import { HttpError } from "../lib/web/errors.ts";
import { readForm } from "../lib/web/body.ts";
import { parseForm } from "../lib/web/forms.ts";
import { sessionCookies } from "../lib/web/session.ts";
import { flashCookie, seeOther } from "../lib/web/respond.ts";
import { DISPLAY_NAME_MAX_CHARS } from "../lib/shared/limits.ts";
import { safeRedirect } from "../lib/web/redirect.ts";

interface Data {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  next?: string;
}

const safeNext = (v: FormDataEntryValue | null) =>
  safeRedirect(typeof v === "string" ? v : null, "/");

export const handler = define.handlers<Data>({
  GET(ctx) {
    const next = safeNext(ctx.url.searchParams.get("next"));
    if (ctx.state.user) return ctx.redirect(next, 303);
    return page({ values: { is_musician: "on" }, next });
  },
  async POST(ctx) {
    const form = await readForm(ctx.req);
    const next = safeNext(form.get("next"));
    form.delete("next");
    const parsed = parseForm(SignUp, form);
    if (!parsed.ok) {
      return page({ errors: parsed.errors, values: parsed.values, next }, { status: 422 });
    }
    const { display_name, email, password, is_musician, is_client } = parsed.data;
    try {
      const session = await signUp(ctx.state, {
        email,
        password,
        metadata: { display_name, is_musician, is_client },
      });
      const secure = ctx.state.secure;
      return seeOther(next, [
        ...sessionCookies(session, secure),
        flashCookie(
          { kind: "success", text: `Welcome, ${display_name}! Your account is ready.` },
          secure,
        ),
      ]);
    } catch (err) {
      // Taken e-mail, too many sign-ups from this address (429 with Retry-After).
      if (!(err instanceof HttpError) || err.status >= 500) throw err;
      return page({
        errors: { [err.field ?? "_form"]: err.message, _form: err.message },
        values: parsed.values,
        next,
      }, { status: err.status, headers: err.headers });
    }
  },
});

export default define.page<typeof handler>(function SignUpPage({ data, state }) {
  const e = data?.errors ?? {};
  const v = data?.values ?? {};
  return (
    <AuthForm
      title="Create your Soundcheck account"
      action="/signup"
      csrf={state.csrf}
      submit="Create account"
      errors={data?.errors}
      footer={
        <>
          Already have an account? <a class="text-indigo-700 underline" href="/signin">Sign in</a>
        </>
      }
    >
      <input type="hidden" name="next" value={data?.next ?? "/"} />
      <Field
        name="display_name"
        label="Name or stage name"
        value={v.display_name}
        error={e.display_name}
        required
        autocomplete="name"
        maxLength={DISPLAY_NAME_MAX_CHARS}
      />
      <Field
        name="email"
        label="E-mail"
        type="email"
        value={v.email}
        error={e.email}
        required
        autocomplete="email"
      />
      <Field
        name="password"
        label="Password"
        type="password"
        error={e.password}
        required
        autocomplete="new-password"
        minLength={8}
        hint="At least 8 characters."
      />
      <fieldset class="mb-4">
        <legend class="mb-1 text-sm font-medium text-gray-800">I am here as</legend>
        <Checkbox
          name="is_musician"
          label="A musician looking for gigs"
          checked={v.is_musician === "on"}
          error={e.is_musician}
        />
        <Checkbox
          name="is_client"
          label="A client or venue hiring musicians"
          checked={v.is_client === "on"}
        />
        {e.is_musician && <p class="text-sm text-red-700" role="alert">{e.is_musician}</p>}
      </fieldset>
    </AuthForm>
  );
});
