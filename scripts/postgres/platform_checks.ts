/**
 * What only a real database shows (issue 12, "Build 5"), checked on the migrated `postgres`
 * database, every probe inside a transaction that is rolled back:
 *
 * - the pg_cron schedules the migrations create exist, run as `postgres` in `postgres`, and their
 *   commands succeed when run as that user;
 * - `service_role` has on pgmq what Supabase's Queues integration grants: the schema, every
 *   queue's tables and sequences, every function, and the same on a queue created afterwards,
 *   on which it can send (typed delay), read and archive.
 *
 * Each failed expectation is returned as a sentence; an empty list means all held.
 *
 * @module
 */
import postgres from "postgres";

/** A schedule the migrations must leave, and the command it must run. */
interface Expected {
  jobname: string;
  schedule: string;
  command: RegExp;
  /** Only where pg_net exists: the schedule calls functions/worker over HTTP. */
  needsPgNet?: boolean;
}

const SCHEDULES: Expected[] = [
  {
    jobname: "soundcheck-message-digest",
    schedule: "* * * * *",
    command: /^select private\.queue_message_digests\(\)$/,
  },
  {
    jobname: "soundcheck-release-reviews",
    schedule: "*/15 * * * *",
    command: /^select private\.release_due_reviews\(\)$/,
  },
  {
    jobname: "soundcheck-payments-reconcile",
    schedule: "30 3 * * *",
    command: /^select private\.enqueue_payment_reconcile\(\)$/,
  },
  {
    jobname: "soundcheck-artist-analysis",
    schedule: "0 4 * * 1",
    command: /^select private\.enqueue_artist_analyses\(\)$/,
  },
  {
    jobname: "soundcheck-scout-sources",
    schedule: "*/5 * * * *",
    command: /^select private\.enqueue_due_scout_sources\(\)$/,
  },
  {
    jobname: "soundcheck-scout-digests",
    schedule: "17 * * * *",
    command: /^select private\.enqueue_scout_digests\(\)$/,
  },
  {
    jobname: "soundcheck-worker",
    schedule: "10 seconds",
    command: /net\.http_post\([\s\S]*\/functions\/v1\/worker[\s\S]*worker_secret/,
    needsPgNet: true,
  },
];

/** Outcome of the checks: what was verified, and what failed. */
export interface PlatformChecks {
  passed: string[];
  failed: string[];
  notes: string[];
}

/** Rolls back whatever `fn` did; returns its result. */
async function rolledBack<T>(sql: postgres.Sql, fn: (tx: postgres.ReservedSql) => Promise<T>) {
  const conn = await sql.reserve();
  try {
    await conn.unsafe("begin");
    return await fn(conn);
  } finally {
    await conn.unsafe("rollback").catch(() => {});
    conn.release();
  }
}

async function cronChecks(sql: postgres.Sql, out: PlatformChecks): Promise<void> {
  const [{ pg_net }] = await sql<{ pg_net: boolean }[]>`
    select exists (select from pg_available_extensions where name = 'pg_net') as pg_net`;
  const jobs = await sql<
    {
      jobname: string;
      schedule: string;
      command: string;
      username: string;
      database: string;
      active: boolean;
    }[]
  >`
    select jobname, schedule, command, username, database, active from cron.job`;
  for (const want of SCHEDULES) {
    const job = jobs.find((j) => j.jobname === want.jobname);
    if (want.needsPgNet && !pg_net) {
      if (job) out.failed.push(`${want.jobname} is scheduled although pg_net is missing`);
      else {
        out.notes.push(
          `${want.jobname}: not scheduled, as designed, since Debian has no pg_net (the web ` +
            "server's worker loop does its work)",
        );
      }
      continue;
    }
    if (!job) {
      out.failed.push(`pg_cron job ${want.jobname} is missing`);
      continue;
    }
    const problems: string[] = [];
    if (job.schedule !== want.schedule) problems.push(`schedule "${job.schedule}"`);
    if (!want.command.test(job.command.trim())) problems.push(`command "${job.command.trim()}"`);
    if (job.username !== "postgres") problems.push(`runs as ${job.username}`);
    if (job.database !== "postgres") problems.push(`runs in ${job.database}`);
    if (!job.active) problems.push("inactive");
    // pg_cron runs the command as the job's user: it must succeed as that user.
    if (!want.needsPgNet) {
      const error = await rolledBack(sql, async (tx) => {
        await tx.unsafe(`set local role ${job.username}`);
        await tx.unsafe(job.command);
      }).then(() => undefined, (err: Error) => err.message);
      if (error) problems.push(`its command fails as ${job.username}: ${error}`);
    }
    if (problems.length) out.failed.push(`pg_cron job ${want.jobname}: ${problems.join("; ")}`);
    else out.passed.push(`pg_cron ${want.jobname} (${job.schedule}) runs ${job.command.trim()}`);
  }
  const unknown = jobs.filter((j) => !SCHEDULES.some((s) => s.jobname === j.jobname));
  for (const j of unknown) out.notes.push(`pg_cron job ${j.jobname} is not checked here`);
}

async function pgmqGrants(sql: postgres.Sql, out: PlatformChecks): Promise<void> {
  const missing = await sql<{ what: string }[]>`
    select 'usage on schema pgmq' as what
      where not has_schema_privilege('service_role', 'pgmq', 'usage')
    union all
    select format('%s on table pgmq.%I', p, c.relname)
      from pg_class c cross join unnest(array['select', 'insert', 'update', 'delete']) p
      where c.relnamespace = 'pgmq'::regnamespace and c.relkind in ('r', 'p')
        -- CASE keeps the privilege test from running on rows the filter drops (indexes, say)
        and case when c.relkind in ('r', 'p') then not has_table_privilege('service_role', c.oid, p) end
    union all
    select format('usage on sequence pgmq.%I', c.relname)
      from pg_class c
      where c.relnamespace = 'pgmq'::regnamespace and c.relkind = 'S'
        and case when c.relkind = 'S' then not has_sequence_privilege('service_role', c.oid, 'usage') end
    union all
    select format('execute on function %s', p.oid::regprocedure)
      from pg_proc p
      where p.pronamespace = 'pgmq'::regnamespace
        and not has_function_privilege('service_role', p.oid, 'execute')`;
  if (missing.length) {
    const list = missing.slice(0, 8).map((m) => m.what).join(", ");
    out.failed.push(`service_role lacks ${missing.length} pgmq privileges: ${list}`);
  } else out.passed.push("service_role has usage, table, sequence and execute rights on pgmq");

  // A queue created after the migrations (by postgres, as an operator would) must be usable too.
  const error = await rolledBack(sql, async (tx) => {
    await tx.unsafe("set local role postgres");
    await tx.unsafe("select pgmq.create('tier_probe')");
    await tx.unsafe("set local role service_role");
    await tx.unsafe(`select pgmq.send('tier_probe'::text, '{"probe":1}'::jsonb, 0::int)`);
    const read = await tx.unsafe<{ msg_id: string }[]>(
      "select msg_id from pgmq.read('tier_probe'::text, 30, 1)",
    );
    if (read.length !== 1) throw new Error(`read ${read.length} messages, expected 1`);
    await tx.unsafe(`select pgmq.archive('tier_probe'::text, ${Number(read[0].msg_id)}::bigint)`);
  }).then(() => undefined, (err: Error) => err.message);
  if (error) out.failed.push(`service_role cannot use a queue created later: ${error}`);
  else out.passed.push("service_role sends, reads and archives on a queue created later");
}

/** Runs the checks as a superuser on `adminUrl` (the migrated `postgres` database). */
export async function platformChecks(adminUrl: string): Promise<PlatformChecks> {
  const out: PlatformChecks = { passed: [], failed: [], notes: [] };
  const sql = postgres(adminUrl, { max: 2, onnotice: () => {} });
  try {
    await cronChecks(sql, out);
    await pgmqGrants(sql, out);
  } finally {
    await sql.end();
  }
  return out;
}
