/**
 * The admin user search (issue 20), in the format of ../shared/BENCH.md:
 *
 * - `admin.user_search.p95_ms`: `public.admin_search_users(q, 26, 0)` (the /admin/users page's
 *   query: a page of 25 and one more to know there is a next) as an admin through `db.queryAsUser`,
 *   over `BENCH_USERS` [100000] users, on a migrated in-memory PGlite of its own. The queries are
 *   what an admin types: an e-mail prefix ("olivia.hart1042@"), a whole e-mail, part of an e-mail
 *   ("olivia.hart10"), part of a name ("mckenz"), a first and last name ("noah berg"), a short
 *   prefix ("ol"), an id, and a miss. Per run each query is asked `BENCH_REPEAT` [5] times in a
 *   shuffled order; the value is the median over runs of each run's p95.
 *
 * Users are generated deterministically with generate_series straight into auth.users and
 * public.profiles (triggers off, as a restore would: no welcome messages), then the search mirror
 * is rebuilt by the migration's own private.admin_user_index_refresh() and the tables analysed.
 *
 * `deno run -A bench/admin_user_search.ts` runs it alone and merges into bench/results.json.
 *
 * @module
 */
import { createDb } from "../lib/ports/db/mod.ts";
import { openPglite } from "../lib/ports/db/pglite.ts";
import type { Claims } from "../lib/ports/db/types.ts";
import { migratedSnapshot } from "../tests/_helpers/db.ts";
import { seededRandom } from "../lib/domains/gigs/facts.ts";
import { type Result, summarise, writeResults } from "./results.ts";

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);

export const ADMIN_USER_SEARCH_METRICS = ["admin.user_search.p95_ms"];
export const ADMIN_USER_SEARCH_TARGETS: [string, "≥" | "≤", number][] = [
  ["admin.user_search.p95_ms", "≤", 30],
];

const FIRST = [
  "olivia",
  "noah",
  "amelia",
  "liam",
  "isla",
  "oliver",
  "ava",
  "elijah",
  "mia",
  "lucas",
  "sofia",
  "mateo",
  "chloe",
  "leo",
  "zara",
  "arjun",
  "priya",
  "kenji",
  "yuki",
  "omar",
  "layla",
  "ines",
  "tomas",
  "freya",
  "hugo",
  "nora",
  "felix",
  "maya",
  "ravi",
  "anya",
];
const LAST = [
  "hart",
  "berg",
  "mckenzie",
  "okafor",
  "silva",
  "nakamura",
  "kowalski",
  "dubois",
  "rossi",
  "haddad",
  "larsen",
  "oconnor",
  "fischer",
  "moreau",
  "novak",
  "petrov",
  "santos",
  "tanaka",
  "walsh",
  "ibrahim",
  "jensen",
  "kaur",
  "lindqvist",
  "murphy",
  "quintero",
  "reyes",
  "schmidt",
  "varga",
  "yilmaz",
  "zhang",
];
const DOMAINS = ["example.test", "mail.test", "band.test", "studio.test"];

const sqlArray = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;

/** User n's first and last name and e-mail, as the SQL below makes them. */
function person(n: number): { first: string; last: string; email: string } {
  const first = FIRST[n % FIRST.length];
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length];
  return { first, last, email: `${first}.${last}${n}@${DOMAINS[n % DOMAINS.length]}` };
}

function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

export async function adminUserSearchBench(
  opts: { runs?: number; users?: number; repeat?: number; log?: (line: string) => void } = {},
): Promise<Result[]> {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  const users = opts.users ?? num("BENCH_USERS", 100_000);
  const repeat = opts.repeat ?? num("BENCH_REPEAT", 5);
  const log = opts.log ?? console.log;
  const driver = await openPglite({ loadDataDir: (await migratedSnapshot()).tar });
  try {
    const t0 = performance.now();
    // Ids are deterministic (md5 of n) so the bench can ask for one by id.
    await driver.exec(`
      set session_replication_role = replica;
      insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data,
                              raw_user_meta_data, created_at, updated_at, last_sign_in_at)
      select md5('user' || n)::uuid, 'authenticated', 'authenticated',
             (${sqlArray(FIRST)})[n % ${FIRST.length} + 1] || '.' ||
               (${sqlArray(LAST)})[(n / ${FIRST.length}) % ${LAST.length} + 1] || n || '@' ||
               (${sqlArray(DOMAINS)})[n % ${DOMAINS.length} + 1],
             now(), '{"provider": "email"}', '{}',
             now() - make_interval(mins => n), now(), now() - make_interval(hours => n % 500)
        from generate_series(0, ${users - 1}) n;
      insert into public.profiles (id, display_name, is_musician, is_client, created_at)
      select md5('user' || n)::uuid,
             initcap((${sqlArray(FIRST)})[n % ${FIRST.length} + 1]) || ' ' ||
               initcap((${sqlArray(LAST)})[(n / ${FIRST.length}) % ${LAST.length} + 1]),
             n % 3 <> 0, n % 3 = 0, now() - make_interval(mins => n)
        from generate_series(0, ${users - 1}) n;
      set session_replication_role = origin;
    `);
    const t1 = performance.now();
    // The mirror's indexes are built after its rows, as a restore would: dropped, filled by the
    // migration's own refresh, then made again from their definitions.
    const indexes = await driver.query<{ name: string; def: string }>(
      `select indexname as name, indexdef as def from pg_indexes
        where schemaname = 'private' and tablename = 'admin_user_index'
          and indexname <> 'admin_user_index_pkey'`,
    );
    for (const i of indexes) await driver.exec(`drop index private.${i.name}`);
    await driver.exec("select private.admin_user_index_refresh(null)");
    for (const i of indexes) await driver.exec(i.def);
    await driver.exec(
      "analyze auth.users; analyze public.profiles; analyze private.admin_user_index",
    );
    log(
      `admin search: users ${((t1 - t0) / 1000).toFixed(1)} s, search mirror ${
        ((performance.now() - t1) / 1000).toFixed(1)
      } s`,
    );

    const db = createDb(driver);
    const admin: Claims = {
      sub: crypto.randomUUID(),
      role: "authenticated",
      email: "admin@example.test",
      app_metadata: { role: "admin" },
    };
    const rand = seededRandom("admin-user-search");
    const pick = () => Math.floor(rand() * users);
    const queries: string[] = [];
    for (let i = 0; i < 4; i++) {
      const p = person(pick());
      queries.push(p.email.slice(0, p.email.indexOf("@") + 1)); // e-mail prefix
      queries.push(p.email.toUpperCase()); // a whole e-mail, pasted
      queries.push(p.email.slice(0, p.email.indexOf("@") - 1)); // part of an e-mail
      queries.push(p.last.slice(1, 6)); // part of a name
      queries.push(`${p.first} ${p.last}`); // first and last name
      queries.push(p.first.slice(0, 2)); // a short prefix
      queries.push("nobody-" + i + "-zzqx"); // a miss
    }
    const [{ id }] = await driver.query<{ id: string }>(
      `select md5('user' || 7)::uuid::text as id`,
    );
    queries.push(id);

    const ask = (q: string) =>
      db.queryAsUser(admin, "select * from public.admin_search_users($1, 26, 0)", [q]);
    for (const q of queries) await ask(q); // warm-up: plans, caches
    const perRun: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const order = queries.flatMap((q) => Array(repeat).fill(q) as string[]);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const times: number[] = [];
      const slowest = new Map<string, number>();
      for (const q of order) {
        const t = performance.now();
        await ask(q);
        const ms = performance.now() - t;
        times.push(ms);
        slowest.set(q, Math.max(ms, slowest.get(q) ?? 0));
      }
      perRun.push(p95(times));
      const worst = [...slowest].sort((a, b) => b[1] - a[1])[0];
      log(
        `run ${run}  admin search p95 ${p95(times).toFixed(1)} ms over ${times.length} queries` +
          ` (slowest "${worst[0]}" ${worst[1].toFixed(1)} ms)`,
      );
    }
    return [summarise("admin.user_search.p95_ms", "ms", perRun)];
  } finally {
    await driver.close();
  }
}

if (import.meta.main) {
  const results = await adminUserSearchBench();
  await writeResults(results);
  for (const r of results) {
    const target = ADMIN_USER_SEARCH_TARGETS.find(([n]) => n === r.name);
    const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
    const note = target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : "";
    console.log(`  ${r.name.padEnd(30)} ${String(r.value).padStart(9)} ${r.unit}${note}`);
  }
  Deno.exit(0);
}
