/**
 * The real-Postgres test tier: `make test-postgres` (and part of `make test`).
 *
 * 1. install.sh: Debian's PostgreSQL 15, pgTAP, pg_cron, and pgvector 0.8.1 and pgmq 1.5.1 built
 *    from vendor/, each only when missing. Exit code 3 there means "cannot install here"
 *    (no apt, not root): the tier then prints why and exits 3, which the Makefile reports as skipped.
 * 2. A throwaway cluster (cluster.ts), Supabase's own image SQL and the services' stand-in
 *    (supabase_image.ts), then the real CLI: `supabase db push` for the migrations, a copy of the
 *    migrated database kept as the template for tests, then `supabase db push --include-seed`.
 * 3. On that database: pg_cron schedules and pgmq grants (platform_checks.ts), `supabase db
 *    advisors` (0 errors and 0 warnings expected), the whole pgTAP suite on a copy of the template
 *    (tests/pgtap/run_postgres.ts), the app itself booted with its worker draining every queue
 *    (app_check.ts), and `deno test tests/postgres/` when that folder exists, with
 *    TEST_DATABASE_URL naming the template (tests/_helpers/postgres.ts).
 * 4. A summary, and the cluster removed whatever happened.
 *
 * @module
 */
import { parseAdvisorsOutput } from "../db_advisors.ts";
import { runPgtap } from "../../tests/pgtap/run_postgres.ts";
import { type Cluster, startCluster } from "./cluster.ts";
import { cloneDatabase, migrateDatabase, supabaseCli, TEMPLATE_DB } from "./database.ts";
import { platformChecks } from "./platform_checks.ts";
import { checkApp } from "./app_check.ts";

export const SKIPPED = 3;
const here = new URL(".", import.meta.url);
const projectRoot = new URL("../../", import.meta.url);

const t0 = performance.now();
const secs = (ms = performance.now() - t0) => `${(ms / 1000).toFixed(1)} s`;
const step = (what: string) => console.log(`\n## ${what} (${secs()})`);

async function install(): Promise<number> {
  const out = await new Deno.Command("bash", {
    args: [new URL("install.sh", here).pathname],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  return out.code;
}

function pushOrThrow(run: { code: number; output: string }, what: string): void {
  const lines = run.output.split("\n").filter((l) => /^(Applying|Seeding|Finished|ERROR)/.test(l));
  console.log(lines.join("\n"));
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.output}`);
}

async function advisors(url: string): Promise<{ errors: number; warnings: number }> {
  const run = await supabaseCli([
    "db",
    "advisors",
    `--remote=${url}`,
    "--type",
    "all",
    "--level",
    "info",
    "--output-format",
    "json",
  ]);
  let findings;
  try {
    findings = parseAdvisorsOutput(run.stdout);
  } catch (err) {
    throw new Error(`supabase db advisors failed (exit ${run.code}): ${err}\n${run.output}`);
  }
  for (const f of findings) {
    console.log(`${f.level.padEnd(5)} ${f.name} [${f.categories.join(", ")}] ${f.detail}`);
  }
  const count = (level: string) => findings.filter((f) => f.level === level).length;
  console.log(`advisors: ${count("ERROR")} error, ${count("WARN")} warn, ${count("INFO")} info`);
  return { errors: count("ERROR"), warnings: count("WARN") };
}

/**
 * Integration tests that touch SQL, run again here: under TEST_DATABASE_URL each test app gets a
 * fresh copy of the migrated database (tests/_helpers/app.ts) instead of PGlite.
 */
export const ON_POSTGRES = [
  "worker_test.ts",
  "outbox_test.ts",
  "marketplace_test.ts",
  "chat_test.ts",
  "notifications_api_test.ts",
  "message_digest_test.ts",
  "dj_flow_test.ts",
  "dj_jobs_test.ts",
  "queue_contract_test.ts",
  "payments_test.ts",
  "payments_providers_test.ts",
  "payments_jobs_test.ts",
  "payments_reconcile_test.ts",
  "plans_test.ts",
  "scout_sources_test.ts",
  "scout_access_test.ts",
  "auto_apply_test.ts",
  "digest_test.ts",
  "media_test.ts",
  "directory_test.ts",
  "favourites_test.ts",
  "my_gigs_test.ts",
  "match_signals_test.ts",
].map((f) => `tests/integration/${f}`);

/** `deno test tests/postgres/` (written against tests/_helpers/postgres.ts) and ON_POSTGRES. */
async function extraTests(cluster: Cluster): Promise<boolean | undefined> {
  const dir = new URL("tests/postgres/", projectRoot);
  try {
    await Deno.stat(dir);
  } catch {
    return undefined;
  }
  await cloneDatabase(cluster, TEMPLATE_DB, "soundcheck_tests");
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", dir.pathname, ...ON_POSTGRES],
    cwd: projectRoot.pathname,
    env: {
      TEST_DATABASE_URL: cluster.url("supabase_admin", "soundcheck_tests"),
      TEST_DATABASE_TEMPLATE: TEMPLATE_DB,
    },
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  return out.success;
}

async function main(): Promise<number> {
  step("install");
  const installed = await install();
  if (installed === SKIPPED) {
    console.log("postgres tier: skipped (the reason is above)");
    return SKIPPED;
  }
  if (installed !== 0) return installed;

  step("cluster");
  await using cluster = await startCluster();
  // Interrupted (Ctrl-C, a CI timeout): the cluster goes too, not only on a normal exit.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, () => void cluster.stop().finally(() => Deno.exit(130)));
  }
  const adminUrl = cluster.url("supabase_admin", "postgres");
  const url = cluster.url("postgres", "postgres");
  console.log(`PostgreSQL 15 on 127.0.0.1:${cluster.port} (${cluster.dir})`);

  step("Supabase's image SQL, the services' stand-in, supabase db push");
  const migrated = await migrateDatabase(cluster);
  for (const s of migrated.skipped) {
    console.log(`skipped ${s.file}: ${s.sql.split("\n")[0].slice(0, 80)} (${s.reason})`);
  }
  pushOrThrow(migrated.push, "supabase db push");
  step("supabase db push --include-seed");
  pushOrThrow(
    await supabaseCli(["db", "push", `--remote=${url}`, "--include-seed", "--yes"]),
    "supabase db push --include-seed",
  );

  step("pg_cron schedules and pgmq grants");
  const checks = await platformChecks(adminUrl);
  for (const p of checks.passed) console.log(`ok - ${p}`);
  for (const n of checks.notes) console.log(`# ${n}`);
  for (const f of checks.failed) console.log(`not ok - ${f}`);

  step("supabase db advisors");
  const adv = await advisors(url);

  step("pgTAP");
  await cloneDatabase(cluster, TEMPLATE_DB, "soundcheck_pgtap");
  // As `postgres`, pgTAP and the helpers included, as `supabase test db` runs them on Supabase.
  const pgtap = await runPgtap(cluster.url("postgres", "soundcheck_pgtap"));

  step("the app on this database, worker on");
  const app = await checkApp(url, adminUrl);
  for (const e of app.errors.slice(0, 20)) console.log(`app error: ${e}`);
  const left = Object.entries(app.left).map(([q, n]) => `${q}: ${n}`).join(", ");
  console.log(
    `booted in ${secs(app.bootMs)}; drained ${app.drained} jobs in ${secs(app.drainMs)}` +
      (left ? `; left: ${left}` : "; every queue empty"),
  );
  const appOk = app.errors.length === 0 && !left && app.drained > 0;

  step("deno test tests/postgres/");
  const extra = await extraTests(cluster);

  const advOk = adv.errors === 0 && adv.warnings === 0;
  const verdicts = [pgtap.failed === 0, advOk, appOk, checks.failed.length === 0, extra !== false];
  console.log(
    `\npostgres tier (${secs()}): pgTAP ${pgtap.passed} passed, ${pgtap.failed} failed; ` +
      `advisors ${adv.errors} errors, ${adv.warnings} warnings; ` +
      `worker drained ${app.drained} jobs with ${app.errors.length} errors` +
      (left ? ` (${left} left)` : "") + `; platform checks ${checks.passed.length} passed, ` +
      `${checks.failed.length} failed` +
      (extra === undefined ? "" : `; tests/postgres ${extra ? "passed" : "FAILED"}`),
  );
  const failed = pgtap.failed + checks.failed.length + (advOk ? 0 : 1) + (appOk ? 0 : 1) +
    (extra === false ? 1 : 0);
  const passed = pgtap.passed + checks.passed.length + (advOk ? 1 : 0) + (appOk ? 1 : 0) +
    (extra ? 1 : 0);
  console.log(`postgres: ${passed} passed, ${failed} failed`);
  return verdicts.every(Boolean) ? 0 : 1;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.log(`postgres: 0 passed, 1 failed (${secs()})`);
    Deno.exit(1);
  }
}
