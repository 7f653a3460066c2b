/** Pure parts of notifications: backoff, outbox text rendering, phone numbers, the settings form. */
import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { backoffSeconds, DEFAULT_RETRY, renderText } from "../../ports/mail/outbox.ts";
import { checkboxName, Phone, PreferencesUpdate, updateFromForm } from "./preferences.ts";
import { safeLink } from "./mod.ts";

Deno.test("backoff doubles from the base delay and stops at the cap", () => {
  assertEquals([1, 2, 3, 4, 5].map((n) => backoffSeconds(n)), [30, 60, 120, 240, 480]);
  assertEquals(backoffSeconds(20), DEFAULT_RETRY.maxDelaySeconds);
  const fast = { maxAttempts: 3, baseDelaySeconds: 2, maxDelaySeconds: 5 };
  assertEquals([1, 2, 3].map((n) => backoffSeconds(n, fast)), [2, 4, 5]);
});

Deno.test("outbox texts get the site URL where they say {{site}}", () => {
  assertEquals(
    renderText("Open: {{site}}/gigs/1\nSettings: {{site}}/settings", "https://sc.example/"),
    "Open: https://sc.example/gigs/1\nSettings: https://sc.example/settings",
  );
});

Deno.test("phone numbers are normalised to E.164 or refused", () => {
  assertEquals(Phone.parse(" +351 912-345 (678) "), "+351912345678");
  assertEquals(Phone.parse("0044 20 7946 0958"), "+442079460958");
  for (const bad of ["912345678", "+0123456789", "+1 23", "+1234567890123456", "+44 abc"]) {
    assert(!Phone.safeParse(bad).success, `${bad} is refused`);
  }
  assertEquals(PreferencesUpdate.parse({ phone: "" }).phone, null, "empty removes the number");
  assertEquals(PreferencesUpdate.parse({}).phone, undefined, "absent keeps it");
  assert(!PreferencesUpdate.safeParse({ preferences: [{ kind: "x", pager: true }] }).success);
});

Deno.test("the settings form: unticked means off, SMS only where offered, SMS needs a phone", () => {
  const kinds = [{ kind: "accepted", sms_available: true }, {
    kind: "message",
    sms_available: false,
  }];
  const form = new FormData();
  form.set("phone", "+351 912 345 678");
  form.set(checkboxName("accepted", "sms"), "on");
  form.set(checkboxName("message", "email"), "on");
  form.set(checkboxName("message", "sms"), "on"); // forged: not offered, ignored
  const r = updateFromForm(form, kinds);
  assert(r.ok);
  assertEquals(r.data, {
    phone: "+351912345678",
    preferences: [
      { kind: "accepted", in_app: false, email: false, sms: true },
      { kind: "message", in_app: false, email: true },
    ],
  });
  form.set("phone", "");
  assertEquals(updateFromForm(form, kinds), {
    ok: false,
    errors: { phone: "Add a phone number to get SMS" },
  });
  form.set("phone", "12");
  const bad = updateFromForm(form, kinds);
  assert(!bad.ok && bad.errors.phone?.startsWith("Enter the number in international format"));
});

Deno.test("notification links may only lead within the site", () => {
  assertEquals(safeLink("/gigs/1"), "/gigs/1");
  for (const l of ["//evil.example", "https://evil.example", "/\\evil.example", null, ""]) {
    assertEquals(safeLink(l), null, String(l));
  }
});
