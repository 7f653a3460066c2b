/**
 * The booking page's payment forms (components/PaymentPanel.tsx): each intent calls the payments
 * domain as the signed-in user, then says where to go next with a flash message, or which field
 * was wrong. Refusals (SQL's SC4xx roll back) come back as errors on the page, never as a 5xx.
 *
 * @module
 */
import type { State } from "../../utils.ts";
import {
  CheckoutInput,
  DisputeInput,
  paymentDeps,
  releasePayment,
  startCheckout,
} from "../domains/payments/mod.ts";
import {
  addEvidence,
  openDisputeWithEvidence,
  readEvidenceFiles,
} from "../domains/payments/evidence.ts";
import { EVIDENCE_FIELD, formFiles } from "./dispute_evidence.ts";
import { toHttpError } from "./errors.ts";
import { fieldErrors } from "./forms.ts";
import { signedIn } from "./guards.ts";
import type { FlashMessage } from "./respond.ts";

export type PaymentIntent = "checkout" | "pay" | "release" | "dispute" | "evidence";

export type PaymentActionResult =
  | { redirect: string; flash?: FlashMessage }
  | { status: number; data: { errors?: Record<string, string>; checkoutUrl?: string } };

/** The form's field for the dispute's reason (the booking page's cancel form has `reason`). */
const REASON_FIELD = "dispute_reason";

export async function paymentAction(
  state: State,
  bookingId: string,
  intent: PaymentIntent,
  form: FormData,
): Promise<PaymentActionResult> {
  const user = signedIn(state);
  const deps = paymentDeps(state.platform);
  const back = `/bookings/${bookingId}#payment`;
  // Which part to pay: the whole fee (no choice offered or made), a deposit, the balance.
  const choice = CheckoutInput.safeParse({ part: form.get("part") ?? undefined });
  if ((intent === "checkout" || intent === "pay") && !choice.success) {
    return { status: 422, data: { errors: { part: "Choose how to pay" } } };
  }
  const part = choice.data?.part ?? "full";
  try {
    switch (intent) {
      case "checkout":
        // Opening the checkout fixes the fees; nothing is charged until the card is entered.
        await startCheckout(deps, user.claims, bookingId, part);
        return {
          redirect: back,
          flash: { kind: "info", text: "Check the amounts, then confirm to pay." },
        };
      case "pay": {
        const r = await startCheckout(deps, user.claims, bookingId, part);
        const url = new URL(r.checkout_url, state.siteUrl);
        // The built-in checkout is a page of this app: go there by path, whichever origin
        // this request came in on. Another site's checkout gets a link instead, because the
        // CSP's form-action keeps a form's redirects on this site.
        if (r.payment.provider === "builtin") return { redirect: url.pathname + url.search };
        return { status: 200, data: { checkoutUrl: url.href } };
      }
      case "release":
        await releasePayment(deps, user.claims, bookingId);
        return {
          redirect: back,
          flash: {
            kind: "success",
            text: "Released. Thank you! The musician's payout is on its way.",
          },
        };
      case "dispute": {
        const parsed = DisputeInput.safeParse({ reason: form.get(REASON_FIELD) ?? "" });
        if (!parsed.success) {
          const { reason, ...rest } = fieldErrors(parsed.error.issues);
          return {
            status: 422,
            data: { errors: { ...rest, [REASON_FIELD]: reason ?? "Give a reason" } },
          };
        }
        // The files are checked before anything is stored or frozen; a refused one names the field.
        const files = await readEvidenceFiles(formFiles(form), EVIDENCE_FIELD);
        const { storage } = state.platform;
        await openDisputeWithEvidence(
          deps,
          storage,
          user,
          bookingId,
          parsed.data.reason,
          files,
          EVIDENCE_FIELD,
        );
        return {
          redirect: back,
          flash: {
            kind: "info",
            text: "Dispute opened. The money stays frozen until Soundcheck decides; " +
              "the other side has been told.",
          },
        };
      }
      case "evidence": {
        const files = await readEvidenceFiles(formFiles(form), EVIDENCE_FIELD);
        await addEvidence(deps, state.platform.storage, user, bookingId, files, EVIDENCE_FIELD);
        return {
          redirect: back,
          flash: { kind: "success", text: "Evidence added. Soundcheck and the other side see it." },
        };
      }
    }
  } catch (err) {
    // SQL refusals and the domain's 4xx (e.g. no payout account, provider not configured) are
    // told on the page; a 404 (not a party) and anything else go to the error mapping.
    const h = toHttpError(err);
    if (!h || h.status >= 500 || h.status === 404) throw err;
    const field = h.field === "reason" ? REASON_FIELD : h.field ?? "_form";
    return { status: h.status, data: { errors: { _form: h.message, [field]: h.message } } };
  }
}
