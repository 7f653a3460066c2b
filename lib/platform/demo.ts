/** The demo accounts the seed creates (marked in app metadata), for the startup banner. */
import type { Db } from "../ports/db/mod.ts";
import { type Config, listensOnLoopback } from "./config.ts";

/**
 * Demo accounts (known password) and the dev outbox exist only in dev on a server that listens
 * on loopback: nobody else can reach them there.
 */
export function demoAllowed(config: Config): boolean {
  return config.APP_ENV === "dev" && listensOnLoopback(config.HOSTNAME);
}

export async function demoAccounts(db: Db): Promise<{ email: string; role: string }[]> {
  return await db.driver.query<{ email: string; role: string }>(
    `select u.email,
            case when p.is_musician and p.is_client then 'musician + client'
                 when p.is_client then 'client' else 'musician' end as role
     from auth.users u join public.profiles p on p.id = u.id
     where u.raw_app_meta_data ->> 'demo' = 'true' order by u.email limit 10`,
  );
}
