/**
 * The gig marketplace: gigs, applications, bookings and reviews. Plain functions taking
 * a `Tx` (from `asUser`, so RLS applies); state changes are SQL functions whose errors
 * `dbFailure()` (lib/ports/db/errors.ts) turns into a 4xx naming the field.
 *
 * ```ts
 * const page = await db.asUser(claims, (tx) => searchGigs(tx, GigSearchQuery.parse(query)));
 * ```
 *
 * @module
 */
export * from "./schemas.ts";
export * from "./gigs.ts";
export * from "./applications.ts";
export * from "./bookings.ts";
export * from "./reviews.ts";
export { decodeCursor, encodeCursor } from "./cursor.ts";
export * from "./decisions.ts";
export * from "./confirm.ts";
export * from "./undo.ts";
export * from "./trust.ts";
