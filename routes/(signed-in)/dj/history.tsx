/** Every DJ run of the user, newest first, 20 a page, each with re-run and refine. */
import { z } from "zod";
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { dbFailure } from "../../../lib/ports/db/errors.ts";
import { listRuns, type RunPage } from "../../../lib/domains/dj/store.ts";
import { DjRunList } from "../../../components/DjRunList.tsx";
import { EmptyState, PageTitle } from "../../../components/Page.tsx";
import { signedIn } from "../../../lib/web/guards.ts";

interface Data {
  page: RunPage;
  first: boolean;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const cursor = ctx.url.searchParams.get("cursor") ?? undefined;
    try {
      const result = await ctx.state.platform.db.asUser(
        user.claims,
        (tx) => listRuns(tx, { limit: 20, cursor }),
      );
      return page({ page: result, first: !cursor });
    } catch (err) {
      // A damaged cursor (edited URL): start again from the newest.
      if (dbFailure(err) || err instanceof z.ZodError) {
        return ctx.redirect("/dj/history", 303);
      }
      throw err;
    }
  },
});

export default define.page<typeof handler>(function DjHistory({ data, state }) {
  const { items, nextCursor } = data.page;
  return (
    <>
      <PageTitle sub="Every playlist the DJ made for you. Run one again, or refine its prompt.">
        DJ history
      </PageTitle>
      {items.length === 0
        ? (
          <EmptyState title={data.first ? "No playlists yet" : "No more playlists"}>
            <a class="text-indigo-700 underline" href="/dj">Make your first playlist</a>
          </EmptyState>
        )
        : <DjRunList runs={items} csrf={state.csrf} />}
      <nav aria-label="Pages" class="mt-4 flex gap-4 text-sm">
        {!data.first && <a class="text-indigo-700 underline" href="/dj/history">Newest</a>}
        {nextCursor && (
          <a class="text-indigo-700 underline" href={`/dj/history?cursor=${nextCursor}`}>Older</a>
        )}
      </nav>
    </>
  );
});
