/**
 * Favourites: saved musicians and gigs, private to each user.
 *
 * @module
 */
export * from "./favourites.ts";
