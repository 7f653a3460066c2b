/**
 * Importing a CSV on an artist's dashboard (figures) or trends page (charts): the file form, the
 * outcome of an import (counts when done, live progress while a large file is worked on, each
 * bad line when it was refused: "Line 7 · streams: …", nothing imported), in words.
 */
import type { JSX } from "preact";
import type { Import } from "../lib/domains/artists/api.ts";
import { importFile, type ImportKind, readImportForm } from "../lib/domains/artists/imports.ts";
import type { Platform, Who } from "../lib/domains/artists/service.ts";
import { HttpError, toHttpError } from "../lib/web/errors.ts";
import ArtistJobLive from "../islands/ArtistJobLive.tsx";
import { CsrfField, Field } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { backWith, count } from "./ArtistShell.tsx";

/** A bad line of a file, as the 422 (`issues`) or the failed import row (`errors`) name it. */
export interface LineProblem {
  line: number | null;
  field: string | null;
  message: string;
}

/** The 422's issues (`field: "line 7: streams"`) as lines. */
export function problemsOf(issues: { field: string; message: string }[] = []): LineProblem[] {
  return issues.map((i) => {
    const m = /^line (\d+)(?:: (.+))?$/.exec(i.field);
    return m
      ? { line: Number(m[1]), field: m[2] ?? null, message: i.message }
      : { line: null, field: i.field, message: i.message };
  });
}

/** What a page shows again after a refused file: each bad line, or the file's own problem. */
export interface ImportRefusal {
  problems?: { message: string; list: LineProblem[] };
  fileError?: string;
}

const OTHER_PAGE: Record<ImportKind, string> = {
  metrics: "Import charts on the trends page",
  charts: "Import streaming figures on the dashboard",
};

/**
 * The import form's POST on the dashboard (figures) or the trends page (charts): imported → back
 * with the counts; large → back to follow it live; refused → the page again (`again`) with each
 * bad line or the file's problem, nothing imported.
 */
export async function postImport<Page>(
  req: Request,
  p: Platform,
  who: Who,
  artistId: string,
  kind: ImportKind,
  here: string,
  secure: boolean,
  again: (refusal: ImportRefusal, status: number) => Promise<Page>,
): Promise<Page | Response> {
  try {
    const file = await readImportForm(req);
    if (file.kind !== kind) throw new HttpError(400, OTHER_PAGE[kind], { field: "kind" });
    const imp = await importFile(p, who, artistId, kind, file.name, file.text);
    if (imp.status === "done") return backWith(secure, here, "success", importedText(imp));
    return backWith(
      secure,
      `${here}?import=${imp.id}`,
      "info",
      `${imp.filename} is large: it is imported in the background. Follow it below.`,
    );
  } catch (err) {
    const e = toHttpError(err);
    if (!e || e.status >= 500 || (e.status === 404 && e.field === "id")) throw err;
    if (e.status === 422 && e.issues?.length) {
      return await again({ problems: { message: e.message, list: problemsOf(e.issues) } }, 422);
    }
    return await again({ fileError: e.message }, e.status);
  }
}

/** "Imported 12,000 rows (11,000 new, 900 changed, 100 unchanged)". */
export function importedText(i: Pick<Import, "total" | "inserted" | "updated" | "unchanged">) {
  const total = i.total ?? (i.inserted ?? 0) + (i.updated ?? 0) + (i.unchanged ?? 0);
  return `Imported ${count(total)} ${total === 1 ? "row" : "rows"} (${
    count(i.inserted ?? 0)
  } new, ${count(i.updated ?? 0)} changed, ${count(i.unchanged ?? 0)} unchanged).`;
}

/** The message without the field it starts with (the line already names the field). */
const bare = (p: LineProblem) =>
  p.field && p.message.startsWith(`${p.field} `) ? p.message.slice(p.field.length + 1) : p.message;

export function LineProblems(
  { message, problems }: { message: string; problems: LineProblem[] },
): JSX.Element {
  return (
    <div
      role="alert"
      class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
      data-testid="import-problems"
    >
      <p class="font-medium">{message}</p>
      {problems.length > 0 && (
        <ul class="mt-2 max-h-64 list-disc overflow-y-auto pl-5">
          {problems.map((p, i) => (
            <li key={i} data-testid="import-problem">
              {p.line !== null ? `Line ${p.line}` : "The file"}
              {p.field ? ` · ${p.field}` : ""}: {bare(p)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface ImportFormProps {
  csrf: string;
  action: string;
  kind: "metrics" | "charts";
  fileError?: string;
  problems?: { message: string; list: LineProblem[] };
}

export function ArtistImportForm(props: ImportFormProps): JSX.Element {
  const metrics = props.kind === "metrics";
  return (
    <form
      method="post"
      action={props.action}
      encType="multipart/form-data"
      data-testid={`import-form-${props.kind}`}
    >
      <CsrfField token={props.csrf} />
      <input type="hidden" name="kind" value={props.kind} />
      {props.problems && (
        <div class="mb-4">
          <LineProblems message={props.problems.message} problems={props.problems.list} />
        </div>
      )}
      <Field
        name="file"
        id={`f-file-${props.kind}`}
        label={metrics ? "Streaming figures (CSV)" : "Weekly charts (CSV)"}
        type="file"
        accept=".csv,text/csv"
        error={props.fileError}
        hint={metrics
          ? "One row per track, day and country: date, track, country, streams, listeners, saves, skips, followers. Up to 20 MB; a file over 256 KB is imported in the background."
          : "One row per country, week and rank: country, week, rank, track, artist, genre, streams. Up to 20 MB."}
        required
      />
      <Button name="intent" value="import">
        {metrics ? "Import the figures" : "Import the charts"}
      </Button>
      <p class="mt-2 text-sm text-gray-600">
        Rows already imported are updated, not doubled. One bad row and nothing is imported.
      </p>
    </form>
  );
}

/** One import's outcome, or its live progress while it is worked on. */
export function ImportOutcome(
  { imp, artistId }: { imp: Import; artistId: string },
): JSX.Element {
  if (imp.status === "queued" || imp.status === "running") {
    return (
      <div class="space-y-2" data-testid="import-pending">
        <noscript>
          <meta http-equiv="refresh" content="3" />
          <p class="text-sm text-gray-700">This page refreshes every few seconds.</p>
        </noscript>
        <p class="text-sm text-gray-800">Importing {imp.filename}…</p>
        <ArtistJobLive
          kind="import"
          id={imp.id}
          api={`/api/artists/${artistId}/imports/${imp.id}`}
          state={{ status: imp.status, stage: null, progress: imp.progress }}
        />
      </div>
    );
  }
  if (imp.status === "failed") {
    return (
      <LineProblems
        message={`${imp.filename} was not imported: ${imp.error ?? "something went wrong"}`}
        problems={imp.errors.map((e) => ({ ...e }))}
      />
    );
  }
  return (
    <div
      role="status"
      class="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900"
      data-testid="import-done"
    >
      {imp.filename}: {importedText(imp)}
    </div>
  );
}
