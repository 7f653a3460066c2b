/**
 * Supabase's database advisors (the splinter security and performance lints) on a freshly
 * migrated embedded database: `deno task db:advisors`.
 *
 * Prints every finding and exits 1 when any is at WARN or ERROR, so `make test` fails on them.
 * INFO findings (an unused index on a database that has served no queries, say) are shown only.
 *
 * @module
 */
import { z } from "zod";
import { runSupabaseCli, serveDatabase } from "./db_serve.ts";

const Finding = z.object({
  name: z.string(),
  title: z.string(),
  level: z.enum(["ERROR", "WARN", "INFO"]),
  categories: z.array(z.string()).default([]),
  detail: z.string(),
  remediation: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
/** One advisor finding, as `supabase db advisors --output-format json` prints it. */
export type Finding = z.infer<typeof Finding>;

const Report = z.object({ results: z.array(Finding).default([]) });

/** Parses the CLI's JSON output; throws naming the problem when the shape is unexpected. */
export function parseAdvisorsOutput(stdout: string): Finding[] {
  const parsed = Report.safeParse(JSON.parse(stdout));
  if (!parsed.success) {
    throw new Error(`Unexpected \`supabase db advisors\` output: ${parsed.error.message}`);
  }
  return parsed.data.results;
}

const ORDER = { ERROR: 0, WARN: 1, INFO: 2 } as const;

/** Runs the advisors on a migrated in-memory database; returns the process exit code. */
export async function main(): Promise<number> {
  await using served = await serveDatabase({ port: 0, memory: true });
  const cli = await runSupabaseCli([
    "db",
    "advisors",
    `--remote=${served.url}`,
    "--type",
    "all",
    "--level",
    "info",
    "--output-format",
    "json",
  ]);
  let findings: Finding[];
  try {
    findings = parseAdvisorsOutput(cli.stdout);
  } catch (err) {
    console.error(`supabase db advisors failed (exit ${cli.code}):\n${cli.stderr}${cli.stdout}`);
    console.error(err instanceof Error ? err.message : err);
    console.log("advisors: could not run");
    return 1;
  }
  findings.sort((a, b) => ORDER[a.level] - ORDER[b.level] || a.name.localeCompare(b.name));
  for (const f of findings) {
    console.log(`${f.level.padEnd(5)} ${f.name} [${f.categories.join(", ")}] ${f.detail}`);
    if (f.level !== "INFO" && f.remediation) console.log(`      see ${f.remediation}`);
  }
  const count = (level: Finding["level"]) => findings.filter((f) => f.level === level).length;
  const blocking = count("ERROR") + count("WARN");
  console.log(
    `advisors: ${count("ERROR")} error, ${count("WARN")} warn, ${count("INFO")} info: ` +
      (blocking ? "FAILED (WARN and above must be fixed)" : "ok"),
  );
  return blocking ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main());
