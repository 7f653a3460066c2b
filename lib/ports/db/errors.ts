/**
 * SQL functions raise errors the API can turn into a 4xx that names the field. Convention:
 *
 * ```sql
 * raise exception using errcode = 'SC409', message = 'This gig is already filled',
 *   detail = 'gig_id';            -- detail: the field at fault (optional)
 * ```
 *
 * SC400 bad input · SC403 not allowed · SC404 not found (or not visible) · SC409 wrong state or
 * conflict · SC429 over a quota. Standard SQLSTATEs map too: RLS and grants (42501) → 403,
 * unique (23505) and exclusion (23P01) violations → 409, check/not-null/invalid text (23514,
 * 23502, 22P02, 22007, 22008, 22003) → 400, as are the data exceptions only bad input raises
 * (22009: a date PostgreSQL cannot read, such as "+275760-09-13T00:00Z"; 22025: a bad escape).
 */

export interface DbFailure {
  status: 400 | 403 | 404 | 409 | 429;
  message: string;
  field?: string;
}

const BY_CODE: Record<string, DbFailure["status"]> = {
  SC400: 400,
  SC403: 403,
  SC404: 404,
  SC409: 409,
  SC429: 429,
  "42501": 403,
  "23505": 409,
  "23P01": 409,
  "23514": 400,
  "23502": 400,
  "23503": 400,
  "22P02": 400,
  "22007": 400,
  "22008": 400,
  "22003": 400,
  "22001": 400,
  "22021": 400,
  "22P05": 400,
  "2201E": 400,
  "22012": 400,
  "22009": 400,
  "22025": 400,
};

/**
 * Postgres's own text names relations, constraints and values: clients get these stable
 * sentences instead (the field says where), and the original stays in the server's log.
 */
const STABLE_MESSAGE: Record<string, string> = {
  "23505": "That already exists",
  "23P01": "That overlaps with something already booked",
  "23514": "A value is outside what is allowed",
  "23502": "A required value is missing",
  "23503": "That refers to something that does not exist",
  "22P02": "A value has the wrong format",
  "22007": "A date or time is not valid",
  "22008": "A date or time is out of range",
  "22003": "A number is out of range",
  "22001": "A value is too long",
  "22021": "A value contains a character that cannot be stored",
  "22P05": "A value contains a character that cannot be stored",
  "2201E": "A number is out of range",
  "22012": "A number is out of range",
  "22009": "A date or time is out of range",
  "22025": "A value has the wrong format",
};

/** Both drivers expose `code`, `message`, `detail` (and `constraint`) on their errors. */
interface PgErrorLike {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  table?: unknown;
  table_name?: unknown;
}

/** A 4xx for a known database error, else null (a real 500). */
export function dbFailure(err: unknown): DbFailure | null {
  if (!err || typeof err !== "object") return null;
  const e = err as PgErrorLike;
  const code = typeof e.code === "string" ? e.code : "";
  const status = BY_CODE[code];
  if (!status) return null;
  const detail = typeof e.detail === "string" ? e.detail : undefined;
  const message = typeof e.message === "string" ? e.message : "Request refused";
  if (code.startsWith("SC")) return { status, message, field: detail || undefined };
  const constraint = typeof e.constraint === "string"
    ? e.constraint
    : typeof e.constraint_name === "string"
    ? e.constraint_name
    : undefined;
  if (code === "42501") return { status, message: "You are not allowed to do that" };
  const table = typeof e.table === "string"
    ? e.table
    : typeof e.table_name === "string"
    ? e.table_name
    : undefined;
  return {
    status,
    message: STABLE_MESSAGE[code] ?? "Request refused",
    field: fieldFromConstraint(constraint, table),
  };
}

const SUFFIX = /_(check|key|fkey|pkey|length|range|excl|not_null|format|order|idx)$/;

/**
 * Constraints are named `<table>_<column>_<what>`: the column is the field. The error names the
 * table (both drivers), so table names with underscores are stripped exactly.
 */
export function fieldFromConstraint(
  constraint: string | undefined,
  table?: string,
): string | undefined {
  if (!constraint || !SUFFIX.test(constraint)) return undefined;
  let rest = constraint.replace(SUFFIX, "");
  if (table && rest.startsWith(`${table}_`)) rest = rest.slice(table.length + 1);
  else {
    const m = rest.match(/^[a-z]+?_(.+)$/);
    if (!m) return undefined;
    rest = m[1];
  }
  return rest || undefined;
}
