/**
 * How a run's Spotify export stands, on the run page: what the playlist holds so far, what is not
 * on Spotify, what was not checked yet, and the way to finish (the export form's button, which
 * resumes into the same playlist). Shown for a draft whose export started and did not finish.
 */
import type { JSX } from "preact";
import type { ExportSummary } from "../lib/domains/dj/export_state.ts";
import { OpenInSpotify } from "./DjSpotifyCard.tsx";

export function DjExportStatus({ summary }: { summary: ExportSummary }): JSX.Element | null {
  if (summary.state === "done") return null;
  const working = summary.state === "working";
  return (
    <section
      aria-labelledby="dj-export-status"
      class="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
      data-testid="dj-export-status"
      data-state={summary.state}
    >
      <h2 id="dj-export-status" class="font-medium">
        {working
          ? "Exporting to Spotify…"
          : summary.playlist_id
          ? "Partly in your Spotify account"
          : "Not in your Spotify account yet"}
      </h2>
      {summary.tracks > 0 && (
        <p class="mt-1">
          <meter
            min={0}
            max={summary.tracks}
            value={summary.added}
            class="mr-2 w-32 align-middle"
            aria-label="Tracks in the Spotify playlist"
          />
          {summary.added} of {summary.tracks} tracks added
        </p>
      )}
      <p class="mt-1">{summary.message}</p>
      {summary.last_error && <p class="mt-1 text-amber-800">{summary.last_error}</p>}
      {summary.playlist_url && <OpenInSpotify url={summary.playlist_url} class="mt-2" />}
    </section>
  );
}
