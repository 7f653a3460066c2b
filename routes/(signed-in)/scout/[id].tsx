/**
 * One scout source (/scout/<id>): its health, runs (newest first, with the items that could not be
 * read) and the upcoming gigs it found; "Check now", pause/resume, delete (confirmed), settings
 * (name, address, schedule) and, for a CSV source, the upload form (bad lines listed beside it).
 */
import { define } from "../../../utils.ts";
import { page, type RouteConfig } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../lib/web/errors.ts";
import { parseId } from "../../../lib/web/params.ts";
import { requireConfirmed } from "../../../lib/web/confirm.ts";
import type { SignedInUser, State } from "../../../utils.ts";
import {
  getSource,
  listRuns,
  type RunView,
  SourcePatch,
  type SourceView,
  updateSource,
} from "../../../lib/domains/scout/sources.ts";
import { type ExternalGigView, searchExternalGigs } from "../../../lib/domains/scout/external.ts";
import { actOnSource, SourceIntent } from "../../../lib/domains/scout/actions.ts";
import { CSV_BODY_LIMIT, readCsvUpload, uploadCsv } from "../../../lib/domains/scout/csv_upload.ts";
import { backWith, FormAlert, Panel } from "../../../components/ArtistShell.tsx";
import { PageTitle } from "../../../components/Page.tsx";
import { CsrfField, Field } from "../../../components/Field.tsx";
import { Button } from "../../../components/Button.tsx";
import {
  KIND_LABEL,
  SourceActions,
  SourceHealth,
  SourceZoneField,
} from "../../../components/ScoutSources.tsx";
import { ExternalGigList, ScoutRuns } from "../../../components/ScoutGigs.tsx";

export const config: RouteConfig = { bodyLimit: CSV_BODY_LIMIT };

interface Data {
  source: SourceView;
  runs: RunView[];
  gigs: ExternalGigView[];
  errors?: Record<string, string>;
  lines?: string[];
}

async function load(state: State, user: SignedInUser, id: string) {
  return await state.platform.db.asUser(user.claims, async (tx) => {
    const source = await getSource(tx, user.claims, id);
    const runs = await listRuns(tx, id, 10);
    const { gigs } = await searchExternalGigs(tx, {
      source: id,
      duplicates: "show",
      radius_km: 50,
      limit: 50,
    });
    return { source, runs, gigs };
  });
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Source");
    const data = await load(ctx.state, user, id);
    ctx.state.head = { title: `${data.source.name} · Gig scout` };
    return page(data);
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Source");
    const here = `/scout/${id}`;
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    const { db, ai } = ctx.state.platform;
    const again = async (extra: Pick<Data, "errors" | "lines">, status: number) => {
      const data = await load(ctx.state, user, id);
      ctx.state.head = { title: `${data.source.name} · Gig scout` };
      return page({ ...data, ...extra }, { status });
    };
    try {
      if (intent === "upload") {
        const { text } = await readCsvUpload(ctx.req);
        const { run, errors } = await uploadCsv({ db, ai }, user.claims, id, text);
        const skipped = errors.length
          ? ` ${errors.length} rows could not be read (see the run).`
          : "";
        return backWith(
          ctx.state.secure,
          here,
          "success",
          `Read ${run.items} gigs: ${run.new_items} new, ${run.updated_items} changed.${skipped}`,
        );
      }
      if (intent === "save") {
        const raw: Record<string, string> = {};
        for (const f of ["name", "url", "every_hours", "timezone"]) {
          const v = form.get(f);
          if (typeof v === "string") raw[f] = v.slice(0, 2000);
        }
        const parsed = SourcePatch.safeParse(raw);
        if (!parsed.success) {
          const errors: Record<string, string> = {};
          for (const i of parsed.error.issues) errors[String(i.path[0] ?? "_form")] ??= i.message;
          return await again({ errors }, 422);
        }
        await db.asUser(user.claims, (tx) => updateSource(tx, user.claims, id, parsed.data));
        return backWith(ctx.state.secure, here, "success", "Saved.");
      }
      const act = SourceIntent.safeParse(intent);
      if (!act.success) throw new HttpError(400, "Unknown action", { field: "intent" });
      // Deleting takes the source's gigs with it: only the disclosure's form may (428 else).
      if (act.data === "delete") requireConfirmed(form, "Delete…");
      const text = await db.asUser(user.claims, (tx) => actOnSource(tx, user.claims, id, act.data));
      ctx.state.platform.worker.wake();
      return backWith(ctx.state.secure, act.data === "delete" ? "/scout" : here, "success", text);
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500 || (e.status === 404 && e.field === "id")) throw err;
      if (intent === "upload") {
        const lines = e.issues?.map((i) => i.message);
        return await again({ errors: { file: e.message }, lines }, e.status);
      }
      const field = e.field && ["name", "url", "every_hours", "timezone"].includes(e.field)
        ? e.field
        : "_form";
      return await again({ errors: { [field]: e.message } }, e.status);
    }
  },
});

export default define.page<typeof handler>(function ScoutSource({ data, state }) {
  const s = data.source;
  const e = data.errors ?? {};
  const action = `/scout/${s.id}`;
  return (
    <>
      <p class="mb-3 text-sm">
        <a href="/scout" class="text-indigo-700 underline">All sources</a>
      </p>
      <PageTitle
        sub={`${KIND_LABEL[s.kind]}${s.url ? ` · ${s.url}` : ""}${
          s.org_id ? ` · organisation ${s.org_id}` : ""
        }`}
      >
        {s.name}
      </PageTitle>
      <div class="space-y-6">
        <Panel id="source-state" title="State">
          <FormAlert text={e._form} testId="source-page-error" />
          <SourceHealth source={s} />
          <SourceActions source={s} action={action} csrf={state.csrf} />
        </Panel>
        {s.kind === "csv" && (
          <Panel id="source-upload" title="Upload a CSV">
            <form
              method="post"
              action={action}
              enctype="multipart/form-data"
              data-testid="csv-form"
            >
              <CsrfField token={state.csrf} />
              <input type="hidden" name="intent" value="upload" />
              <Field
                name="file"
                label="CSV file"
                type="file"
                accept=".csv,text/csv"
                required
                error={e.file}
                hint="Columns such as title, date, time, timezone, venue, city, country, fee, currency, url (up to 2 MB)."
              />
              {data.lines && data.lines.length > 0 && (
                <ul class="mb-4 ml-4 list-disc text-sm text-red-800" data-testid="csv-lines">
                  {data.lines.slice(0, 50).map((l, i) => <li key={i}>{l}</li>)}
                </ul>
              )}
              <Button>Upload</Button>
            </form>
          </Panel>
        )}
        <Panel id="source-gigs" title={`Upcoming gigs found (${data.gigs.length})`}>
          {data.gigs.length
            ? <ExternalGigList gigs={data.gigs} />
            : <p class="text-gray-700">None yet.</p>}
        </Panel>
        <Panel id="source-runs" title="Recent reads">
          <ScoutRuns runs={data.runs} />
        </Panel>
        <Panel id="source-settings" title="Settings">
          <form method="post" action={action} data-testid="source-settings">
            <CsrfField token={state.csrf} />
            <input type="hidden" name="intent" value="save" />
            <Field
              name="name"
              label="Name"
              value={s.name}
              error={e.name}
              required
              maxLength={120}
            />
            {s.url !== null && (
              <Field name="url" label="Address" type="url" value={s.url} error={e.url} required />
            )}
            {s.kind !== "csv" && (
              <Field
                name="every_hours"
                label="Check every (hours)"
                type="number"
                inputMode="numeric"
                min={1}
                max={168}
                value={String(s.every_hours)}
                error={e.every_hours}
              />
            )}
            <SourceZoneField value={s.timezone} error={e.timezone} />
            <Button variant="secondary">Save</Button>
          </form>
        </Panel>
      </div>
    </>
  );
});
