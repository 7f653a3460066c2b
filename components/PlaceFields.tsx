/**
 * A form's place: the city search (islands/PlaceSearch.tsx, a plain text field without
 * JavaScript) and the country picker, by name. Coordinates are never typed: the server finds them
 * in the gazetteer (lib/domains/places).
 */
import type { JSX } from "preact";
import { SelectField } from "./Field.tsx";
import PlaceSearch from "../islands/PlaceSearch.tsx";
import { countryOptions } from "../lib/domains/places/mod.ts";

export interface PlaceFieldsProps {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Namesakes to pick from, after a post that named several. */
  choices?: string[];
  /** The form's time zone select, set back to "the city's" when a city is picked. */
  zoneField?: string;
  hint?: string;
}

/** The city search and, beside it, the country picker (preselected from the place). */
export function PlaceFields(
  { values: v, errors: e, choices, zoneField, hint }: PlaceFieldsProps,
): JSX.Element {
  return (
    <>
      <PlaceSearch
        name="city"
        label="City"
        value={v.city ?? ""}
        error={e.city}
        hint={hint ?? "Start typing and pick your city from the list, e.g. Lisbon"}
        choices={choices}
        countryField="country"
        zoneField={zoneField}
      />
      <CountrySelect value={v.country ?? ""} error={e.country} />
    </>
  );
}

/** Every country by name; the value posted is its ISO code. */
export function CountrySelect(
  { value, error, name = "country" }: { value: string; error?: string; name?: string },
): JSX.Element {
  return (
    <SelectField
      name={name}
      label="Country"
      options={[["", "Choose a country"], ...countryOptions()]}
      value={value.toUpperCase()}
      error={error}
    />
  );
}
