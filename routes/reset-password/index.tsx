/**
 * Asks for a password reset link (embedded: it lands in the dev outbox). On Supabase the browser
 * also keeps the request's PKCE verifier (a cookie) for Auth's default `?code=` link.
 */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { AuthForm } from "../../components/AuthForm.tsx";
import { Field } from "../../components/Field.tsx";
import { ResetRequest } from "../../lib/ports/auth/schemas.ts";
import { requestPasswordReset } from "../../lib/web/sign_in.ts";
import { HttpError } from "../../lib/web/errors.ts";
import { readForm } from "../../lib/web/body.ts";
import { parseForm } from "../../lib/web/forms.ts";

interface Data {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  sent?: boolean;
}

export const handler = define.handlers<Data>({
  GET: () => page({}),
  async POST(ctx) {
    const parsed = parseForm(ResetRequest, await readForm(ctx.req));
    if (!parsed.ok) return page({ errors: parsed.errors, values: parsed.values }, { status: 422 });
    let cookies: string[];
    try {
      cookies = await requestPasswordReset(ctx.state, parsed.data.email);
    } catch (err) {
      // Too many requests for this address or from this client (429 with Retry-After).
      if (!(err instanceof HttpError) || err.status >= 500) throw err;
      return page({ errors: { _form: err.message }, values: parsed.values }, {
        status: err.status,
        headers: err.headers,
      });
    }
    const headers = new Headers();
    for (const c of cookies) headers.append("set-cookie", c);
    return page({ sent: true }, { headers });
  },
});

export default define.page<typeof handler>(function ResetPage({ data, state }) {
  if (data?.sent) {
    return (
      <div class="mx-auto max-w-md" role="status">
        <h1 class="mb-4 text-2xl font-bold">Check your e-mail</h1>
        <p class="text-gray-700">
          If an account exists for that address, a link to choose a new password is on its way.
          {state.platform.mode === "embedded" && (
            <>
              On this local setup, e-mail goes to the{" "}
              <a class="text-indigo-700 underline" href="/dev/outbox">dev outbox</a>.
            </>
          )}
        </p>
      </div>
    );
  }
  return (
    <AuthForm
      title="Reset your password"
      action="/reset-password"
      csrf={state.csrf}
      submit="Send reset link"
      errors={data?.errors}
    >
      <Field
        name="email"
        label="E-mail"
        type="email"
        value={data?.values?.email}
        error={data?.errors?.email}
        required
        autocomplete="email"
      />
    </AuthForm>
  );
});
