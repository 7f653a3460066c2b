/**
 * /favourites: the caller's saved musicians and gigs. Something saved that has since left their
 * view (a profile unpublished, an invitation withdrawn) stays listed as "no longer available" with
 * a Remove button, rather than vanishing unexplained. POST is every Save / Saved button's target:
 * it saves or unsaves, then goes back to the page the button was on.
 */
import type { ComponentChildren } from "preact";
import { define, type State } from "../../utils.ts";
import { type FreshContext, page } from "../../lib/fresh_runtime/mod.ts";
import {
  FavouriteForm,
  type Favourites,
  listFavourites,
  setFavourite,
} from "../../lib/domains/favourites/mod.ts";
import { signedIn } from "../../lib/web/guards.ts";
import { readForm } from "../../lib/web/body.ts";
import { parseId } from "../../lib/web/params.ts";
import { safeRedirect } from "../../lib/web/redirect.ts";
import { flashCookie, seeOther } from "../../lib/web/respond.ts";
import { fieldErrors } from "../../lib/web/forms.ts";
import { GigCard } from "../../components/GigCard.tsx";
import { MusicianCard } from "../../components/MusicianCard.tsx";
import { SaveButton } from "../../components/SaveButton.tsx";
import { EmptyState, PageTitle } from "../../components/Page.tsx";

interface Data {
  list: Favourites;
  avatars: Record<string, string>;
  error?: string;
}

async function load(ctx: FreshContext<State>, error?: string, status = 200) {
  const user = signedIn(ctx.state);
  const { db, storage } = ctx.state.platform;
  const list = await db.asUser(user.claims, (tx) => listFavourites(tx));
  const avatars: Record<string, string> = {};
  for (const s of list.musicians) {
    if (s.musician?.avatar_path) {
      avatars[s.id] = storage.publicUrl("avatars", s.musician.avatar_path);
    }
  }
  return page({ list, avatars, error }, { status });
}

export const handler = define.handlers<Data>({
  GET: (ctx) => load(ctx),
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const parsed = FavouriteForm.safeParse(Object.fromEntries(
      [...form].filter(([k, v]) => k !== "_csrf" && typeof v === "string"),
    ));
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues);
      return await load(ctx, Object.values(errors)[0] ?? "Unknown action", 400);
    }
    const { kind, saved, next } = parsed.data;
    const id = parseId(parsed.data.id, kind === "gig" ? "Gig" : "Musician");
    await ctx.state.platform.db.asUser(user.claims, (tx) => setFavourite(tx, kind, id, saved));
    const text = saved ? "Saved: find it under Saved." : "Removed from your saved list.";
    return seeOther(safeRedirect(next, "/favourites"), [
      flashCookie({ kind: "success", text }, ctx.state.secure),
    ]);
  },
});

function Gone({ what, children }: { what: string; children: ComponentChildren }) {
  return (
    <li
      class="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-dashed border-gray-300 bg-gray-50 p-4 text-gray-700"
      data-testid="favourite-gone"
    >
      <span>This {what} is no longer available.</span>
      {children}
    </li>
  );
}

export default define.page<typeof handler>(function FavouritesPage({ data, state }) {
  const { musicians, gigs } = data.list;
  const back = "/favourites";
  return (
    <>
      <PageTitle sub="Musicians and gigs you saved, newest first. Only you can see this list.">
        Saved
      </PageTitle>
      {data.error && (
        <p role="alert" class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
          {data.error}
        </p>
      )}
      <section aria-labelledby="saved-musicians" class="mb-8">
        <h2 id="saved-musicians" class="mb-3 text-xl font-semibold">Musicians</h2>
        {musicians.length === 0
          ? (
            <EmptyState title="No saved musicians yet">
              Browse the <a class="text-indigo-700 underline" href="/musicians">directory</a>{" "}
              and press Save on anyone you might book.
            </EmptyState>
          )
          : (
            <ul class="grid gap-3" data-testid="saved-musicians">
              {musicians.map((s) =>
                s.musician
                  ? (
                    <MusicianCard key={s.id} m={s.musician} avatarUrl={data.avatars[s.id] ?? null}>
                      <SaveButton
                        kind="musician"
                        id={s.id}
                        label={s.musician.stage_name}
                        saved
                        back={back}
                        csrf={state.csrf}
                      />
                    </MusicianCard>
                  )
                  : (
                    <Gone key={s.id} what="musician">
                      <SaveButton
                        kind="musician"
                        id={s.id}
                        label="this musician"
                        saved
                        back={back}
                        csrf={state.csrf}
                      />
                    </Gone>
                  )
              )}
            </ul>
          )}
      </section>
      <section aria-labelledby="saved-gigs">
        <h2 id="saved-gigs" class="mb-3 text-xl font-semibold">Gigs</h2>
        {gigs.length === 0
          ? (
            <EmptyState title="No saved gigs yet">
              <a class="text-indigo-700 underline" href="/gigs">Find gigs</a>{" "}
              and press Save to keep them here.
            </EmptyState>
          )
          : (
            <ul class="grid gap-3" data-testid="saved-gigs">
              {gigs.map((s) =>
                s.gig
                  ? (
                    <GigCard
                      key={s.id}
                      gig={s.gig}
                      save={{ saved: true, csrf: state.csrf, back }}
                    />
                  )
                  : (
                    <Gone key={s.id} what="gig">
                      <SaveButton
                        kind="gig"
                        id={s.id}
                        label="this gig"
                        saved
                        back={back}
                        csrf={state.csrf}
                      />
                    </Gone>
                  )
              )}
            </ul>
          )}
      </section>
    </>
  );
});
