import { assertEquals, assertRejects } from "../../tests/_helpers/assert.ts";
import { loadConfig } from "./config.ts";
import { builtinAllowed } from "../ports/payments/mod.ts";

/** `loadConfig(env)` fails with a message matching `re`. */
const refuses = (env: Record<string, string>, re: RegExp) =>
  assertRejects(() => Promise.resolve().then(() => loadConfig(env)), re);

Deno.test("config - a payment provider's variables are all set or none, naming the missing one", async () => {
  const stripe = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };
  assertEquals(loadConfig(stripe).STRIPE_WEBHOOK_SECRET, "whsec_x");
  await refuses(
    { STRIPE_SECRET_KEY: "sk_test_x" },
    /STRIPE_WEBHOOK_SECRET: Stripe needs STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET together/,
  );
  await refuses({ STRIPE_API_URL: "http://127.0.0.1:1" }, /STRIPE_SECRET_KEY: Stripe needs/);
  const rzp = { RAZORPAY_KEY_ID: "rzp_test_x", RAZORPAY_KEY_SECRET: "s" };
  await refuses(rzp, /RAZORPAY_WEBHOOK_SECRET: Razorpay needs/);
  assertEquals(loadConfig({ ...rzp, RAZORPAY_WEBHOOK_SECRET: "w" }).RAZORPAY_KEY_ID, "rzp_test_x");
  // An empty value counts as unset, as compose files leave them.
  assertEquals(
    loadConfig({ STRIPE_SECRET_KEY: "", RAZORPAY_KEY_ID: "" }).STRIPE_SECRET_KEY,
    undefined,
  );
});

Deno.test("config - the built-in provider is off in production unless PAYMENTS_BUILTIN=on", async () => {
  const allowed = (env: Record<string, string>) => builtinAllowed(loadConfig(env));
  assertEquals(allowed({}), true);
  assertEquals(allowed({ APP_ENV: "prod" }), false);
  assertEquals(allowed({ APP_ENV: "prod", PAYMENTS_BUILTIN: "on" }), true);
  assertEquals(allowed({ APP_ENV: "dev", PAYMENTS_BUILTIN: "off" }), false);
  await refuses({ PAYMENTS_BUILTIN: "yes" }, /PAYMENTS_BUILTIN/);
});
