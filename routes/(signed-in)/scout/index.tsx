/**
 * The gig scout (/scout): your sources with their health, last run and last error in words;
 * "Check now", pause/resume, delete (confirmed); the form adding a source. POST `intent`: add, or
 * check/pause/resume/delete with `source`. Refusals come back beside their field.
 */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../lib/web/errors.ts";
import { isUuid } from "../../../lib/shared/ids.ts";
import { requireConfirmed } from "../../../lib/web/confirm.ts";
import type { SignedInUser, State } from "../../../utils.ts";
import { createSource, listSources, SourceInput } from "../../../lib/domains/scout/sources.ts";
import type { SourceView } from "../../../lib/domains/scout/sources.ts";
import { actOnSource, SourceIntent } from "../../../lib/domains/scout/actions.ts";
import { Card, EmptyState, PageTitle } from "../../../components/Page.tsx";
import { backWith, FormAlert } from "../../../components/ArtistShell.tsx";
import {
  EMPTY_SOURCE,
  ScoutSourceForm,
  ScoutSourceList,
  type SourceFormValues,
} from "../../../components/ScoutSources.tsx";

interface Data {
  sources: SourceView[];
  values: SourceFormValues;
  errors?: Record<string, string>;
}

const FIELDS = Object.keys(EMPTY_SOURCE) as (keyof SourceFormValues)[];

async function sourcesOf(state: State, user: SignedInUser) {
  return await state.platform.db.asUser(user.claims, (tx) => listSources(tx, user.claims));
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    ctx.state.head = { title: "Gig scout" };
    return page({ sources: await sourcesOf(ctx.state, user), values: EMPTY_SOURCE });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    ctx.state.head = { title: "Gig scout" };
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    const { db } = ctx.state.platform;
    const values = { ...EMPTY_SOURCE };
    for (const f of FIELDS) {
      const v = form.get(f);
      values[f] = typeof v === "string" ? v.slice(0, 2000) : "";
    }
    const again = async (errors: Record<string, string>, status: number) =>
      page({ sources: await sourcesOf(ctx.state, user), values, errors }, { status });
    if (intent !== "add") {
      const parsed = SourceIntent.safeParse(intent);
      const id = String(form.get("source") ?? "");
      if (!parsed.success) throw new HttpError(400, "Unknown action", { field: "intent" });
      if (!isUuid(id)) throw new HttpError(404, "Source not found", { field: "source" });
      try {
        // Deleting takes the source's gigs with it: only the disclosure's form may (428 else).
        if (parsed.data === "delete") requireConfirmed(form, "Delete…");
        const text = await db.asUser(
          user.claims,
          (tx) => actOnSource(tx, user.claims, id, parsed.data),
        );
        ctx.state.platform.worker.wake();
        return backWith(ctx.state.secure, "/scout", "success", text);
      } catch (err) {
        // Refused (not yours, paused…): the list again with the reason, nothing changed.
        const e = toHttpError(err);
        if (!e || e.status >= 500) throw err;
        return await again({ _list: e.message }, e.status);
      }
    }
    const parsed = SourceInput.safeParse(values);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0] ?? "_form");
        errors[f] ??= f === "kind" ? "Pick a kind of source" : issue.message;
      }
      return await again(errors, 422);
    }
    try {
      const source = await db.asUser(
        user.claims,
        (tx) => createSource(tx, user.claims, parsed.data),
      );
      ctx.state.platform.worker.wake();
      const text = source.kind === "csv"
        ? `“${source.name}” is ready: upload your CSV below.`
        : `“${source.name}” was added: it is read in a minute.`;
      return backWith(ctx.state.secure, `/scout/${source.id}`, "success", text);
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500) throw err;
      const field = e.field && (FIELDS as string[]).includes(e.field) && e.status === 400
        ? e.field
        : "_form";
      return await again({ [field]: e.message }, e.status);
    }
  },
});

export default define.page<typeof handler>(function Scout({ data, state }) {
  return (
    <>
      <PageTitle sub="Sources of gigs outside Soundcheck: calendars, venue pages, feeds, lists. The scout reads them politely and shows what it finds in the gig search.">
        Gig scout
      </PageTitle>
      <div class="space-y-6">
        <section aria-labelledby="scout-sources">
          <h2 id="scout-sources" class="mb-3 text-lg font-semibold text-gray-900">Your sources</h2>
          <FormAlert text={data.errors?._list} testId="source-list-error" />
          {data.sources.length
            ? <ScoutSourceList sources={data.sources} csrf={state.csrf} />
            : (
              <EmptyState title="No sources yet">
                Add a venue's calendar, an events page or a feed below: its gigs appear in the gig
                search, marked “External”.
              </EmptyState>
            )}
        </section>
        <Card>
          <h2 id="scout-new" class="mb-1 text-lg font-semibold text-gray-900">Add a source</h2>
          <p class="mb-4 text-sm text-gray-600">
            Only addresses on the public internet are read, at most once a second per server, and
            never what the site's robots.txt asks robots to leave alone.
          </p>
          <FormAlert text={data.errors?._form} testId="source-form-error" />
          <ScoutSourceForm csrf={state.csrf} values={data.values} errors={data.errors} />
        </Card>
      </div>
    </>
  );
});
