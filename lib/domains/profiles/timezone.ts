/**
 * A person's time zone (public.profiles.timezone): the zone of the city on their musician or
 * client profile, unless they chose one on the form. Pages show their times in it.
 *
 * Profiles saved before zones were stored get theirs the first time it is read: found from the
 * stored place in the gazetteer and written back (the migration cannot: the gazetteer is here).
 *
 * @module
 */
import type { Claims, Db, Tx } from "../../ports/db/mod.ts";
import { zoneChoices, zoneOfPlace } from "../places/mod.ts";
import { knownZone } from "../../shared/zones.ts";

/** What the forms and the viewer's pages need. */
export interface OwnZone {
  /** IANA zone, or null while nothing says (times then read in UTC, labelled so). */
  timezone: string | null;
  /** Picked on a form (kept when the city changes), rather than following the city. */
  chosen: boolean;
}

interface StoredPlace {
  city: string | null;
  country: string | null;
  lat: number | null;
  lng: number | null;
}

interface ZoneRow {
  timezone: string | null;
  timezone_chosen: boolean;
  musician: StoredPlace | null;
  client: StoredPlace | null;
}

// One statement: the zone and, for a profile without one yet, the places to find it from.
const READ = `select p.timezone, p.timezone_chosen,
    case when p.timezone is null and m.id is not null then json_build_object(
      'city', m.city, 'country', m.country, 'lat', m.lat, 'lng', m.lng) end as musician,
    case when p.timezone is null and c.id is not null then json_build_object(
      'city', c.city, 'country', c.country, 'lat', c.lat, 'lng', c.lng) end as client
  from public.profiles p
  left join public.musician_profiles m on m.id = p.id
  left join public.client_profiles c on c.id = p.id
 where p.id = $1::uuid`;

/**
 * The signed-in person's zone, one read under RLS; a profile without one gets it from its place
 * and keeps it (written once, only while still empty).
 */
export async function readOwnZone(db: Db, claims: Claims): Promise<OwnZone> {
  const [row] = await db.queryAsUser<ZoneRow>(claims, READ, [claims.sub]);
  if (!row) return { timezone: null, chosen: false };
  if (row.timezone) return { timezone: row.timezone, chosen: row.timezone_chosen };
  const found = (row.musician && await zoneOfPlace(row.musician)) ??
    (row.client && await zoneOfPlace(row.client)) ?? null;
  if (found) {
    await db.queryAsUser(
      claims,
      `update public.profiles set timezone = $1
        where id = (select auth.uid()) and timezone is null`,
      [found],
    );
  }
  return { timezone: found, chosen: false };
}

/** The caller's stored zone, as it is (no lookup), inside a form's transaction. */
export async function getOwnZone(tx: Tx): Promise<OwnZone> {
  const [row] = await tx.query<{ timezone: string | null; timezone_chosen: boolean }>(
    "select timezone, timezone_chosen from public.profiles where id = (select auth.uid())",
  );
  return { timezone: row?.timezone ?? null, chosen: row?.timezone_chosen ?? false };
}

export async function setOwnZone(tx: Tx, zone: OwnZone): Promise<void> {
  await tx.query(
    `update public.profiles set timezone = $1, timezone_chosen = $2
      where id = (select auth.uid())`,
    [zone.timezone, zone.chosen],
  );
}

/**
 * The zone of a place a form is saving: the gazetteer's city's, else one found from the columns
 * (a kept city the gazetteer does not know, by its position), else `stored` for such a city.
 */
export async function zoneOfSaved(
  columns: StoredPlace & { timezone: string | null },
  stored: string | null,
): Promise<string | null> {
  if (columns.timezone) return columns.timezone;
  return (await zoneOfPlace(columns)) ?? (columns.city ? stored : null);
}

/**
 * After a place was saved without the form (the JSON API): a zone that follows the city takes
 * the new city's; a chosen one stays. The zone now stored.
 */
export async function followCity(tx: Tx, place: StoredPlace): Promise<string | null> {
  const own = await getOwnZone(tx);
  if (own.chosen) return own.timezone;
  const zone = await zoneOfPlace(place);
  if (!zone || zone === own.timezone) return own.timezone;
  await setOwnZone(tx, { timezone: zone, chosen: false });
  return zone;
}

export type ZoneFromForm = { ok: true; zone: OwnZone } | { ok: false; error: string };

/**
 * The zone a profile form posts: "" (or no field) follows the city (`cityZone`, the saved
 * place's); a zone name is a choice, one of {@link zoneChoices} or the one already stored.
 */
export async function zoneFromForm(
  value: string | undefined,
  cityZone: string | null,
  previous: OwnZone,
): Promise<ZoneFromForm> {
  const v = value?.trim() ?? "";
  if (v === "" && value === undefined && previous.chosen) return { ok: true, zone: previous };
  if (v === "") {
    // A city the gazetteer does not know keeps the zone it had, unless that one was a choice.
    const timezone = cityZone ?? (previous.chosen ? null : previous.timezone);
    return { ok: true, zone: { timezone, chosen: false } };
  }
  const offered = v === previous.timezone || (await zoneChoices()).includes(v);
  if (!offered || knownZone(v) !== v) {
    return { ok: false, error: "Pick a time zone from the list" };
  }
  return { ok: true, zone: { timezone: v, chosen: true } };
}
