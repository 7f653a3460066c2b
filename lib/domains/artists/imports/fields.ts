/**
 * The field checks imports share, hand-written for the hot path (a zod parse per row would cost
 * more than reading the file): each returns the clean value, or a `Bad` carrying the message a
 * person reads next to the line number. The messages say what to write instead.
 *
 * Numbers: whole, non-negative counts. Digits may be grouped by `,` thousands separators in
 * groups of three ("1,234,567"; in a comma-delimited file such a value must be quoted). A `.` is
 * refused rather than guessed: "1.234" is 1234 in some locales and 1.234 in others.
 *
 * Dates: `YYYY-MM-DD` or `YYYY/MM/DD`, both always year first; day-first and month-first forms
 * are refused because 03/04/2026 means a different day on each side of the Atlantic.
 *
 * @module
 */

/** A refused value: the message (the caller adds the line and the field). */
export class Bad {
  constructor(readonly message: string) {}
}

/** The largest count accepted: Postgres `integer`, where imported counts are stored. */
export const MAX_COUNT = 2_147_483_647;

const ZERO = 48;
const NINE = 57;
const COMMA = 44;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160;
}

/** A whole count ≥ 0 from `raw`, or why not. */
export function parseCount(raw: string | undefined): number | Bad {
  if (raw === undefined) return new Bad("is missing");
  let from = 0, to = raw.length;
  while (from < to && isSpace(raw.charCodeAt(from))) from++;
  while (to > from && isSpace(raw.charCodeAt(to - 1))) to--;
  if (from === to) return new Bad("is empty; write 0 for none");
  let value = 0, digits = 0, group = -1;
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      digits++;
      if (group >= 0) group++;
      continue;
    }
    if (c === COMMA && digits > 0 && (group === -1 ? digits <= 3 : group === 3)) {
      group = 0;
      continue;
    }
    const shown = JSON.stringify(raw.slice(from, to));
    if (c === 45 && i === from) return new Bad(`cannot be negative (${shown})`);
    if (c === 46) return new Bad(`must be a whole number, without a decimal point (${shown})`);
    if (c === COMMA) return new Bad(`has misplaced thousands separators (${shown})`);
    return new Bad(`must be a whole number such as 1234 or "1,234" (${shown})`);
  }
  if (group !== -1 && group !== 3) {
    return new Bad(`has misplaced thousands separators (${JSON.stringify(raw.slice(from, to))})`);
  }
  if (value > MAX_COUNT) return new Bad(`is too large (at most ${MAX_COUNT})`);
  return value;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    v = v * 10 + (c - ZERO);
  }
  return v;
}

/** A calendar date as `YYYY-MM-DD`, or why not. */
export function parseDate(raw: string | undefined): string | Bad {
  const s = raw?.trim() ?? "";
  if (s.length === 10) {
    const sep = s.charCodeAt(4);
    if ((sep === 45 || sep === 47) && s.charCodeAt(7) === sep) {
      const y = digitsAt(s, 0, 4), m = digitsAt(s, 5, 2), d = digitsAt(s, 8, 2);
      if (y >= 1900 && m >= 1 && m <= 12 && d >= 1) {
        const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
        const max = m === 2 && leap ? 29 : DAYS[m - 1];
        if (d <= max) return sep === 45 ? s : `${s.slice(0, 4)}-${s.slice(5, 7)}-${s.slice(8)}`;
        return new Bad(`${JSON.stringify(s)} is not a day of the calendar`);
      }
    }
  }
  if (!s) return new Bad("is empty; use a date such as 2026-03-01");
  return new Bad(`${JSON.stringify(s)} is not a date: use a date such as 2026-03-01`);
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A two-letter country code, upper case (or "GLOBAL" when `global` allows the world chart). */
export function parseCountry(raw: string | undefined, global = false): string | Bad {
  const s = raw?.trim() ?? "";
  if (s.length === 2 && isLetter(s.charCodeAt(0)) && isLetter(s.charCodeAt(1))) {
    return s.toUpperCase();
  }
  if (global && s.toUpperCase() === "GLOBAL") return "GLOBAL";
  if (!s) return new Bad("is empty; use a two-letter code such as GB");
  return new Bad(
    `${JSON.stringify(s)} is not a two-letter country code such as GB${
      global ? " (or GLOBAL)" : ""
    }`,
  );
}

/** Trimmed, Unicode NFC text of 1–`max` characters, or why not. */
export function parseText(raw: string | undefined, max: number): string | Bad {
  const s = raw?.trim() ?? "";
  if (!s) return new Bad("is empty");
  const t = s.normalize("NFC");
  if (t.length > max) return new Bad(`is longer than ${max} characters`);
  return t;
}

/** A header cell as compared with aliases: lower case, separators and spaces collapsed. */
export function headerName(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s_\-.]+/g, " ");
}
