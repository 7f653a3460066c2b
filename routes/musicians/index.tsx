/**
 * The musician directory: published musicians by instrument, genre, city and radius, fee and
 * rating; sorted by rating, name or distance; keyset pages. Works signed out; signed in, each card
 * has a Save button.
 */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import {
  DIRECTORY_SORTS,
  type MusicianSearchPage,
  MusicianSearchQuery,
  searchMusicians,
} from "../../lib/domains/directory/mod.ts";
import { savedAmong } from "../../lib/domains/favourites/mod.ts";
import { fieldErrors } from "../../lib/web/forms.ts";
import { toMinor } from "../../lib/browser/time.ts";
import { NextPage } from "../../components/GigCard.tsx";
import { MusicianCard } from "../../components/MusicianCard.tsx";
import { type TrustFacts, trustFacts } from "../../lib/domains/gigs/trust.ts";
import { SaveButton } from "../../components/SaveButton.tsx";
import { EmptyState, PageTitle } from "../../components/Page.tsx";
import { Button } from "../../components/Button.tsx";
import { CURRENCIES, Field, SelectField } from "../../components/Field.tsx";
import { activeFilters, FilterPanel } from "../../components/FilterPanel.tsx";

interface Data {
  result: MusicianSearchPage | null;
  saved: string[];
  avatars: Record<string, string>;
  /** Completed bookings and member since, by musician id (H7: trust facts). */
  facts?: Record<string, TrustFacts>;
  errors: Record<string, string>;
  values: Record<string, string>;
}

const SORT_LABELS: Record<typeof DIRECTORY_SORTS[number], string> = {
  rating: "Best rated",
  name: "Name (A to Z)",
  distance: "Nearest first",
};
const FIELDS = ["instrument", "genre", "city", "radius", "fee", "currency", "rating", "sort"];
/** The filters counted in "Filters (n)" (radius and currency refine city and fee). */
const FILTERS = ["genre", "city", "fee", "rating"];
/** Query names of the API → the form's own field names, for errors shown beside the field. */
const FORM_NAMES: Record<string, string> = {
  radius_km: "radius",
  fee_max: "fee",
  min_rating: "rating",
};

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const sp = ctx.url.searchParams;
    const values: Record<string, string> = {};
    for (const k of FIELDS) values[k] = (sp.get(k) ?? "").trim();
    const raw: Record<string, unknown> = {};
    if (values.instrument) raw.instrument = values.instrument;
    if (values.genre) raw.genre = values.genre;
    if (values.city) raw.city = values.city;
    if (values.city && values.radius) raw.radius_km = values.radius;
    // "I can pay up to…" in whole units on the form.
    if (values.fee) raw.fee_max = toMinor(values.fee);
    if (values.fee && values.currency) raw.currency = values.currency;
    if (values.rating) raw.min_rating = values.rating;
    if (values.sort) raw.sort = values.sort;
    if (sp.get("cursor")) raw.cursor = sp.get("cursor");
    const parsed = MusicianSearchQuery.safeParse(raw);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const [k, v] of Object.entries(fieldErrors(parsed.error.issues))) {
        errors[FORM_NAMES[k] ?? k] = v;
      }
      return page({ result: null, saved: [], avatars: {}, errors, values }, { status: 400 });
    }
    const { db, storage } = ctx.state.platform;
    const user = ctx.state.user;
    const { result, saved, facts } = await db.asUser(
      user?.claims ?? { role: "anon" },
      async (tx) => {
        const result = await searchMusicians(tx, parsed.data);
        const ids = result.items.map((m) => m.id);
        const saved = user ? [...await savedAmong(tx, "musician", ids)] : [];
        return { result, saved, facts: Object.fromEntries(await trustFacts(tx, ids)) };
      },
    );
    const avatars: Record<string, string> = {};
    for (const m of result.items) {
      if (m.avatar_path) avatars[m.id] = storage.publicUrl("avatars", m.avatar_path);
    }
    return page({ result, saved, avatars, facts, errors: {}, values });
  },
});

export default define.page<typeof handler>(function MusiciansPage({ data, url, state }) {
  const v = data.values;
  const e = data.errors;
  const place = data.result?.place;
  const saved = new Set(data.saved);
  const back = url.pathname + url.search;
  return (
    <>
      <PageTitle sub="Published musicians: find one by instrument, genre, place, fee and rating.">
        Find musicians
      </PageTitle>
      <form
        method="get"
        action="/musicians"
        role="search"
        class="mb-6 rounded-lg border border-gray-200 bg-white p-4"
      >
        <div class="flex items-start gap-2">
          <Field
            class="mb-3 min-w-0 flex-1"
            name="instrument"
            label="Instrument"
            value={v.instrument}
            error={e.instrument}
            hint="e.g. piano"
          />
          <div class="pt-7">
            <Button>Search</Button>
          </div>
        </div>
        {/* On a phone the first musician must be on the first screen: the rest folds away. */}
        <FilterPanel
          count={activeFilters(v, FILTERS)}
          open={FIELDS.some((k) => k !== "instrument" && e[k]) || Boolean(e.cursor)}
        >
          <Field name="genre" label="Genre" value={v.genre} error={e.genre} hint="e.g. jazz" />
          <Field name="city" label="City" value={v.city} error={e.city} hint="e.g. Lisbon" />
          <SelectField
            name="radius"
            label="Within"
            value={v.radius || "25"}
            error={e.radius}
            options={["10", "25", "50", "100", "250"].map((r) => [r, `${r} km`] as const)}
          />
          <Field
            name="fee"
            label="I can pay up to"
            value={v.fee}
            error={e.fee}
            inputMode="decimal"
            hint="In whole units, e.g. 400"
          />
          <SelectField
            name="currency"
            label="Currency"
            value={v.currency}
            error={e.currency}
            options={[["", "Any currency"], ...CURRENCIES.map((c) => [c, c] as const)]}
          />
          <SelectField
            name="rating"
            label="Rating"
            value={v.rating}
            error={e.rating}
            options={[["", "Any"], ["3", "3★ and up"], ["4", "4★ and up"], [
              "4.5",
              "4.5★ and up",
            ]]}
          />
          <SelectField
            name="sort"
            label="Sort"
            value={v.sort || "rating"}
            error={e.sort ?? e.cursor}
            options={DIRECTORY_SORTS.map((s) => [s, SORT_LABELS[s]] as const)}
          />
          <div class="mb-4 flex items-end">
            <Button variant="secondary">Apply filters</Button>
          </div>
        </FilterPanel>
      </form>
      {place && !place.known && (
        <p
          class="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900"
          role="status"
          data-testid="unknown-city"
        >
          We can't place “{place.city}” on the map yet: no musician, venue or gig on Soundcheck
          names it. Try the nearest larger city.
        </p>
      )}
      {place?.known && place.city && (
        <p class="mb-4 text-sm text-gray-600" data-testid="place-note">
          Within {place.radius_km} km of {place.city}{" "}
          (placed from the profiles and gigs that name it).
        </p>
      )}
      {v.sort === "distance" && !place && data.result && (
        <p class="mb-4 text-sm text-gray-600" data-testid="distance-note">
          “Nearest first” needs a city: sorted by rating instead.
        </p>
      )}
      {data.result && data.result.items.length === 0 && !(place && !place.known) && (
        <EmptyState title="No musicians match">
          Try another instrument or genre, a wider radius, or a higher fee.
        </EmptyState>
      )}
      {data.result && data.result.items.length > 0 && (
        <h2 id="musicians-results" class="sr-only">Musicians</h2>
      )}
      {data.result && data.result.items.length > 0 && (
        <ul class="grid gap-3" aria-labelledby="musicians-results">
          {data.result.items.map((m) => (
            <MusicianCard
              key={m.id}
              m={m}
              avatarUrl={data.avatars[m.id] ?? null}
              facts={data.facts?.[m.id]}
            >
              <SaveButton
                kind="musician"
                id={m.id}
                label={m.stage_name}
                saved={saved.has(m.id)}
                back={back}
                csrf={state.user ? state.csrf : null}
              />
            </MusicianCard>
          ))}
        </ul>
      )}
      {data.result && <NextPage url={url} cursor={data.result.nextCursor} />}
    </>
  );
});
