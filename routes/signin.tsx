/** Sign in with e-mail and password; rate limited per address and per client. */
import { define } from "../utils.ts";
import { page } from "../lib/fresh_runtime/mod.ts";
import { AuthForm } from "../components/AuthForm.tsx";
import { Field } from "../components/Field.tsx";
import { clientKey, limits, SignIn } from "../lib/auth/schemas.ts";
import { AuthError } from "../lib/auth/port.ts";
import { parseForm } from "../lib/web/forms.ts";
import { sessionCookies } from "../lib/web/session.ts";
import { isSecure } from "../lib/web/cookies.ts";
import { seeOther } from "../lib/web/respond.ts";

interface Data {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  next?: string;
}

/** Only same-site paths: an open redirect would make the sign-in page a phishing tool. */
function safeNext(v: string | null): string {
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/profile";
}

export const handler = define.handlers<Data>({
  GET(ctx) {
    const next = safeNext(ctx.url.searchParams.get("next"));
    if (ctx.state.user) return ctx.redirect(next, 303);
    return page({ next });
  },
  async POST(ctx) {
    const form = await ctx.req.formData();
    const next = safeNext(typeof form.get("next") === "string" ? String(form.get("next")) : null);
    const parsed = parseForm(SignIn, form);
    if (!parsed.ok) {
      return page({ errors: parsed.errors, values: parsed.values, next }, { status: 422 });
    }
    const ip = clientKey(ctx.req);
    const wait = Math.max(
      limits.signIn.hit(`${ip}|${parsed.data.email}`),
      limits.signInPerIp.hit(ip),
    );
    if (wait) {
      return page({
        errors: { _form: `Too many attempts. Try again in ${wait} s.` },
        values: parsed.values,
        next,
      }, { status: 429, headers: { "retry-after": String(wait) } });
    }
    try {
      const session = await ctx.state.platform.auth.signIn(parsed.data);
      limits.signIn.reset(`${ip}|${parsed.data.email}`);
      return seeOther(next, sessionCookies(session, isSecure(ctx.url)));
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      return page({ errors: { _form: err.message }, values: parsed.values, next }, {
        status: err.status,
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
          New here? <a class="text-indigo-700 underline" href="/signup">Create an account</a>
        </>
      }
    >
      <input type="hidden" name="next" value={data?.next ?? "/profile"} />
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
