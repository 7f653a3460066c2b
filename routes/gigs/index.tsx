/** Find gigs: full text (typos forgiven), genre, instrument, dates, budget, remote; keyset pages. */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import {
  GIG_SORTS,
  type GigSearchHit,
  GigSearchQuery,
  type Page,
  searchGigs,
} from "../../lib/domains/gigs/mod.ts";
import { fieldErrors } from "../../lib/web/forms.ts";
import { toMinor } from "../../lib/browser/time.ts";
import { GigCard, NextPage } from "../../components/GigCard.tsx";
import { EmptyState, PageTitle } from "../../components/Page.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";
import { Field, SelectField } from "../../components/Field.tsx";
import { activeFilters, FilterPanel } from "../../components/FilterPanel.tsx";
import {
  type ExternalGigView,
  ExternalSearchQuery,
  searchExternalGigs,
} from "../../lib/domains/scout/external.ts";
import { ExternalGigList } from "../../components/ScoutGigs.tsx";
import { savedAmong } from "../../lib/domains/favourites/mod.ts";

interface Data {
  result: Page<GigSearchHit> | null;
  errors: Record<string, string>;
  values: Record<string, string>;
  /** Gigs the scout found outside Soundcheck (first page only), shown apart and marked. */
  external: ExternalGigView[];
  /** The gigs on this page the signed-in viewer saved (their cards say "Saved"). */
  saved?: string[];
}

/** The filters folded into the panel (the text search stays in view). */
const FILTERS = ["genres", "instruments", "from", "to", "budget", "remote"] as const;

const SORT_LABELS: Record<typeof GIG_SORTS[number], string> = {
  starts_at: "Soonest first",
  budget: "Highest budget",
  relevance: "Best text match",
  newest: "Newest",
};

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const sp = ctx.url.searchParams;
    const values: Record<string, string> = {};
    for (const k of ["q", "genres", "instruments", "from", "to", "budget", "remote", "sort"]) {
      values[k] = sp.get(k) ?? "";
    }
    const raw: Record<string, unknown> = {};
    if (values.q) raw.q = values.q;
    if (values.genres) raw.genres = values.genres;
    if (values.instruments) raw.instruments = values.instruments;
    if (values.from) raw.from = values.from;
    if (values.to) raw.to = values.to;
    // "I can pay at least…" on the form: gigs whose budget reaches this amount.
    if (values.budget) raw.budget_min = toMinor(values.budget);
    if (values.remote === "true" || values.remote === "false") raw.remote = values.remote;
    if (values.sort) raw.sort = values.sort;
    if (sp.get("cursor")) raw.cursor = sp.get("cursor");
    const parsed = GigSearchQuery.safeParse(raw);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues);
      if (errors.budget_min) errors.budget = errors.budget_min;
      return page({ result: null, errors, values, external: [] }, { status: 400 });
    }
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const outside = ExternalSearchQuery.safeParse({
      ...(values.q ? { q: values.q } : {}),
      ...(values.genres ? { genres: values.genres } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      limit: 10,
    });
    const { result, external, saved } = await ctx.state.platform.db.asUser(claims, async (tx) => {
      const result = await searchGigs(tx, parsed.data);
      const ids = result.items.map((g) => g.id);
      return {
        result,
        external: outside.success && !raw.cursor && values.remote !== "true"
          ? (await searchExternalGigs(tx, outside.data)).gigs
          : [],
        saved: ctx.state.user ? [...await savedAmong(tx, "gig", ids)] : [],
      };
    });
    return page({ result, errors: {}, values, external, saved });
  },
});

export default define.page<typeof handler>(function GigsPage({ data, url, state }) {
  const v = data.values;
  const e = data.errors;
  return (
    <>
      <div class="flex flex-wrap items-start justify-between gap-4">
        <PageTitle sub="Shows, sessions and teaching jobs posted by venues and clients.">
          Find gigs
        </PageTitle>
        {state.user && <LinkButton href="/gigs/new">Post a gig</LinkButton>}
      </div>
      <form
        method="get"
        action="/gigs"
        role="search"
        class="mb-6 rounded-lg border border-gray-200 bg-white p-4"
      >
        <div class="flex items-start gap-2">
          <Field
            class="mb-3 min-w-0 flex-1"
            name="q"
            label="Search"
            type="search"
            value={v.q}
            error={e.q}
            hint="e.g. jazz trio, wedding, piano"
          />
          <div class="pt-7">
            <Button>Search</Button>
          </div>
        </div>
        {/* On a phone the first gig must be on the first screen: the rest folds away. */}
        <FilterPanel
          count={activeFilters(v, FILTERS)}
          open={FILTERS.some((k) => e[k]) || Boolean(e.cursor)}
        >
          <Field
            name="genres"
            label="Genres"
            value={v.genres}
            error={e.genres}
            hint="e.g. jazz, soul"
          />
          <Field
            name="instruments"
            label="Instruments"
            value={v.instruments}
            error={e.instruments}
            hint="e.g. guitar"
          />
          <Field name="from" label="From" type="date" value={v.from} error={e.from} />
          <Field name="to" label="To" type="date" value={v.to} error={e.to} />
          <Field
            name="budget"
            label="Budget at least"
            value={v.budget}
            error={e.budget}
            hint="e.g. 200"
          />
          <SelectField
            name="remote"
            label="Where"
            value={v.remote}
            options={[["", "Anywhere"], ["false", "In person"], ["true", "Remote only"]]}
          />
          <SelectField
            name="sort"
            label="Sort"
            value={v.sort || "starts_at"}
            error={e.cursor}
            options={GIG_SORTS.map((s) => [s, SORT_LABELS[s]] as const)}
          />
          <div class="mb-4 flex items-end">
            <Button variant="secondary">Apply filters</Button>
          </div>
        </FilterPanel>
      </form>
      {data.result && data.result.items.length === 0 && (
        <EmptyState title="No gigs match">
          Try fewer words, another genre, or a wider date range.
        </EmptyState>
      )}
      {data.result && data.result.items.length > 0 && (
        <h2 id="gigs-results" class="sr-only">Gigs</h2>
      )}
      {data.result && data.result.items.length > 0 && (
        <ul class="grid gap-3" aria-labelledby="gigs-results">
          {data.result.items.map((g) => (
            <GigCard
              key={g.id}
              gig={g}
              distanceKm={g.distance_km}
              save={{
                saved: data.saved?.includes(g.id) ?? false,
                csrf: state.user ? state.csrf : null,
                back: url.pathname + url.search,
              }}
            />
          ))}
        </ul>
      )}
      {data.result && <NextPage url={url} cursor={data.result.nextCursor} />}
      {data.external.length > 0 && (
        <section aria-labelledby="gigs-external" class="mt-8" data-testid="external-section">
          <h2 id="gigs-external" class="text-lg font-semibold text-gray-900">
            External gigs: found elsewhere by the gig scout
          </h2>
          <p class="mb-3 text-sm text-gray-600">
            Listed on other sites; applying takes you there.
          </p>
          <ExternalGigList gigs={data.external} />
        </section>
      )}
    </>
  );
});
