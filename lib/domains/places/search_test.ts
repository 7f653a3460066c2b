import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { countryOptions, fold, placeFromForm, placeOf, resolvePlace, searchPlaces } from "./mod.ts";

Deno.test("places - folding ignores case, accents and punctuation", () => {
  assertEquals(fold("  São-Paulo "), "sao paulo");
  assertEquals(fold("København"), "kobenhavn");
  assertEquals(fold("Łódź"), "lodz");
});

Deno.test("places - accents are ignored both ways", async () => {
  const [sp] = await searchPlaces("Sao Paulo");
  assertEquals(sp.label, "São Paulo, Brazil");
  assertEquals([sp.country, sp.timezone], ["BR", "America/Sao_Paulo"]);
  assertEquals((await searchPlaces("são paulo"))[0].label, "São Paulo, Brazil");
  assertEquals((await searchPlaces("zurich"))[0].city, "Zürich");
  assertEquals((await searchPlaces("KRAKÓW"))[0].city, "Kraków");
});

Deno.test("places - a prefix finds larger places first, whole names before longer ones", async () => {
  const lis = await searchPlaces("lis");
  assertEquals(lis[0].label, "Lisbon, Portugal");
  assert(lis.some((p) => p.city === "Lisburn"), "smaller places follow");
  const [lisbon] = lis;
  assertEquals(lisbon.timezone, "Europe/Lisbon");
  assert(Math.abs(lisbon.lat - 38.72) < 0.1 && Math.abs(lisbon.lng + 9.14) < 0.1);
  // Porto Alegre is larger, but "porto" is Porto's whole name.
  assertEquals((await searchPlaces("porto"))[0].label, "Porto, Portugal");
  assertEquals((await searchPlaces("london"))[0].label, "London, United Kingdom");
  assertEquals((await searchPlaces("lis", { limit: 3 })).length, 3);
});

Deno.test("places - a country narrows the search", async () => {
  const ca = await searchPlaces("london", { country: "CA" });
  assertEquals(ca.map((p) => p.label), ["London, Canada"]);
  const us = await searchPlaces("spring", { country: "US" });
  assert(us.length > 0 && us.every((p) => p.country === "US"));
  assertEquals(await searchPlaces("lisbon", { country: "BR" }), []);
  assertEquals(await searchPlaces("   "), []);
});

Deno.test("places - namesakes in one country carry their province", async () => {
  const springs = await searchPlaces("springfield", { limit: 20 });
  const us = springs.filter((p) => p.country === "US");
  assert(us.length >= 4, "several Springfields in the US");
  assert(us.some((p) => p.label === "Springfield, Illinois, United States"));
  assertEquals(
    (await searchPlaces("springfield, missouri")).map((p) => p.label),
    ["Springfield, Missouri, United States"],
  );
});

Deno.test("places - resolving: unique, dominant, ambiguous, unknown", async () => {
  const lisbon = await resolvePlace("lisbon");
  assertEquals(lisbon.status === "found" && lisbon.place.label, "Lisbon, Portugal");
  // London, Ontario exists, but London is far larger.
  const london = await resolvePlace("London");
  assertEquals(london.status === "found" && london.place.country, "GB");
  assertEquals((await resolvePlace("London", "CA")).status === "found", true);
  const spring = await resolvePlace("Springfield");
  assertEquals(spring.status, "ambiguous");
  if (spring.status === "ambiguous") {
    assert(spring.choices.length >= 4);
    const pick = await resolvePlace(spring.choices[1].label);
    assertEquals(pick.status === "found" && pick.place.label, spring.choices[1].label);
  }
  const typo = await resolvePlace("Lisbo");
  assertEquals(typo.status, "unknown");
  assertEquals(typo.status === "unknown" && typo.suggestions[0].label, "Lisbon, Portugal");
  const none = await resolvePlace("Xqzzyville");
  assertEquals(none, { status: "unknown", suggestions: [] });
  // A country left from an earlier city does not hide the new one.
  const paris = await resolvePlace("Paris", "PT");
  assertEquals(paris.status === "found" && paris.place.country, "FR");
});

Deno.test("places - every place's label resolves back to it", async () => {
  const { gazetteer } = await import("./gazetteer.ts");
  const all = await gazetteer();
  let unresolved = 0;
  for (const e of all) {
    const r = await resolvePlace(e.label);
    if (r.status !== "found" || r.place.label !== e.label) unresolved++;
  }
  assertEquals(unresolved, 0);
});

Deno.test("places - a stored city shows its gazetteer label", async () => {
  const p = await placeOf({ city: "Springfield", country: "US", lat: 39.8, lng: -89.6 });
  assertEquals(p?.label, "Springfield, Illinois, United States");
  assertEquals((await placeOf({ city: "Lisbon", country: "PT" }))?.label, "Lisbon, Portugal");
  assertEquals(await placeOf({ city: "Nowhere Town", country: "PT" }), null);
});

Deno.test("places - a form's city becomes stored columns", async () => {
  const ok = await placeFromForm({ city: "sao paulo", country: "" });
  assert(ok.ok);
  if (ok.ok) {
    assertEquals(ok.columns.city, "São Paulo");
    assertEquals([ok.columns.country, ok.columns.timezone], ["BR", "America/Sao_Paulo"]);
  }
  const blank = await placeFromForm({ city: " ", country: "de" });
  assertEquals(blank, {
    ok: true,
    columns: { city: null, country: "DE", lat: null, lng: null, timezone: null },
    label: null,
  });
  const ambiguous = await placeFromForm({ city: "Springfield" });
  assert(!ambiguous.ok && ambiguous.choices.length >= 4);
  const picked = await placeFromForm({
    city: "Springfield",
    city_choice: "Springfield, Missouri, United States",
  });
  assert(picked.ok && picked.columns.timezone === "America/Chicago");
  const prev = { city: "Vila Nova de Nenhures", country: "PT", lat: 41, lng: -8 };
  const kept = await placeFromForm({ city: "vila nova de nenhures", country: "PT" }, prev);
  assert(kept.ok && kept.columns.lat === 41 && kept.columns.city === "Vila Nova de Nenhures");
  const unknown = await placeFromForm({ city: "Vila Nova de Nenhures" });
  assert(!unknown.ok && /We don't know/.test(unknown.error));
  const long = await placeFromForm({ city: "x".repeat(200) });
  assert(!long.ok && /At most 120/.test(long.error));
});

Deno.test("places - countries by name, with codes", () => {
  const list = countryOptions();
  assert(list.length > 240);
  assert(list.some(([code, name]) => code === "PT" && name === "Portugal"));
  assert(list.some(([code, name]) => code === "GB" && name === "United Kingdom"));
  const names = list.map(([, n]) => n);
  assertEquals(names, [...names].sort((a, b) => a.localeCompare(b, "en")));
});
