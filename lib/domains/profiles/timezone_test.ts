import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { zoneFromForm, zoneOfSaved } from "./timezone.ts";
import { nearestCity, zoneChoices, zoneOfPlace } from "../places/mod.ts";

const following = { timezone: "Europe/Lisbon", chosen: false };
const picked = { timezone: "Asia/Tokyo", chosen: true };

Deno.test("profile zone - 'From your city' follows the city being saved", async () => {
  assertEquals(await zoneFromForm("", "America/New_York", following), {
    ok: true,
    zone: { timezone: "America/New_York", chosen: false },
  });
  // Back from a choice to the city.
  assertEquals(await zoneFromForm("", "America/New_York", picked), {
    ok: true,
    zone: { timezone: "America/New_York", chosen: false },
  });
  // A city without a zone keeps the one it followed, but not a dropped choice.
  assertEquals(await zoneFromForm("", null, following), { ok: true, zone: following });
  assertEquals(await zoneFromForm("", null, picked), {
    ok: true,
    zone: { timezone: null, chosen: false },
  });
});

Deno.test("profile zone - a zone picked is kept whatever the city", async () => {
  assertEquals(await zoneFromForm("Asia/Tokyo", "Europe/Lisbon", following), {
    ok: true,
    zone: picked,
  });
  assertEquals(await zoneFromForm("UTC", "Europe/Lisbon", following), {
    ok: true,
    zone: { timezone: "UTC", chosen: true },
  });
  // A form without the field (an older page) keeps a choice.
  assertEquals(await zoneFromForm(undefined, "Europe/Lisbon", picked), { ok: true, zone: picked });
  assertEquals(await zoneFromForm(undefined, "Europe/Lisbon", following), {
    ok: true,
    zone: { timezone: "Europe/Lisbon", chosen: false },
  });
});

Deno.test("profile zone - anything else is refused, naming the list", async () => {
  for (const bad of ["Mars/Olympus", "EST", "UTC+3", "<script>", "x".repeat(200)]) {
    assertEquals(await zoneFromForm(bad, null, following), {
      ok: false,
      error: "Pick a time zone from the list",
    });
  }
});

Deno.test("profile zone - the zones offered are real, sorted and include UTC", async () => {
  const zones = await zoneChoices();
  assertEquals(zones.includes("UTC"), true);
  assertEquals(zones.includes("America/New_York"), true);
  assertEquals(zones.includes("Asia/Kolkata"), true);
  assertEquals([...zones].sort(), [...zones]);
});

Deno.test("profile zone - a stored place finds its zone (backfill of older profiles)", async () => {
  const at = (
    city: string | null,
    country: string | null,
    lat: number | null,
    lng: number | null,
  ) => zoneOfPlace({ city, country, lat, lng });
  assertEquals(await at("Brooklyn", "US", 40.65, -73.95), "America/New_York");
  // A city the gazetteer does not know: the city nearest its position.
  assertEquals(await at("Somewhere Small", "US", 34.1, -118.3), "America/Los_Angeles");
  // Only a country: its zone when it has one, else none.
  assertEquals(await at(null, "DE", null, null), "Europe/Berlin");
  assertEquals(await at(null, "US", null, null), null);
  // The middle of the ocean is near no city.
  assertEquals(await nearestCity(0, -140), null);
  assertEquals(
    await zoneOfSaved(
      { city: null, country: null, lat: null, lng: null, timezone: null },
      "Asia/Tokyo",
    ),
    null,
  );
  assertEquals(
    await zoneOfSaved({
      city: "Lisbon",
      country: "PT",
      lat: 38.7,
      lng: -9.1,
      timezone: "Europe/Lisbon",
    }, null),
    "Europe/Lisbon",
  );
});
