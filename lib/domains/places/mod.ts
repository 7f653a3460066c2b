/**
 * Places: the built-in city gazetteer (searched as people type, resolved when a form posts), the
 * country list, and a form's city turned into stored columns. No coordinates are ever typed.
 *
 * ```ts
 * const [lisbon] = await searchPlaces("lisb"); // { label: "Lisbon, Portugal", timezone: "Europe/Lisbon", … }
 * ```
 *
 * @module
 */
export { countryName, fold, gazetteer, type Place } from "./gazetteer.ts";
export * from "./search.ts";
export * from "./countries.ts";
export * from "./form.ts";
export * from "./zone.ts";
export * from "./schemas.ts";
