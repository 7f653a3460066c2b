/**
 * A finished DJ run: what it was made from, what the user should know, the Spotify player once
 * the playlist is in their account (or the way to get it there), the tracks with their reasons
 * and how the prompt was read. Rendered by the run page, and by its live island once the run's
 * stages are done.
 */
import type { JSX } from "preact";
import type { DjPlan, DjRunWithTracks } from "../lib/domains/dj/types.ts";
import type { SpotifyView } from "../lib/domains/dj/page_data.ts";
import { planOf } from "../lib/browser/dj_view.ts";
import { DjTrackList, totalMinutes } from "./DjTrackList.tsx";
import { ConnectLink, OpenInSpotify } from "./DjSpotifyCard.tsx";
import { StatusBadge } from "./DjRunList.tsx";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { Card } from "./Page.tsx";

export interface DjRunResultProps {
  run: DjRunWithTracks;
  spotify: SpotifyView | null;
  csrf: string;
}

function Meter({ label, value }: { label: string; value: number }) {
  return (
    <div class="flex items-center gap-2">
      <dt class="w-24 text-gray-600">{label}</dt>
      <dd class="flex-1">
        <meter min={0} max={1} value={value} class="w-32" aria-label={label} /> {value.toFixed(2)}
      </dd>
    </div>
  );
}

function PlanDetails({ plan }: { plan: DjPlan }) {
  const row = (label: string, value: string) => (
    <div class="flex gap-2">
      <dt class="w-24 text-gray-600">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <details class="rounded-lg border border-gray-200 bg-white p-4 text-sm">
      <summary class="cursor-pointer font-medium text-gray-900">
        How the DJ read your prompt
      </summary>
      <dl class="mt-3 space-y-1">
        {row("Mood", plan.mood)}
        <Meter label="Energy" value={plan.energy} />
        <Meter label="Valence" value={plan.valence} />
        <Meter label="Danceability" value={plan.danceability} />
        {row("Tempo", `${plan.tempo.min}–${plan.tempo.max} BPM`)}
        {row("Genres", plan.genres.join(", ") || "—")}
        {row("Searches", plan.search_terms.join(" · "))}
        {row("Details", (plan.details ?? []).map((d) => d.text).join(" · ") || "—")}
        {row("Language", plan.language)}
      </dl>
    </details>
  );
}

/**
 * The prompt's details the plan kept (details.ts), each with what became of it: searched for
 * (and how many tracks have it), or kept without a search that could find it.
 */
export function KeptDetails({ plan, tracks }: { plan: DjPlan; tracks: { reason: string }[] }) {
  const details = plan.details ?? [];
  if (!details.length) return null;
  return (
    <div
      class="rounded-md border border-gray-200 bg-gray-50 p-3 text-sm text-gray-800"
      data-testid="dj-kept"
    >
      <p class="font-medium text-gray-900">Kept from your prompt</p>
      <ul class="mt-1 space-y-1">
        {details.map((d) => {
          const have = tracks.filter((t) => t.reason.includes(d.text)).length;
          const what = !d.search
            ? "noted, though no search can find it"
            : `searched for “${d.search}”: ` +
              (have
                ? `${have} ${have === 1 ? "track has" : "tracks have"} it`
                : "no track here has it");
          return (
            <li key={d.text} data-testid="dj-kept-detail">
              <span class="font-medium">“{d.text}”</span> — {what}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Export to Spotify (a draft with tracks, Spotify set up): a button, or connect first. */
function ExportAction({ run, spotify, csrf }: DjRunResultProps) {
  if (run.status !== "draft" || run.tracks.length === 0 || !spotify?.configured) return null;
  if (spotify.status !== "active") {
    const broken = spotify.status === "broken";
    return (
      <ConnectLink
        next={`/dj/runs/${run.id}`}
        label={broken ? "Reconnect Spotify to export" : "Connect Spotify to export"}
        testId={broken ? "dj-reconnect" : "dj-connect"}
      />
    );
  }
  return (
    <form method="post" action={`/dj/runs/${run.id}`}>
      <CsrfField token={csrf} />
      <Button name="intent" value="export">Export to Spotify</Button>
    </form>
  );
}

export function DjRunResult(props: DjRunResultProps): JSX.Element {
  const { run } = props;
  const plan = planOf(run);
  return (
    <div class="space-y-6" data-testid="dj-result">
      <div class="flex flex-wrap items-center gap-3 text-sm text-gray-700">
        <StatusBadge status={run.status} />
        {run.source && (
          <span>
            {run.tracks.length} tracks · about {totalMinutes(run.tracks)} min ·{" "}
            {run.source === "spotify" ? "from Spotify" : "from the offline catalogue"} · plan by
            {" "}
            {run.plan_source === "live" ? "the AI model" : "the offline lexicon"}
          </span>
        )}
        <span class="text-gray-600">“{run.prompt}”</span>
      </div>
      {run.notice && (
        <p
          role="note"
          class="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900"
          data-testid="dj-notice"
        >
          {run.notice}
        </p>
      )}
      {plan && <KeptDetails plan={plan} tracks={run.tracks} />}
      {run.error && (
        <p role="alert" class="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {run.error}
        </p>
      )}
      {run.playlist_id && (
        <Card>
          <iframe
            title={`Spotify player: ${plan?.playlist_name ?? "playlist"}`}
            src={`https://open.spotify.com/embed/playlist/${run.playlist_id}`}
            width="100%"
            height="380"
            loading="lazy"
            allow="autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture"
            class="rounded-lg border-0"
            data-testid="dj-embed"
          />
          {run.playlist_url && <OpenInSpotify url={run.playlist_url} class="mt-3" />}
        </Card>
      )}
      <ExportAction {...props} />
      {run.tracks.length > 0 && <DjTrackList tracks={run.tracks} />}
      {plan && <PlanDetails plan={plan} />}
    </div>
  );
}
