/** Notification settings: per type, in-app / e-mail / SMS on or off, and the phone for SMS. */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import {
  type Channel,
  checkboxName,
  getPreferences,
  type KindPreference,
  savePreferences,
  updateFromForm,
} from "../../../lib/domains/notifications/preferences.ts";
import { dbFailure } from "../../../lib/ports/db/errors.ts";
import { CsrfField, Field, FormErrors } from "../../../components/Field.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card, PageTitle } from "../../../components/Page.tsx";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";

interface Data {
  phone: string;
  preferences: KindPreference[];
  errors?: Record<string, string>;
}

const CHANNEL_LABELS: Record<Channel, string> = { in_app: "In app", email: "E-mail", sms: "SMS" };

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const prefs = await ctx.state.platform.db.asUser(user.claims, (tx) => getPreferences(tx));
    return page({ phone: prefs.phone ?? "", preferences: prefs.preferences });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const { db } = ctx.state.platform;
    const form = await readForm(ctx.req);
    const current = await db.asUser(user.claims, (tx) => getPreferences(tx));
    // What the user ticked, to show again if something is wrong.
    const echoed = current.preferences.map((k) => ({
      ...k,
      in_app: form.has(checkboxName(k.kind, "in_app")),
      email: form.has(checkboxName(k.kind, "email")),
      sms: k.sms_available && form.has(checkboxName(k.kind, "sms")),
    }));
    const phone = String(form.get("phone") ?? "");
    const parsed = updateFromForm(form, current.preferences);
    if (!parsed.ok) {
      return page({ phone, preferences: echoed, errors: parsed.errors }, { status: 422 });
    }
    try {
      await db.asUser(user.claims, (tx) => savePreferences(tx, parsed.data));
    } catch (err) {
      const failure = dbFailure(err);
      if (!failure || failure.status !== 400) throw err;
      const field = failure.field === "phone" ? "phone" : "_form";
      return page({ phone, preferences: echoed, errors: { [field]: failure.message } }, {
        status: 422,
      });
    }
    return seeOther("/settings/notifications", [
      flashCookie({ kind: "success", text: "Notification settings saved." }, ctx.state.secure),
    ]);
  },
});

export default define.page<typeof handler>(function NotificationSettings({ data, state }) {
  const e = data.errors ?? {};
  return (
    <>
      <PageTitle sub="Choose what reaches you, and how.">Notification settings</PageTitle>
      <p class="mb-4 text-sm">
        <a class="text-indigo-700 underline" href="/notifications">Back to notifications</a>
        {" · "}
        <a class="text-indigo-700 underline" href="/profile">Profile</a>
        {/* The scout's settings, by the sign-up role hint (the pages check the profile). */}
        {state.user?.claims.user_metadata?.is_musician === true && (
          <>
            {" · "}
            <a class="text-indigo-700 underline" href="/settings/auto-apply">Auto-apply</a>
          </>
        )}
        {state.user?.claims.user_metadata?.is_client === true && (
          <>
            {" · "}
            <a class="text-indigo-700 underline" href="/settings/auto-shortlist">Auto-shortlist</a>
          </>
        )}
      </p>
      <form method="post" action="/settings/notifications" noValidate>
        <CsrfField token={state.csrf} />
        <FormErrors errors={data.errors} />
        <Card>
          <h2 class="mb-2 text-lg font-semibold">Text messages</h2>
          <Field
            name="phone"
            label="Mobile number for SMS"
            type="tel"
            autocomplete="tel"
            value={data.phone}
            error={e.phone}
            maxLength={24}
            hint="International format with the country code, e.g. +351 912 345 678. Leave empty for no SMS."
          />
        </Card>
        <div class="mt-6">
          <Card>
            <h2 class="mb-1 text-lg font-semibold">What to send</h2>
            <p class="mb-4 text-sm text-gray-600">
              Chat messages never arrive one e-mail each: unread messages are collected into one
              e-mail after 15 minutes.
            </p>
            <div class="divide-y divide-gray-200">
              {data.preferences.map((k) => (
                <fieldset
                  key={k.kind}
                  class="flex flex-wrap items-center gap-x-6 gap-y-2 py-3"
                  data-testid={`pref-${k.kind}`}
                >
                  <legend class="sr-only">{k.label}</legend>
                  <div class="basis-full sm:basis-0 sm:flex-1">
                    <p class="font-medium text-gray-900">{k.label}</p>
                    <p class="text-sm text-gray-600">{k.description}</p>
                  </div>
                  {(["in_app", "email", "sms"] as const).map((ch) => {
                    if (ch === "sms" && !k.sms_available) {
                      return <span key={ch} class="w-20 text-sm text-gray-600">—</span>;
                    }
                    const id = `p-${k.kind}-${ch}`;
                    return (
                      <span key={ch} class="flex w-20 items-center gap-2">
                        <input
                          id={id}
                          type="checkbox"
                          name={checkboxName(k.kind, ch)}
                          checked={k[ch]}
                          aria-label={`${k.label}: ${
                            ch === "email" && k.email_digest ? "e-mail digest" : CHANNEL_LABELS[ch]
                          }`}
                          class="h-5 w-5 rounded border-gray-300 text-indigo-600"
                        />
                        <label for={id} class="text-sm text-gray-800">
                          {CHANNEL_LABELS[ch]}
                        </label>
                      </span>
                    );
                  })}
                </fieldset>
              ))}
            </div>
          </Card>
        </div>
        <div class="mt-6">
          <Button>Save settings</Button>
        </div>
      </form>
    </>
  );
});
