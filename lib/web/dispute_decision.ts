/**
 * The admin's decision form on /admin/disputes: release, refund, or split with the musician's
 * amount (in the booking's currency, major units as typed), and a note that is required here so
 * both sides learn why. The amount is checked against the fee before anything moves, so a bad
 * split names its field; resolve_dispute checks it again.
 *
 * @module
 */
import { z } from "zod";
import { fieldErrors } from "./forms.ts";

export const Decision = z.enum(["release", "refund", "split"]);
export type Decision = z.infer<typeof Decision>;

const DecisionForm = z.object({
  booking_id: z.uuid({ error: "Unknown dispute" }),
  decision: z.enum(["release", "refund", "split"], { error: "Choose release, refund or split" }),
  musician_amount: z.string().trim().max(20).default(""),
  note: z.string().trim().min(1, "Write a note: both sides read it").max(
    2000,
    "Keep the note under 2000 characters",
  ),
});

export interface ParsedDecision {
  bookingId: string;
  decision: Decision;
  /** The musician's share in minor units: only for a split. */
  shareMinor?: number;
  note: string;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** The decision, or errors keyed by field name; `feeMinor` bounds a split (1 … fee − 1). */
export function parseDecision(
  form: FormData,
  feeOf: (bookingId: string) => { feeMinor: number; digits: number } | undefined,
): { ok: true; data: ParsedDecision } | { ok: false; errors: Record<string, string> } {
  const parsed = DecisionForm.safeParse({
    booking_id: form.get("booking_id") ?? "",
    decision: form.get("decision") ?? "",
    musician_amount: form.get("musician_amount") ?? "",
    note: form.get("note") ?? "",
  });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const d = parsed.data;
  const fee = feeOf(d.booking_id);
  if (!fee) return { ok: false, errors: { booking_id: "This dispute is not open any more" } };
  if (d.decision !== "split") {
    return { ok: true, data: { bookingId: d.booking_id, decision: d.decision, note: d.note } };
  }
  const [whole, frac = ""] = d.musician_amount.split(".");
  const minor = AMOUNT.test(d.musician_amount) && frac.length <= fee.digits
    ? Number(whole) * 10 ** fee.digits + Number(frac.padEnd(fee.digits, "0") || "0")
    : NaN;
  if (!Number.isSafeInteger(minor) || minor < 1 || minor > fee.feeMinor - 1) {
    return {
      ok: false,
      errors: {
        musician_amount: "A split gives the musician more than nothing and less than the fee",
      },
    };
  }
  return {
    ok: true,
    data: { bookingId: d.booking_id, decision: "split", shareMinor: minor, note: d.note },
  };
}
