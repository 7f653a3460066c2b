/**
 * The database repeats some of the shared limits (lib/shared/limits.ts): check constraints, the
 * bodies of the SQL functions that refuse bad input, the storage buckets. SQL cannot import the
 * module, so this test reads every copy from the migrated database and asserts it equals the
 * constant: a limit changed on one side only fails here, naming both.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { freshDb } from "../_helpers/db.ts";
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_NAME_MAX_CHARS,
  ATTACHMENT_TYPES,
  AVATAR_MAX_BYTES,
  AVATAR_TYPES,
  BALANCE_DUE_DAYS_BEFORE,
  BIO_MAX_CHARS,
  CANCEL_REASON_MAX_CHARS,
  DEPOSIT_MIN_DAYS_AHEAD,
  DEPOSIT_PERCENT,
  DISPLAY_NAME_MAX_CHARS,
  DJ_PROMPT_MAX_CHARS,
  DJ_PROMPT_MIN_CHARS,
  DJ_TRACKS_MAX,
  DJ_TRACKS_MIN,
  GIG_DESCRIPTION_MAX_CHARS,
  GIG_TITLE_MAX_CHARS,
  GIG_TITLE_MIN_CHARS,
  MESSAGE_EDIT_WINDOW_MS,
  MESSAGE_MAX_CHARS,
  ORGANISATION_MAX_CHARS,
  PHONE_PATTERN,
  PROPOSAL_MAX_CHARS,
  PROPOSAL_MIN_CHARS,
  REVIEW_MAX_CHARS,
  STAGE_NAME_MAX_CHARS,
} from "../../lib/shared/limits.ts";

/** Every check constraint in the schemas the app defines, as `schema.table`, name, definition. */
const CHECKS = `
  select n.nspname || '.' || t.relname as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
   where c.contype = 'c' and n.nspname in ('public', 'private')`;

/**
 * Check constraints that repeat a limit: table, constraint, and the integers its definition
 * holds, in order (`pg_get_constraintdef` prints `between a and b` as `>= a AND <= b`).
 */
const CONSTRAINTS: [string, string, number[]][] = [
  ["public.messages", "messages_body_length", [MESSAGE_MAX_CHARS]],
  ["public.messages", "messages_attachment_size_check", [0, ATTACHMENT_MAX_BYTES]],
  ["public.messages", "messages_attachment_name_length", [1, ATTACHMENT_NAME_MAX_CHARS]],
  ["public.profiles", "profiles_display_name_length", [1, DISPLAY_NAME_MAX_CHARS]],
  ["public.musician_profiles", "musician_profiles_stage_name_length", [1, STAGE_NAME_MAX_CHARS]],
  ["public.musician_profiles", "musician_profiles_bio_length", [BIO_MAX_CHARS]],
  [
    "public.client_profiles",
    "client_profiles_organisation_length",
    [1, ORGANISATION_MAX_CHARS],
  ],
  ["public.gigs", "gigs_title_length", [GIG_TITLE_MIN_CHARS, GIG_TITLE_MAX_CHARS]],
  ["public.gigs", "gigs_description_length", [GIG_DESCRIPTION_MAX_CHARS]],
  [
    "public.applications",
    "applications_proposal_length",
    [PROPOSAL_MIN_CHARS, PROPOSAL_MAX_CHARS],
  ],
  ["public.reviews", "reviews_body_length", [REVIEW_MAX_CHARS]],
  ["public.dj_runs", "dj_runs_prompt_length", [DJ_PROMPT_MIN_CHARS, DJ_PROMPT_MAX_CHARS]],
  ["public.dj_runs", "dj_runs_length_check", [DJ_TRACKS_MIN, DJ_TRACKS_MAX]],
];

const minutes = (ms: number) => ms / 60_000;

/**
 * Limits inside function bodies: the function, a pattern whose groups capture the limit, and
 * what each group must read. Every function named must match its pattern at least once, and
 * every match must agree.
 */
const FUNCTIONS: [string, RegExp, string[]][] = [
  ["private.send_message", /char_length\(v_body\) > (\d+)/g, [`${MESSAGE_MAX_CHARS}`]],
  ["private.send_message", /Write at most (\d+) characters/g, [`${MESSAGE_MAX_CHARS}`]],
  ["private.edit_message", /char_length\(v_body\) > (\d+)/g, [`${MESSAGE_MAX_CHARS}`]],
  ["private.edit_message", /Write at most (\d+) characters/g, [`${MESSAGE_MAX_CHARS}`]],
  [
    "private.edit_message",
    /interval '(\d+) minutes'/g,
    [`${minutes(MESSAGE_EDIT_WINDOW_MS)}`],
  ],
  [
    "private.edit_message",
    /edited for (\d+) minutes/g,
    [`${minutes(MESSAGE_EDIT_WINDOW_MS)}`],
  ],
  [
    "private.apply_to_gig",
    /char_length\(btrim\(p_proposal\)\) not between (\d+) and (\d+)/g,
    [`${PROPOSAL_MIN_CHARS}`, `${PROPOSAL_MAX_CHARS}`],
  ],
  [
    "private.submit_review",
    /char_length\(coalesce\(p_body, ''\)\) > (\d+)/g,
    [`${REVIEW_MAX_CHARS}`],
  ],
  [
    "private.cancel_booking",
    /char_length\(btrim\(p_reason\)\) not between (\d+) and (\d+)/g,
    ["1", `${CANCEL_REASON_MAX_CHARS}`],
  ],
  [
    "public.save_notification_preferences",
    /p_phone !~ '([^']+)'/g,
    [PHONE_PATTERN.source],
  ],
];

Deno.test("limits in SQL - check constraints hold the shared limits", async () => {
  await using t = await freshDb();
  const rows = await t.driver.query<{ tbl: string; name: string; def: string }>(CHECKS);
  const problems: string[] = [];
  for (const [table, name, expected] of CONSTRAINTS) {
    const row = rows.find((r) => r.tbl === table && r.name === name);
    if (!row) {
      problems.push(`${table}: no check constraint ${name}`);
      continue;
    }
    const numbers = (row.def.match(/\b\d+\b/g) ?? []).map(Number);
    if (JSON.stringify(numbers) !== JSON.stringify(expected)) {
      problems.push(`${table}.${name} holds ${numbers} (${row.def}); lib/shared has ${expected}`);
    }
  }
  assertEquals(problems, []);
});

Deno.test("limits in SQL - function bodies refuse at the shared limits", async () => {
  await using t = await freshDb();
  const problems: string[] = [];
  for (const [fn, pattern, expected] of FUNCTIONS) {
    const [schema, name] = fn.split(".");
    const defs = await t.driver.query<{ def: string }>(
      `select pg_get_functiondef(p.oid) as def from pg_proc p
         join pg_namespace n on n.oid = p.pronamespace where n.nspname = $1 and p.proname = $2`,
      [schema, name],
    );
    if (defs.length === 0) {
      problems.push(`${fn}: no such function`);
      continue;
    }
    const found = defs.flatMap((d) => [...d.def.matchAll(pattern)].map((m) => m.slice(1)));
    if (found.length === 0) problems.push(`${fn}: ${pattern} no longer matches its body`);
    for (const groups of found) {
      if (JSON.stringify(groups) !== JSON.stringify(expected)) {
        problems.push(`${fn}: ${pattern} reads ${groups}; lib/shared has ${expected}`);
      }
    }
  }
  assertEquals(problems, []);
});

Deno.test("limits in SQL - phone numbers: the table's check is the shared pattern", async () => {
  await using t = await freshDb();
  const [row] = (await t.driver.query<{ tbl: string; name: string; def: string }>(CHECKS))
    .filter((r) =>
      r.tbl === "public.notification_settings" && r.name === "notification_settings_phone_check"
    );
  assert(row, "public.notification_settings has its phone check");
  assert(
    row.def.includes(`'${PHONE_PATTERN.source}'`),
    `${row.def} holds ${PHONE_PATTERN.source}`,
  );
});

Deno.test("limits in SQL - storage buckets take the shared sizes and types", async () => {
  await using t = await freshDb();
  const buckets = await t.driver.query<
    { id: string; file_size_limit: number | string | null; allowed_mime_types: string[] | null }
  >(
    `select id, file_size_limit, allowed_mime_types from storage.buckets
      where id in ('attachments', 'avatars') order by id`,
  );
  const sorted = (types: readonly string[] | null) => [...(types ?? [])].sort();
  assertEquals(
    buckets.map((b) => ({
      id: b.id,
      size: Number(b.file_size_limit),
      types: sorted(b.allowed_mime_types),
    })),
    [
      { id: "attachments", size: ATTACHMENT_MAX_BYTES, types: sorted(ATTACHMENT_TYPES) },
      { id: "avatars", size: AVATAR_MAX_BYTES, types: sorted(Object.keys(AVATAR_TYPES)) },
    ],
  );
});

Deno.test("limits in SQL - payment milestones: the deposit and balance terms", async () => {
  await using t = await freshDb();
  const [row] = await t.driver.query<Record<string, number>>(
    "select * from private.milestone_terms()",
  );
  assertEquals(row, {
    deposit_percent: DEPOSIT_PERCENT,
    deposit_min_days: DEPOSIT_MIN_DAYS_AHEAD,
    balance_due_days: BALANCE_DUE_DAYS_BEFORE,
  });
});
