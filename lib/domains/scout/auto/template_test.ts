import { assertEquals } from "../../../../tests/_helpers/assert.ts";
import { fillTemplate, placeholderValues, quoteFee, unknownPlaceholders } from "./template.ts";
import { tagList } from "./forms.ts";
import { draftTemplate } from "./template.ts";
import { createOfflineAi } from "../../../ports/ai/offline.ts";

Deno.test("auto-apply template - the quote is the minimum fee clamped into the budget", () => {
  assertEquals(quoteFee(25000, 40000, 30000, 45000), 30000, "raised to the budget's bottom");
  assertEquals(quoteFee(60000, null, 30000, 45000), 45000, "capped at its top");
  assertEquals(quoteFee(null, 35000, 30000, 45000), 35000, "the profile's fee without a minimum");
  assertEquals(quoteFee(null, null, null, 45000), 45000);
  assertEquals(quoteFee(null, null, null, null), 0);
});

Deno.test("auto-apply template - placeholders are filled per gig, unknown ones kept", () => {
  const values = placeholderValues(
    {
      title: "Friday jazz",
      starts_at: "2026-12-11T20:00:00Z",
      timezone: "Europe/Lisbon",
      venue_name: null,
      city: "Lisbon",
      remote: false,
      currency: "EUR",
    },
    45000,
    "Ella",
  );
  assertEquals(
    fillTemplate(
      "{stage_name} for {gig_title} on {date} at {venue}, {city}: {fee}. {setlist}",
      values,
    ),
    "Ella for Friday jazz on Friday 11 December at your venue, Lisbon: €450. {setlist}",
  );
  assertEquals(unknownPlaceholders("{gig_title} {setlist} {Fee}"), ["setlist"]);
  assertEquals(tagList(" Jazz, soul ,,jazz "), ["jazz", "soul"]);
});

Deno.test("auto-apply template - a draft in the musician's own language keeps its placeholders", async () => {
  const d = await draftTemplate(createOfflineAi(), {
    stage_name: "Lucía Vega",
    bio: "Toco la guitarra flamenca desde hace quince años en tablaos de Sevilla y Madrid.",
    instruments: ["guitar"],
    genres: ["flamenco"],
    skills: [],
    languages: ["Spanish"],
    city: "Sevilla",
    country: "ES",
    travel_radius_km: 50,
    fee_min_minor: 30000,
    fee_max_minor: 60000,
    currency: "EUR",
  });
  for (const p of ["{gig_title}", "{date}", "{fee}", "{stage_name}"]) {
    assertEquals(d.template.includes(p), true, `${p} in: ${d.template}`);
  }
});
