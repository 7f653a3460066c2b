import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { selectProvider } from "./select.ts";

Deno.test("selectProvider - INR to Razorpay when configured, else Stripe, else built-in", () => {
  const both = { STRIPE_SECRET_KEY: "sk", RAZORPAY_KEY_ID: "rk", RAZORPAY_KEY_SECRET: "rs" };
  assertEquals(selectProvider(both, "INR"), "razorpay");
  assertEquals(selectProvider(both, "EUR"), "stripe");
  assertEquals(selectProvider({ STRIPE_SECRET_KEY: "sk" }, "INR"), "stripe");
  assertEquals(
    selectProvider({ RAZORPAY_KEY_ID: "rk", RAZORPAY_KEY_SECRET: "rs" }, "EUR"),
    "builtin",
  );
  assertEquals(selectProvider({ RAZORPAY_KEY_ID: "rk" }, "INR"), "builtin");
  assertEquals(selectProvider({}, "inr"), "builtin");
});
