/**
 * The embedded platform's own adapters: PGlite (or any Postgres given the compat bootstrap and
 * the migrations), embedded auth, storage and realtime. Only `loadEmbedded` (database.ts) loads
 * this module, in embedded mode, so Edge Functions never bundle it.
 */
import type { Config } from "./config.ts";
import type { EmbeddedAdapters } from "./database.ts";
import { demoAllowed } from "./demo.ts";
import { loadJwtSecret } from "./secrets.ts";
import { createDb } from "../ports/db/mod.ts";
import { openPglite } from "../ports/db/pglite.ts";
import { openPostgres } from "../ports/db/postgres.ts";
import { bootstrapSupabaseCompat, migrate, seed } from "../ports/db/migrate.ts";
import type { Driver } from "../ports/db/types.ts";
import { createEmbeddedAuth } from "../ports/auth/embedded.ts";
import { createTokenSigner } from "../ports/auth/tokens.ts";
import { createEmbeddedStorage } from "../ports/storage/embedded.ts";
import { createEmbeddedRealtime } from "../ports/realtime/embedded.ts";
import { queueMail } from "../ports/mail/outbox.ts";

export const embedded: EmbeddedAdapters = {
  async openDatabase(config: Config) {
    const url = config.DATABASE_URL;
    const dataDir = config.APP_ENV === "test" ? undefined : `${config.DATA_DIR}/db`;
    // PGlite creates only the last segment of its data dir: a fresh clone has no DATA_DIR yet.
    if (!url && dataDir) await Deno.mkdir(config.DATA_DIR, { recursive: true });
    const driver: Driver = url ? openPostgres(url) : await openPglite({ dataDir });
    await bootstrapSupabaseCompat(driver);
    const migrated = await migrate(driver);
    const seeded = demoAllowed(config) ? await seed(driver) : false;
    // Types created by the bootstrap or migrations (vector[], …) must be known to serialise params.
    if (migrated.length > 0) await driver.refreshTypes?.();
    return { db: createDb(driver), migrated, seeded };
  },

  async ports(config, db, siteUrl) {
    const secret = await loadJwtSecret(config);
    const signer = createTokenSigner(secret, config.JWT_EXPIRY_SECONDS, `${siteUrl}/auth/v1`);
    const auth = {
      ...createEmbeddedAuth({
        db,
        signer,
        sendMail: (tx, mail) => queueMail(tx, mail),
        allowDemo: demoAllowed(config),
      }),
      anonKey: await signer.anonKey(),
    };
    // Relative URLs unless SITE_URL is set: the page works whatever host and port it is served on.
    const storage = createEmbeddedStorage({
      db,
      root: `${config.DATA_DIR}/storage`,
      publicBaseUrl: config.SITE_URL,
      signingSecret: secret,
    });
    return { auth, storage, realtime: await createEmbeddedRealtime(db) };
  },
};
