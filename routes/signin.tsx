/** Sign in with e-mail and password; rate limited per account and per client address. */
import { define } from "../utils.ts";
import { page } from "../lib/fresh_runtime/mod.ts";
import { AuthForm } from "../components/AuthForm.tsx";
import { Field } from "../components/Field.tsx";
import { SignIn } from "../lib/ports/auth/schemas.ts";
import { signIn } from "../lib/web/sign_in.ts";
import { HttpError } from "../lib/web/errors.ts";
import { readForm } from "../lib/web/body.ts";
import { parseForm } from "../lib/web/forms.ts";
import { sessionCookies } from "../lib/web/session.ts";
import { seeOther } from "../lib/web/respond.ts";
import { safeRedirect } from "../lib/web/redirect.ts";

interface Data {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  next?: string;
}

/**
 * Only same-site paths: an open redirect would make the sign-in page a phishing tool. Without a
 * `next`, the user lands on their home.
 */
const safeNext = (v: string | null) => safeRedirect(v, "/");

export const handler = define.handlers<Data>({
  GET(ctx) {
    const next = safeNext(ctx.url.searchParams.get("next"));
    if (ctx.state.user) return ctx.redirect(next, 303);
    return page({ next });
  },
  async POST(ctx) {
    const form = await readForm(ctx.req);
    const next = safeNext(typeof form.get("next") === "string" ? String(form.get("next")) : null);
    const parsed = parseForm(SignIn, form);
    if (!parsed.ok) {
      return page({ errors: parsed.errors, values: parsed.values, next }, { status: 422 });
    }
    try {
      const session = await signIn(ctx.state, parsed.data);
      return seeOther(next, sessionCookies(session, ctx.state.secure));
    } catch (err) {
      // Wrong password, suspended account, too many attempts (429 with Retry-After).
      if (!(err instanceof HttpError) || err.status >= 500) throw err;
      return page({ errors: { _form: err.message }, values: parsed.values, next }, {
        status: err.status,
        headers: err.headers,
      });
    }
  },
});

export default define.page<typeof handler>(function SignInPage({ data, state }) {
  const e = data?.errors ?? {};
  return (
    <AuthForm
      title="Sign in"
      action="/signin"
      csrf={state.csrf}
      submit="Sign in"
      errors={data?.errors}
      footer={
        <>
          <a class="text-indigo-700 underline" href="/reset-password">Forgot your password?</a>
          <span class="mx-2">·</span>
          New here?{" "}
          <a
            class="text-indigo-700 underline"
            href={data?.next && data.next !== "/"
              ? `/signup?next=${encodeURIComponent(data.next)}`
              : "/signup"}
          >
            Create an account
          </a>
        </>
      }
    >
      <input type="hidden" name="next" value={data?.next ?? "/"} />
      <Field
        name="email"
        label="E-mail"
        type="email"
        value={data?.values?.email}
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
        autocomplete="current-password"
      />
    </AuthForm>
  );
});
