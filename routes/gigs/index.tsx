/** Find gigs: full text (typos forgiven), genre, instrument, dates, budget, remote; keyset pages. */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import {
  GIG_SORTS,
  type GigSearchHit,
  GigSearchQuery,
  type Page,
  searchGigs,
} from "../../lib/gigs/mod.ts";
import { fieldErrors } from "../../lib/web/forms.ts";
import { toMinor } from "../../lib/web/time.ts";
import { GigCard, NextPage } from "../../components/GigCard.tsx";
import { EmptyState, PageTitle } from "../../components/Page.tsx";
import { Button, LinkButton } from "../../components/Button.tsx";

interface Data {
  result: Page<GigSearchHit> | null;
  errors: Record<string, string>;
  values: Record<string, string>;
}

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
      return page({ result: null, errors, values }, { status: 400 });
    }
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const result = await ctx.state.platform.db.asUser(claims, (tx) => searchGigs(tx, parsed.data));
    return page({ result, errors: {}, values });
  },
});

export default define.page<typeof handler>(function GigsPage({ data, url, state }) {
  const v = data.values;
  const e = data.errors;
  const input = "block w-full rounded-md border border-gray-300 px-3 py-2";
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
        class="mb-6 grid gap-3 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <div class="sm:col-span-2">
          <label for="q" class="mb-1 block text-sm font-medium">Search</label>
          <input
            id="q"
            name="q"
            type="search"
            value={v.q}
            placeholder="jazz trio, wedding, piano…"
            class={input}
            aria-invalid={e.q ? "true" : undefined}
          />
          {e.q && <p class="text-sm text-red-700" role="alert">{e.q}</p>}
        </div>
        <div>
          <label for="genres" class="mb-1 block text-sm font-medium">Genres</label>
          <input
            id="genres"
            name="genres"
            value={v.genres}
            placeholder="jazz, soul"
            class={input}
          />
        </div>
        <div>
          <label for="instruments" class="mb-1 block text-sm font-medium">Instruments</label>
          <input
            id="instruments"
            name="instruments"
            value={v.instruments}
            placeholder="guitar"
            class={input}
          />
        </div>
        <div>
          <label for="from" class="mb-1 block text-sm font-medium">From</label>
          <input id="from" name="from" type="date" value={v.from} class={input} />
          {e.from && <p class="text-sm text-red-700" role="alert">{e.from}</p>}
        </div>
        <div>
          <label for="to" class="mb-1 block text-sm font-medium">To</label>
          <input
            id="to"
            name="to"
            type="date"
            value={v.to}
            class={input}
            aria-invalid={e.to ? "true" : undefined}
          />
          {e.to && <p class="text-sm text-red-700" role="alert">{e.to}</p>}
        </div>
        <div>
          <label for="budget" class="mb-1 block text-sm font-medium">Budget at least</label>
          <input
            id="budget"
            name="budget"
            inputMode="decimal"
            value={v.budget}
            placeholder="200"
            class={input}
            aria-invalid={e.budget ? "true" : undefined}
          />
          {e.budget && <p class="text-sm text-red-700" role="alert">{e.budget}</p>}
        </div>
        <div>
          <label for="remote" class="mb-1 block text-sm font-medium">Where</label>
          <select id="remote" name="remote" class={input}>
            <option value="" selected={!v.remote}>Anywhere</option>
            <option value="false" selected={v.remote === "false"}>In person</option>
            <option value="true" selected={v.remote === "true"}>Remote only</option>
          </select>
        </div>
        <div>
          <label for="sort" class="mb-1 block text-sm font-medium">Sort</label>
          <select id="sort" name="sort" class={input}>
            {GIG_SORTS.map((s) => (
              <option key={s} value={s} selected={(v.sort || "starts_at") === s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
          {e.cursor && <p class="text-sm text-red-700" role="alert">{e.cursor}</p>}
        </div>
        <div class="flex items-end">
          <Button>Search</Button>
        </div>
      </form>
      {data.result && data.result.items.length === 0 && (
        <EmptyState title="No gigs match">
          Try fewer words, another genre, or a wider date range.
        </EmptyState>
      )}
      {data.result && data.result.items.length > 0 && (
        <ul class="grid gap-3" aria-label="Gigs">
          {data.result.items.map((g) => <GigCard key={g.id} gig={g} distanceKm={g.distance_km} />)}
        </ul>
      )}
      {data.result && <NextPage url={url} cursor={data.result.nextCursor} />}
    </>
  );
});
