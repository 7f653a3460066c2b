/** What the payments domain needs: the database and the providers, and the release delay. */
import type { Db } from "../../ports/db/mod.ts";
import type { Config } from "../../platform/config.ts";
import type { Logger } from "../../platform/log.ts";
import { type PaymentProviders, paymentProviders } from "../../ports/payments/mod.ts";

export interface PaymentDeps {
  db: Db;
  providers: PaymentProviders;
  releaseDays: number;
  log?: Logger;
}

export function paymentDeps(
  p: { db: Db; config: Config; siteUrl?: string; log?: PaymentDeps["log"] },
): PaymentDeps {
  return {
    db: p.db,
    providers: paymentProviders(
      p.config,
      p.siteUrl ?? p.config.SITE_URL ?? `http://${p.config.HOSTNAME}:${p.config.PORT}`,
    ),
    releaseDays: p.config.PAYMENT_RELEASE_DAYS,
    log: p.log,
  };
}
