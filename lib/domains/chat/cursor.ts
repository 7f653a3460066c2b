/** The inbox keyset cursor: the last activity time and id of the last conversation shown. */

export function encodeInboxCursor(at: string, id: string): string {
  return btoa(JSON.stringify([at, id])).replace(/=+$/, "");
}

/** The inbox cursor, or null for the first page; throws a RangeError when it is not one of ours. */
export function decodeInboxCursor(cursor: string | null): { at: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(atob(cursor)) as unknown[];
    if (
      typeof at === "string" && !Number.isNaN(Date.parse(at)) && typeof id === "string" &&
      /^[0-9a-f-]{36}$/i.test(id)
    ) return { at, id };
  } catch {
    // fall through
  }
  throw new RangeError("Invalid cursor");
}
