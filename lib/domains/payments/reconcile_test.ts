import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { compare, type Expected } from "./reconcile.ts";
import { backoffSeconds, RETRY } from "./jobs.ts";
import { failedWorkText } from "./work_text.ts";

const transfer: Expected = {
  kind: "transfer",
  ref: "tr_1",
  amountMinor: 40000,
  currency: "EUR",
  statuses: ["succeeded", "pending"],
};

Deno.test("reconcile - compare names each difference, or none", () => {
  const same = { kind: "transfer" as const, ref: "tr_1", amountMinor: 40000, currency: "EUR" };
  assertEquals(compare(transfer, { ...same, status: "pending" }), null);
  assertEquals(compare(transfer, { ...same, status: "succeeded" }), null);
  assertEquals(
    compare(transfer, { ...same, amountMinor: 39900, currency: "GBP", status: "reversed" }),
    "transfer tr_1: amount 39900 at the provider, 40000 in the ledger; currency GBP at the " +
      "provider, EUR in the ledger; status reversed at the provider, succeeded expected",
  );
  assertEquals(compare(transfer, null), "The provider has no transfer tr_1");
});

Deno.test("payments jobs - backoff doubles from the base up to the cap", () => {
  const waits = Array.from({ length: RETRY.maxAttempts }, (_, i) => backoffSeconds(i + 1));
  assertEquals(waits, [60, 120, 240, 480, 960, 1920, 3840, 7680]);
  assertEquals(backoffSeconds(30), RETRY.capS);
});

Deno.test("payments jobs - the failure text says when the next try is, or that we gave up", () => {
  const at = new Date("2026-12-05T14:05:00Z");
  assertEquals(
    failedWorkText("card_declined.", at, null),
    "failed: card_declined. We'll retry at 5 Dec, 14:05 UTC.",
  );
  assertEquals(
    failedWorkText(null, null, at),
    "failed: the provider refused it. We stopped retrying; an admin will look at it.",
  );
});
