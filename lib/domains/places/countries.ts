/**
 * The country picker's list: every ISO 3166 country of the `countries-list` package, named in
 * English by the runtime (`Intl.DisplayNames`, the package's own name where the runtime has
 * none), sorted by name.
 *
 * @module
 */
import { countries } from "countries-list";
import { countryName } from "./gazetteer.ts";

/** [code, name] pairs, e.g. ["PT", "Portugal"]. */
export type CountryOption = readonly [code: string, name: string];

let cached: CountryOption[] | null = null;

/** Every country, by name ("Åland Islands" sorts with the A's). */
export function countryOptions(): readonly CountryOption[] {
  cached ??= Object.entries(countries)
    .map(([code, c]) => [code, countryName(code, c.name)] as const)
    .sort((a, b) => a[1].localeCompare(b[1], "en"));
  return cached;
}

/** Whether `code` is a country of the picker. */
export function isCountryCode(code: string): boolean {
  return Object.hasOwn(countries, code);
}
