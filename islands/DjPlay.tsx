/**
 * A playlist track's play/pause button: the whole song for the platform's own songs, a 30-second
 * preview for Spotify tracks that have one. One track plays at a time on the page (starting one
 * pauses the others). Without JavaScript it is a link to the audio, which the browser plays.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { formatTime } from "../lib/browser/player.ts";

export interface DjPlayProps {
  /** The audio: a signed link to a platform song, or a Spotify preview. */
  src: string;
  title: string;
  kind: "song" | "preview";
}

const BUTTON =
  "inline-flex h-11 w-11 items-center justify-center rounded-full bg-indigo-700 text-white " +
  "hover:bg-indigo-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 " +
  "focus-visible:ring-offset-2";

function Icon({ playing }: { playing: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">
      {playing ? <path d="M7 5h4v14H7zM13 5h4v14h-4z" /> : <path d="M8 5v14l11-7z" />}
    </svg>
  );
}

export default function DjPlay({ src, title, kind }: DjPlayProps) {
  const audio = useRef<HTMLAudioElement>(null);
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [at, setAt] = useState(0);
  const [failed, setFailed] = useState(false);
  useEffect(() => setReady(true), []);

  const what = kind === "preview" ? "a 30-second preview of" : "";
  const label = `${playing ? "Pause" : "Play"} ${what} ${title}`.replace(/\s+/g, " ");
  if (!ready) {
    return (
      <a href={src} target="_blank" rel="noopener" class={BUTTON} aria-label={label}>
        <Icon playing={false} />
      </a>
    );
  }

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (!el.paused) return el.pause();
    // One track at a time.
    for (const other of document.querySelectorAll("audio")) if (other !== el) other.pause();
    el.play().catch(() => setFailed(true));
  };

  return (
    <div class="flex shrink-0 flex-col items-center gap-0.5">
      <button
        type="button"
        class={BUTTON}
        aria-label={label}
        onClick={toggle}
        data-testid="dj-play"
        data-state={playing ? "playing" : "paused"}
      >
        <Icon playing={playing} />
      </button>
      <span class="text-xs tabular-nums text-gray-600" aria-live="polite">
        {failed
          ? "Could not play"
          : playing || at > 0
          ? formatTime(at)
          : kind === "preview"
          ? "30 s"
          : "Play"}
      </span>
      <audio
        ref={audio}
        src={src}
        preload="none"
        data-testid="dj-audio"
        onPlay={() => {
          setPlaying(true);
          setFailed(false);
        }}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onError={() => {
          setPlaying(false);
          setFailed(true);
        }}
        onTimeUpdate={(e) => setAt((e.currentTarget as HTMLAudioElement).currentTime)}
      />
    </div>
  );
}
