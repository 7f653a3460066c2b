/**
 * Keyset cursors travel as opaque base64url JSON: `nextCursor` of one page is `cursor` of the next.
 * What is inside is for the database function that made it (it checks its own fields again).
 *
 * @module
 */

import { z } from "zod";
import { isUuid } from "../../shared/ids.ts";

export type Cursor = Record<string, unknown>;

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** `{"k": 1}` → `eyJrIjoxfQ`. */
export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(cursor)));
}

/** The object inside a cursor, or null when it is not one (bad base64, JSON or shape). */
export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const bin = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const value: unknown = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(
        Uint8Array.from(bin, (c) => c.charCodeAt(0)),
      ),
    );
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? value as Cursor
      : null;
  } catch {
    return null;
  }
}

/**
 * Reads the keyset position out of a decoded cursor; a cursor of another list (or forged) is a
 * 400 on the `cursor` field, reported the way zod reports bad input.
 */
export function keysetOf<T extends { k: string; id: string }>(
  cursor: Cursor | undefined,
  check: (k: unknown) => boolean = (k) => typeof k === "string",
): T | null {
  if (!cursor) return null;
  const { k, id } = cursor;
  if (check(k) && isUuid(id)) {
    return { k, id } as T;
  }
  throw new z.ZodError([{
    code: "custom",
    path: ["cursor"],
    message: "This cursor does not belong to this list",
    input: cursor,
  }]);
}

/** The page of `rows` fetched with limit + 1, and the cursor after its last row (or null). */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  item: (row: R) => T,
  key: (row: R) => Cursor,
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return {
    items: kept.map(item),
    nextCursor: more ? encodeCursor(key(kept[kept.length - 1])) : null,
  };
}
