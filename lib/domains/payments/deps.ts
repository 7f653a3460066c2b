/** What the payments domain needs: the database and the providers, and the release delay. */
import type { Db } from "../../ports/db/mod.ts";
import type { Config } from "../../platform/config.ts";
import type { Logger } from "../../platform/log.ts";
import {
  type LiveProviderName,
  type PaymentProviders,
  paymentProviders,
  type PayoutLookup,
} from "../../ports/payments/mod.ts";

export interface PaymentDeps {
  db: Db;
  providers: PaymentProviders;
  releaseDays: number;
  siteUrl: string;
  log?: Logger;
}

/**
 * The musician's enabled payout account on a provider and their share: the fee of the payment
 * (one part of a booking paid in two), or of the booking's full payment.
 */
export function payoutLookup(db: Db): PayoutLookup {
  return {
    async routeFor(provider: LiveProviderName, bookingId: string, paymentId?: string) {
      const [r] = await db.asService((tx) =>
        tx.query<{ account_id: string | null; share_minor: string | null }>(
          "select account_id, share_minor from private.payout_route($1::uuid, $2, $3::uuid)",
          [bookingId, provider, paymentId ?? null],
        )
      );
      return r?.account_id ? { account: r.account_id, amountMinor: Number(r.share_minor) } : null;
    },
  };
}

export function paymentDeps(
  p: { db: Db; config: Config; siteUrl?: string; log?: PaymentDeps["log"] },
): PaymentDeps {
  const siteUrl = p.siteUrl ?? p.config.SITE_URL ?? `http://${p.config.HOSTNAME}:${p.config.PORT}`;
  return {
    db: p.db,
    providers: paymentProviders(p.config, siteUrl, payoutLookup(p.db)),
    releaseDays: p.config.PAYMENT_RELEASE_DAYS,
    siteUrl,
    log: p.log,
  };
}
