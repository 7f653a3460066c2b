/**
 * The musician directory: published musician profiles by instrument, genre, place and radius,
 * fee and rating, sorted by rating, name or distance, in keyset pages.
 *
 * ```ts
 * const page = await db.asUser(claims, (tx) => searchMusicians(tx, MusicianSearchQuery.parse(q)));
 * ```
 *
 * @module
 */
export * from "./schemas.ts";
export * from "./search.ts";
