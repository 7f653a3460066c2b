/**
 * A finished song on its page: the waveform player, the lyrics, the downloads (WAV, MP3, MIDI,
 * each stem), the share link, the AI DJ's catalogue, rename and delete with a confirmation.
 * Every action is a form posting to the song's page, so all of it works without JavaScript.
 */
import type { ComponentChildren, JSX } from "preact";
import type { Song } from "../lib/domains/studio/types.ts";
import WaveformPlayer from "../islands/WaveformPlayer.tsx";
import { songTitle } from "../lib/browser/studio_view.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { SongCatalogue, SongShare } from "./SongShare.tsx";
import { ConfirmedField } from "./ConfirmStep.tsx";

export function downloadHref(id: string, format: string, stem?: string): string {
  return `/api/studio/songs/${id}/download?format=${format}${stem ? `&stem=${stem}` : ""}`;
}

/** The lyrics as sections of lines, read by shape (the lyrics writer's JSON). */
export function lyricsSections(lyrics: Record<string, unknown> | null) {
  const out: { name: string; lines: string[] }[] = [];
  const sections = lyrics?.sections;
  if (Array.isArray(sections)) {
    for (const s of sections) {
      if (!s || typeof s !== "object") continue;
      const r = s as Record<string, unknown>;
      const name = typeof r.name === "string"
        ? r.name
        : typeof r.section === "string"
        ? r.section
        : "";
      const lines = Array.isArray(r.lines)
        ? r.lines.filter((l): l is string => typeof l === "string")
        : typeof r.text === "string"
        ? r.text.split("\n")
        : [];
      if (lines.length) out.push({ name, lines });
    }
  } else if (typeof lyrics?.text === "string") {
    out.push({ name: "", lines: lyrics.text.split("\n") });
  }
  return out;
}

export function Lyrics({ lyrics }: { lyrics: Record<string, unknown> | null }) {
  const sections = lyricsSections(lyrics);
  if (!sections.length) return null;
  return (
    <section aria-labelledby="song-lyrics" class="rounded-lg border border-gray-200 bg-white p-4">
      <h2 id="song-lyrics" class="mb-2 text-lg font-semibold text-gray-900">Lyrics</h2>
      <div class="space-y-3" data-testid="song-lyrics">
        {sections.map((s, i) => (
          <div key={i}>
            {s.name && (
              <p class="text-xs font-semibold uppercase tracking-wide text-gray-600">
                {s.name.replace(/_/g, "-")}
              </p>
            )}
            {s.lines.map((l, j) => <p key={j} class="text-gray-800">{l}</p>)}
          </div>
        ))}
      </div>
    </section>
  );
}

function Download({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a
      href={href}
      download
      class="inline-flex items-center rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-medium text-gray-900 hover:bg-gray-50"
    >
      {children}
    </a>
  );
}

export interface SongDoneProps {
  song: Song;
  csrf: string;
  /** The share page's full address while the song is shared. */
  shareUrl: string | null;
  errors?: Record<string, string>;
}

export function SongDone({ song, csrf, shareUrl, errors }: SongDoneProps): JSX.Element {
  const here = `/studio/songs/${song.id}`;
  const title = songTitle(song);
  return (
    <div class="space-y-6">
      <WaveformPlayer
        id={song.id}
        title={title}
        src={song.files.mp3 ? downloadHref(song.id, "mp3") : null}
        peaks={song.peaks ?? []}
        duration={(song.duration_ms ?? 0) / 1000}
      />
      <section aria-labelledby="song-downloads">
        <h2 id="song-downloads" class="mb-2 text-lg font-semibold text-gray-900">Downloads</h2>
        <div class="flex flex-wrap gap-2" data-testid="song-downloads">
          {song.files.wav && <Download href={downloadHref(song.id, "wav")}>WAV</Download>}
          {song.files.mp3 && <Download href={downloadHref(song.id, "mp3")}>MP3</Download>}
          {song.files.midi && <Download href={downloadHref(song.id, "midi")}>MIDI</Download>}
          {song.files.stems.map((s) => (
            <Download key={s} href={downloadHref(song.id, "stems", s)}>
              Stem: {s}
            </Download>
          ))}
        </div>
        {song.files.stems.length > 0 && (
          <p class="mt-2 text-sm text-gray-600">
            Stems are WAV files of each part, to mix in your own tools; MIDI has the notes.
          </p>
        )}
      </section>
      <nav aria-label="Mastering and the hit meter" class="flex flex-wrap gap-2">
        <a
          href={`${here}/master`}
          data-testid="song-master-link"
          class="inline-flex items-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Master this song
        </a>
        <a
          href={`${here}/meter`}
          data-testid="song-meter-link"
          class="inline-flex items-center rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-medium text-gray-900 hover:bg-gray-50"
        >
          Hit meter
        </a>
      </nav>
      <Lyrics lyrics={song.lyrics} />
      <SongShare song={song} csrf={csrf} shareUrl={shareUrl} />
      <SongCatalogue song={song} csrf={csrf} />
      <section aria-labelledby="song-manage" class="space-y-4">
        <h2 id="song-manage" class="text-lg font-semibold text-gray-900">Manage</h2>
        <form method="post" action={here} class="flex flex-wrap items-end gap-3">
          <div class="min-w-0 flex-1">
            <label for="song-title" class="mb-1 block text-sm font-medium text-gray-800">
              Title
            </label>
            <input
              id="song-title"
              name="title"
              value={title}
              required
              maxLength={120}
              aria-invalid={errors?.title ? "true" : undefined}
              aria-describedby={errors?.title ? "song-title-error" : undefined}
              class="block w-full rounded-md border border-gray-300 px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500"
            />
            {errors?.title && (
              <p id="song-title-error" role="alert" class="mt-1 text-sm text-red-700">
                {errors.title}
              </p>
            )}
          </div>
          <Button variant="secondary" name="intent" value="rename">Rename</Button>
          <CsrfField token={csrf} />
        </form>
        <details class="text-sm">
          <summary class="cursor-pointer text-red-700 underline">Delete this song</summary>
          <form method="post" action={here} class="mt-2 flex flex-wrap items-center gap-3">
            <CsrfField token={csrf} />
            <ConfirmedField />
            <span>The song, its files and its share link go for good.</span>
            <Button variant="danger" name="intent" value="delete">Delete for good</Button>
          </form>
        </details>
      </section>
    </div>
  );
}
