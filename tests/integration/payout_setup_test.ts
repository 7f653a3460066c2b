/**
 * "Getting paid" on the earnings page, as a browser posts it: nothing to set up on the built-in
 * provider; Stripe onboarding handed out as a link (a form may not redirect off-site), its status
 * once `account.updated` arrives; a Razorpay linked account refused with the field named, then
 * saved. The main navigation links musicians to their earnings and admins to disputes.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { getPage, postForm, signUpPerson } from "../_helpers/fuzz.ts";
import { FakeStripe } from "../_fakes/stripe.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test(
  { name: "payout setup - built-in provider: nothing to set up; nav links", ...opts },
  async () => {
    await using a = await startTestApp({ WORKER: "off" });
    const musician = await signUpPerson(a, "SetupMusician", "musician");
    const client = await signUpPerson(a, "SetupClient", "client");
    const page = await getPage(a, musician.token, "/earnings");
    assertEquals(page.status, 200);
    assert(page.text.includes("Getting paid"));
    assert(page.text.includes("nothing to"), "the built-in provider needs no setup");
    assert(!page.text.includes("Set up payouts with Stripe"), "no provider here to set up");
    assert(page.text.includes('href="/earnings"'), "musicians see Earnings in the navigation");
    const home = await getPage(a, client.token, "/bookings");
    assert(!home.text.includes('href="/earnings"'), "clients do not");
    // Stripe is not configured here: asking for onboarding names the provider, changes nothing.
    const refused = await postForm(a, musician.token, "/earnings", { intent: "stripe" });
    assertEquals(refused.status, 409);
    assert(
      refused.text.includes("not configured"),
      refused.text.match(/role="alert"[^<]*>[^<]*/)?.[0],
    );
  },
);

Deno.test({ name: "payout setup - Stripe onboarding link, then its status", ...opts }, async () => {
  await using fake = new FakeStripe();
  await using a = await startTestApp({ WORKER: "off", ...fake.env() });
  fake.webhookUrl = `${a.url}/functions/v1/payments-webhook`;
  const musician = await signUpPerson(a, "StripeSetup", "musician");
  assert(
    (await getPage(a, musician.token, "/earnings")).text.includes("Set up payouts with Stripe"),
  );

  const asked = await postForm(a, musician.token, "/earnings", { intent: "stripe" });
  assertEquals(asked.status, 200);
  const link = asked.text.match(/href="([^"]+)"[^>]*>\s*Continue to Stripe/)?.[1];
  assert(link?.startsWith(fake.url), `a link to Stripe's onboarding page: ${link}`);
  const pending = await getPage(a, musician.token, "/earnings?payouts=stripe");
  assert(pending.text.includes("Setup not finished"), "pending until Stripe says otherwise");
  assert(pending.text.includes("Stripe is checking your details"));
  assert(pending.text.includes("Finish setting up payouts"));

  const [{ account_id }] = await a.platform.db.asService((tx) =>
    tx.query<{ account_id: string }>(
      "select account_id from public.payout_accounts where musician_id = $1::uuid",
      [musician.id],
    )
  );
  await fake.completeOnboarding(account_id); // account.updated, signed, to the webhook
  const enabled = await getPage(a, musician.token, "/earnings");
  assert(enabled.text.includes("Payouts enabled"));
  assert(!enabled.text.includes("Finish setting up payouts"));
});

Deno.test(
  { name: "payout setup - Razorpay linked account: field named, then saved", ...opts },
  async () => {
    await using a = await startTestApp({
      WORKER: "off",
      RAZORPAY_KEY_ID: "rzp_test_setup0000000",
      RAZORPAY_KEY_SECRET: "setup-secret",
      RAZORPAY_WEBHOOK_SECRET: "setup-webhook-secret",
      RAZORPAY_API_URL: "http://127.0.0.1:9/",
    });
    const musician = await signUpPerson(a, "RazorpaySetup", "musician");
    const bad = await postForm(a, musician.token, "/earnings", {
      intent: "razorpay",
      account_id: "acc_short",
    });
    assertEquals(bad.status, 400);
    assert(bad.text.includes("A Razorpay linked account id is acc_"), "the field's own message");
    assert(bad.text.includes('id="account_id-error"'));
    const rows = () =>
      a.platform.db.asService((tx) =>
        tx.query<{ status: string }>(
          "select status from public.payout_accounts where musician_id = $1::uuid",
          [musician.id],
        )
      );
    assertEquals(await rows(), []);
    const ok = await postForm(a, musician.token, "/earnings", {
      intent: "razorpay",
      account_id: "acc_ABCDEFGHIJKLMN",
    });
    assertEquals(
      [ok.status, ok.location],
      [303, "/earnings"],
      ok.text.match(/(role="alert"|-error")[^<]*>[^<]*/)?.[0],
    );
    assertEquals((await rows()).length, 1);
    assert((await getPage(a, musician.token, "/earnings")).text.includes("acc_ABCDEFGHIJKLMN"));

    // Replacing it: first a step saying where payouts not sent yet will go (428, nothing
    // changed); the step's own form, with confirm=yes, replaces it. The same id again needs none.
    const accountOf = async () =>
      (await a.platform.db.asService((tx) =>
        tx.query<{ account_id: string }>(
          "select account_id from public.payout_accounts where musician_id = $1::uuid",
          [musician.id],
        )
      ))[0].account_id;
    const change = { intent: "razorpay", account_id: "acc_ZYXWVUTSRQPONM" };
    const step = await postForm(a, musician.token, "/earnings", change);
    assertEquals(step.status, 428);
    assert(step.text.includes('data-testid="confirm-step"'), "the confirmation step");
    assert(step.text.includes("Nothing has happened yet"));
    assert(step.text.includes("instead of acc_ABCDEFGHIJKLMN"), "names both accounts");
    assert(step.text.includes("Payouts already sent to acc_ABCDEFGHIJKLMN stay there"));
    assertEquals(await accountOf(), "acc_ABCDEFGHIJKLMN", "nothing changed yet");
    const done = await postForm(a, musician.token, "/earnings", { ...change, confirm: "yes" });
    assertEquals([done.status, done.location], [303, "/earnings"]);
    assertEquals(await accountOf(), "acc_ZYXWVUTSRQPONM");
    const same = await postForm(a, musician.token, "/earnings", change);
    assertEquals(same.status, 303, "the same account again: nothing to confirm");
  },
);
