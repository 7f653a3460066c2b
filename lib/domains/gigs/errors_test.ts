/**
 * The marketplace's SQL functions raise `SCxxx` errors with the field in DETAIL, and its tables
 * name constraints `<table>_<column>_<what>`: here real PGlite errors of both kinds go through
 * `dbFailure()` and come out as the 4xx the API sends.
 */
import { PGlite } from "@electric-sql/pglite";
import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { type DbFailure, dbFailure } from "../../ports/db/errors.ts";

async function failure(pg: PGlite, sql: string) {
  try {
    await pg.exec(sql);
  } catch (err) {
    return dbFailure(err);
  }
  throw new Error(`did not fail: ${sql}`);
}

function raise(code: string, message: string, field: string): string {
  return `do $$ begin raise exception using errcode = '${code}', message = '${
    message.replaceAll("'", "''")
  }',
          detail = '${field}'; end $$`;
}

Deno.test("dbFailure - marketplace SC errors become 4xx naming the field", async () => {
  const pg = await PGlite.create();
  try {
    const cases: [string, string, string, DbFailure["status"]][] = [
      ["SC400", "Write a proposal of 20 to 5000 characters", "proposal", 400],
      ["SC400", "This cursor does not belong to this search", "cursor", 400],
      ["SC403", "Create your musician profile before applying", "musician_profile", 403],
      ["SC403", "Only the gig's owner can accept applications", "application_id", 403],
      ["SC404", "Gig not found", "gig_id", 404],
      ["SC409", "This gig is already filled", "gig_id", 409],
      ["SC409", "This musician is already booked at that time", "starts_at", 409],
      [
        "SC409",
        "The terms of a published gig are fixed: close it and post a new one",
        "budget_max_minor",
        409,
      ],
    ];
    for (const [code, message, field, status] of cases) {
      assertEquals(
        await failure(pg, raise(code, message, field)),
        { status, message, field },
        code,
      );
    }
  } finally {
    await pg.close();
  }
});

Deno.test("dbFailure - constraints become 4xx naming the column, never Postgres's text", async () => {
  const pg = await PGlite.create();
  try {
    await pg.exec(`
      create table gigs (
        budget_min_minor int, budget_max_minor int,
        constraint gigs_budget_max_minor_check check (budget_max_minor >= budget_min_minor));
      create table bookings (
        starts_at timestamptz, ends_at timestamptz,
        constraint bookings_starts_at_excl exclude using gist (tstzrange(starts_at, ends_at) with &&));
      create table applications (gig_id int, musician_id int, status text);
      create unique index applications_active_key on applications (gig_id, musician_id)
        where status = 'submitted';
      insert into bookings values ('2026-12-01 20:00Z', '2026-12-01 23:00Z');
      insert into applications values (1, 1, 'submitted');`);
    assertEquals(
      await failure(pg, "insert into gigs values (500, 100)"),
      {
        status: 400,
        message: "A value is outside what is allowed",
        field: "budget_max_minor",
      },
    );
    assertEquals(
      await failure(pg, "insert into bookings values ('2026-12-01 22:00Z', '2026-12-02 01:00Z')"),
      { status: 409, message: "That overlaps with something already booked", field: "starts_at" },
    );
    assertEquals(
      (await failure(pg, "insert into applications values (1, 1, 'submitted')"))?.status,
      409,
    );
  } finally {
    await pg.close();
  }
});
