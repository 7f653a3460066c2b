/**
 * The studio library (/studio/library): the user's songs, newest first, filtered by status,
 * genre, mood and the days they were made, searched by words in the title or prompt, a page at a time. A GET form: it
 * works without JavaScript and every filtered view has its own address.
 */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { listSongs } from "../../../lib/domains/studio/store.ts";
import { type Song, SongListQuery } from "../../../lib/domains/studio/types.ts";
import { GENRE_TEMPLATES } from "../../../lib/domains/studio/templates.ts";
import { SONG_STATUSES, STATUS_LABELS } from "../../../lib/browser/studio_view.ts";
import { SongList } from "../../../components/SongList.tsx";
import { EmptyState, PageTitle } from "../../../components/Page.tsx";
import { Field, SelectField } from "../../../components/Field.tsx";
import { SongUploadForm } from "../../../components/SongUploadForm.tsx";

const FILTERS = ["status", "genre", "mood", "q", "from", "to"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

interface Data {
  songs: Song[];
  nextCursor: string | null;
  filters: Filters;
  /** Whether this is a later page (a link back to the first). */
  paged: boolean;
  errors?: Record<string, string>;
}

const GENRES = [...new Set(GENRE_TEMPLATES.map((t) => t.plan.genre))];
const MOODS = [...new Set(GENRE_TEMPLATES.map((t) => t.plan.mood))];
const LABELS: Record<string, string> = {
  status: "Status",
  genre: "Genre",
  mood: "Mood",
  q: "Search",
  from: "Made from",
  to: "Made until",
};

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const params = ctx.url.searchParams;
    const filters = Object.fromEntries(
      FILTERS.map((k) => [k, (params.get(k) ?? "").slice(0, 200)]),
    ) as Filters;
    // Blank fields are no filter: the form sends every field.
    const raw: Record<string, string> = {};
    for (const k of [...FILTERS, "cursor"]) {
      const v = params.get(k)?.trim();
      if (v) raw[k] = v;
    }
    const parsed = SongListQuery.safeParse(raw);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const k = String(issue.path[0] ?? "_form");
        errors[k === "cursor" ? "_form" : k] ??= k === "cursor"
          ? "That page link is out of date: start from the newest songs."
          : `${LABELS[k] ?? k}: ${
            issue.code === "too_big"
              ? "too long"
              : k === "from" || k === "to"
              ? issue.message.toLowerCase()
              : "not one of the choices"
          }`;
      }
      return page({ songs: [], nextCursor: null, filters, paged: false, errors }, { status: 400 });
    }
    const result = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => listSongs(tx, parsed.data),
    );
    return page({ ...result, songs: result.items, filters, paged: Boolean(raw.cursor) });
  },
});

export default define.page<typeof handler>(function Library({ data, url, state }) {
  const { filters, errors } = data;
  const filtered = FILTERS.some((k) => filters[k]);
  const next = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) next.set(k, filters[k]);
  const first = `/studio/library${next.size ? `?${next}` : ""}`;
  if (data.nextCursor) next.set("cursor", data.nextCursor);
  return (
    <>
      <PageTitle sub="Every song you planned, made or uploaded, newest first.">
        Your songs
      </PageTitle>
      <details class="mb-6" data-testid="library-upload">
        <summary class="cursor-pointer text-indigo-700 underline">Upload a track</summary>
        <div class="mt-3">
          <SongUploadForm csrf={state.csrf} />
        </div>
      </details>
      <form
        method="get"
        action="/studio/library"
        role="search"
        class="mb-6 grid gap-3 sm:grid-cols-5 sm:items-end"
        data-testid="library-filters"
      >
        <Field
          id="lib-q"
          class="sm:col-span-2"
          type="search"
          name="q"
          label="Search"
          value={filters.q}
          maxLength={100}
          placeholder="Title or prompt"
          error={errors?.q}
        />
        <SelectField
          id="lib-status"
          class=""
          name="status"
          label="Status"
          value={filters.status}
          options={[["", "Any"], ...SONG_STATUSES.map((s) => [s, STATUS_LABELS[s]] as const)]}
          error={errors?.status}
        />
        <Field
          id="lib-genre"
          class=""
          name="genre"
          label="Genre"
          value={filters.genre}
          list="lib-genres"
          maxLength={40}
          error={errors?.genre}
        />
        <Field
          id="lib-mood"
          class=""
          name="mood"
          label="Mood"
          value={filters.mood}
          list="lib-moods"
          maxLength={40}
          error={errors?.mood}
        />
        <Field
          id="lib-from"
          class=""
          type="date"
          name="from"
          label="Made from"
          value={filters.from}
          error={errors?.from}
        />
        <Field
          id="lib-to"
          class=""
          type="date"
          name="to"
          label="Made until"
          value={filters.to}
          error={errors?.to}
        />
        <datalist id="lib-genres">{GENRES.map((g) => <option key={g} value={g} />)}</datalist>
        <datalist id="lib-moods">{MOODS.map((m) => <option key={m} value={m} />)}</datalist>
        <div class="flex flex-wrap items-center gap-3 sm:col-span-5">
          <button
            type="submit"
            class="inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-base font-medium text-white hover:bg-indigo-700"
          >
            Show songs
          </button>
          {filtered && (
            <a href="/studio/library" class="text-sm text-indigo-700 underline">Clear filters</a>
          )}
        </div>
      </form>
      {errors?._form && <p role="alert" class="mb-4 text-sm text-red-700">{errors._form}</p>}
      {data.songs.length
        ? <SongList songs={data.songs} />
        : (
          <EmptyState title={filtered || data.paged ? "No songs match" : "No songs yet"}>
            {filtered
              ? (
                <p>
                  Try fewer filters, or{" "}
                  <a class="text-indigo-700 underline" href="/studio/library">see them all</a>.
                </p>
              )
              : (
                <p>
                  Describe one in a sentence in the{" "}
                  <a class="text-indigo-700 underline" href="/studio">studio</a>: you get a plan to
                  edit before anything is generated.
                </p>
              )}
          </EmptyState>
        )}
      <nav aria-label="Pages" class="mt-4 flex flex-wrap justify-between gap-3 text-sm">
        {data.paged
          ? <a href={first} class="text-indigo-700 underline">← Newest songs</a>
          : <span />}
        {data.nextCursor && (
          <a
            href={`${url.pathname}?${next}`}
            rel="next"
            class="text-indigo-700 underline"
            data-testid="library-more"
          >
            Older songs →
          </a>
        )}
      </nav>
    </>
  );
});
