/**
 * The profile forms' "Time zone": "From your city" (the default, which follows the city when it
 * changes, and which the city search sets back when a city is picked) or any zone, by region.
 */
import type { JSX } from "preact";

export interface ZoneSelectProps {
  /** "" (from the city) or the chosen zone. */
  value: string;
  /** The zone of the city saved on the form, to name beside "From your city". */
  cityZone: string | null;
  /** Every zone to offer (lib/domains/places zoneChoices()). */
  choices: readonly string[];
  error?: string;
}

const label = (tz: string) => tz.replaceAll("_", " ");

/** Zones by their region ("Europe/Lisbon" under Europe); UTC on its own. */
function byRegion(zones: readonly string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const z of zones) {
    const region = z.includes("/") ? z.slice(0, z.indexOf("/")) : "";
    groups.set(region, [...(groups.get(region) ?? []), z]);
  }
  return [...groups];
}

export function ZoneSelect({ value, cityZone, choices, error }: ZoneSelectProps): JSX.Element {
  const zones = value && !choices.includes(value) ? [value, ...choices] : choices;
  const option = (z: string) => (
    <option key={z} value={z} selected={value === z}>{z.includes("/") ? label(z) : z}</option>
  );
  return (
    <div class="mb-4">
      <label for="f-timezone" class="mb-1 block text-sm font-medium text-gray-800">Time zone</label>
      <select
        id="f-timezone"
        name="timezone"
        aria-invalid={error ? "true" : undefined}
        aria-describedby={`f-timezone-hint${error ? " f-timezone-error" : ""}`}
        class={`block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
          error ? "border-red-600" : "border-gray-300"
        }`}
        data-testid="timezone-select"
      >
        <option value="" selected={!value}>
          {cityZone ? `From your city (${label(cityZone)})` : "From your city"}
        </option>
        {byRegion(zones).map(([region, list]) =>
          region
            ? <optgroup key={region} label={region}>{list.map(option)}</optgroup>
            : list.map(option)
        )}
      </select>
      <p id="f-timezone-hint" class="mt-1 text-sm text-gray-600">
        Times across Soundcheck are shown in this zone. Gigs still say their own.
      </p>
      {error && <p id="f-timezone-error" class="mt-1 text-sm text-red-700" role="alert">{error}</p>}
    </div>
  );
}
