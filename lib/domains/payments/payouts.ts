/**
 * Musicians' payout accounts: Stripe Connect Express onboarding (the app creates the account and
 * hands out a one-time onboarding link; `account.updated` webhooks set its status) and Razorpay
 * Route linked accounts, whose `acc_…` id the musician or an admin enters (Route's KYC happens
 * outside the app). Rows are written only by SQL functions (20261207001000_payout_accounts.sql).
 */
import { z } from "zod";
import type { Claims } from "../../ports/db/mod.ts";
import {
  type LiveProviderName,
  ProviderUnavailable,
  type StripeProvider,
} from "../../ports/payments/mod.ts";
import { createExpressAccount, onboardingLink } from "../../ports/payments/stripe_connect.ts";
import { HttpError } from "../../web/errors.ts";
import type { PaymentDeps } from "./deps.ts";

export const PayoutAccount = z.object({
  provider: z.enum(["stripe", "razorpay"]),
  account_id: z.string(),
  status: z.enum(["pending", "enabled", "restricted"]),
  details_submitted: z.boolean(),
  charges_enabled: z.boolean(),
  payouts_enabled: z.boolean(),
  updated_at: z.coerce.date(),
});
export type PayoutAccount = z.infer<typeof PayoutAccount>;

export const PayoutAccounts = z.object({ accounts: z.array(PayoutAccount) });

export const OnboardingResult = z.object({
  url: z.string().url().describe("Stripe's one-time onboarding page: send the musician there"),
  account: PayoutAccount,
});

export const RazorpayAccountInput = z.object({
  account_id: z.string().regex(
    /^acc_[A-Za-z0-9]{14}$/,
    "A Razorpay linked account id is acc_ and 14 letters or digits",
  ),
  musician_id: z.string().uuid().optional()
    .describe("Admins only: whose account it is; the caller's own when absent"),
}).strict();

const COLUMNS =
  "provider, account_id, status, details_submitted, charges_enabled, payouts_enabled, updated_at";

/** The caller's payout accounts. */
export async function listPayoutAccounts(deps: PaymentDeps, claims: Claims) {
  const rows = await deps.db.asUser(claims, (tx) =>
    tx.query(
      `select ${COLUMNS} from public.payout_accounts where musician_id = $1::uuid order by provider`,
      [claims.sub],
    ));
  return { accounts: rows.map((r) => PayoutAccount.parse(r)) };
}

function stripeOf(deps: PaymentDeps): StripeProvider {
  try {
    return deps.providers.stripe();
  } catch (err) {
    if (!(err instanceof ProviderUnavailable)) throw err;
    throw new HttpError(409, err.message, { code: "payments_unavailable", field: "provider" });
  }
}

/**
 * The musician starts (or resumes) Stripe Express onboarding: their account is created once
 * (idempotently, per musician) and every call makes a fresh link, as links expire.
 */
export async function startStripeOnboarding(deps: PaymentDeps, claims: Claims) {
  const stripe = stripeOf(deps);
  const mine = await deps.db.asUser(claims, async (tx) => {
    const [me] = await tx.query<{ is_musician: boolean }>(
      "select is_musician from public.profiles where id = $1::uuid",
      [claims.sub],
    );
    if (!me?.is_musician) {
      throw new HttpError(403, "Only a musician has a payout account", { field: "role" });
    }
    const [row] = await tx.query(
      `select ${COLUMNS} from public.payout_accounts
        where musician_id = $1::uuid and provider = 'stripe'`,
      [claims.sub],
    );
    return row ? PayoutAccount.parse(row) : null;
  });
  let account = mine;
  if (!account) {
    const accountId = await createExpressAccount(stripe.client, {
      profileId: claims.sub,
      ...(claims.email ? { email: claims.email } : {}),
      idempotencyKey: `${claims.sub}:connect`,
    });
    const [row] = await deps.db.asService((tx) =>
      tx.query(`select ${COLUMNS} from private.save_stripe_account($1::uuid, $2)`, [
        claims.sub,
        accountId,
      ])
    );
    account = PayoutAccount.parse(row);
  }
  const back = new URL("/earnings?payouts=stripe", deps.siteUrl).href;
  const url = await onboardingLink(stripe.client, {
    accountId: account.account_id,
    returnUrl: back,
    refreshUrl: back,
  });
  return { url, account };
}

/** The musician (or an admin, for any musician) records a Razorpay Route linked account. */
export async function registerRazorpayAccount(
  deps: PaymentDeps,
  claims: Claims,
  input: z.infer<typeof RazorpayAccountInput>,
) {
  return await deps.db.asUser(claims, async (tx) => {
    const [row] = await tx.query(
      `select ${COLUMNS} from public.register_razorpay_account($1, $2::uuid)`,
      [input.account_id, input.musician_id ?? null],
    );
    return PayoutAccount.parse(row);
  });
}

/** What the earnings page shows about getting paid: the accounts and the live providers here. */
export interface PayoutSetup {
  accounts: PayoutAccount[];
  /** Live providers this deployment has; none means payouts run through the built-in provider. */
  providers: LiveProviderName[];
}

export async function payoutSetup(deps: PaymentDeps, claims: Claims): Promise<PayoutSetup> {
  const { accounts } = await listPayoutAccounts(deps, claims);
  return { accounts, providers: livePayoutProviders(deps) };
}

/** The live providers this deployment pays out through (none: the built-in provider does). */
export function livePayoutProviders(deps: Pick<PaymentDeps, "providers">): LiveProviderName[] {
  return (["stripe", "razorpay"] as const).filter((name) => {
    try {
      deps.providers[name]();
      return true;
    } catch (err) {
      if (err instanceof ProviderUnavailable) return false;
      throw err;
    }
  });
}
