/**
 * The studio's waveform player: the song's peaks drawn from its row, an `<audio>` element playing
 * the MP3 from its signed URL. Play/pause; seek by clicking or tapping the waveform or with the
 * keyboard on it (arrows ±5 s, Shift ±1 s, PageUp/PageDown, Home/End, space plays/pauses); loop a
 * region by dragging across the waveform, with the buttons, or with `[` and `]` (Escape clears).
 * Before it hydrates (or without JavaScript) the browser's own audio controls are shown instead.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import {
  formatTime,
  type Loop,
  loopBetween,
  markLoop,
  type Peak,
  seekForKey,
  spokenTime,
  thinPeaks,
  timeAt,
  wrapLoop,
} from "../lib/browser/player.ts";
import { Waveform } from "../components/Waveform.tsx";

export interface WaveformPlayerProps {
  /** The song's id (names the waveform's parts on the page). */
  id: string;
  title: string;
  /** The MP3's signed URL; null when the audio is not there (yet). */
  src: string | null;
  peaks: Peak[];
  /** Seconds, from the song row; the audio's own length wins once it is known. */
  duration: number;
}

const BARS = 160;
const DRAG_PX = 6;

export default function WaveformPlayer(props: WaveformPlayerProps) {
  const audio = useRef<HTMLAudioElement>(null);
  const surface = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; at: number; moved: boolean } | null>(null);
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [at, setAt] = useState(0);
  const [duration, setDuration] = useState(props.duration);
  const [loop, setLoop] = useState<Loop | null>(null);
  const [pending, setPending] = useState<Loop | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const loopRef = useRef<Loop | null>(null);
  loopRef.current = loop;
  const peaks = thinPeaks(props.peaks, BARS);
  const base = `wf-${props.id}`;

  useEffect(() => setReady(true), []);

  // While playing, follow the audio every frame (timeupdate is only ~4 Hz) and keep the loop.
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      const el = audio.current;
      if (el) {
        const back = wrapLoop(el.currentTime, loopRef.current);
        if (back !== null) el.currentTime = back;
        setAt(el.currentTime);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const seek = (t: number) => {
    const el = audio.current;
    if (el) el.currentTime = t;
    setAt(t);
  };

  const toggle = () => {
    const el = audio.current;
    if (!el || !props.src) return;
    if (el.paused) {
      setProblem(null);
      el.play().catch(() => setProblem("This browser could not play the song."));
    } else el.pause();
  };

  const fraction = (clientX: number) => {
    const box = surface.current?.getBoundingClientRect();
    return box && box.width > 0 ? (clientX - box.left) / box.width : 0;
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    drag.current = { x: e.clientX, at: timeAt(fraction(e.clientX), duration), moved: false };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    if (Math.abs(e.clientX - d.x) >= DRAG_PX) d.moved = true;
    if (d.moved) setPending(loopBetween(d.at, timeAt(fraction(e.clientX), duration), duration));
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    setPending(null);
    if (!d) return;
    const here = timeAt(fraction(e.clientX), duration);
    if (!d.moved) return seek(here);
    const region = loopBetween(d.at, here, duration);
    if (region) {
      setLoop(region);
      seek(region.start);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === " " || e.key === "Enter") {
      e.preventDefault();
      return toggle();
    }
    if (e.key === "[" || e.key === "]") {
      e.preventDefault();
      return setLoop((l) => markLoop(l, e.key === "[" ? "start" : "end", at, duration));
    }
    if (e.key === "Escape" && loop) {
      e.preventDefault();
      return setLoop(null);
    }
    const to = seekForKey(e.key, at, duration, e.shiftKey);
    if (to === null) return;
    e.preventDefault();
    seek(to);
  };

  const button =
    "inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-medium text-gray-900 hover:bg-gray-50 focus:outline-none focus:ring-2 focus:ring-indigo-500 disabled:opacity-50";

  return (
    <div
      class="space-y-3 rounded-lg border border-gray-200 bg-white p-3 sm:p-4"
      data-testid="player"
      data-state={playing ? "playing" : "paused"}
      data-ready={ready ? "1" : undefined}
      data-loop={loop ? `${loop.start.toFixed(2)}-${loop.end.toFixed(2)}` : undefined}
      role="group"
      aria-label={`Player: ${props.title}`}
    >
      <div
        ref={surface}
        role="slider"
        tabIndex={0}
        aria-label="Position in the song"
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(at)}
        aria-valuetext={spokenTime(at, duration)}
        aria-describedby={`${base}-keys`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          setPending(null);
        }}
        onKeyDown={onKeyDown}
        data-testid="waveform"
        class="cursor-pointer touch-pan-y select-none rounded-md focus:outline-none focus:ring-2 focus:ring-indigo-500"
      >
        <Waveform
          id={base}
          peaks={peaks}
          duration={duration}
          at={at}
          loop={loop}
          pending={pending}
        />
      </div>
      <div class="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={toggle}
          disabled={!props.src || !ready}
          aria-pressed={playing}
          data-testid="player-toggle"
          class="inline-flex min-w-[5.5rem] items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-base font-medium text-white hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:opacity-60"
        >
          {playing ? "Pause" : "Play"}
        </button>
        <span class="font-mono text-sm tabular-nums text-gray-700" data-testid="player-time">
          {formatTime(at)} / {formatTime(duration)}
        </span>
        <span class="ml-auto flex flex-wrap gap-2">
          <button
            type="button"
            class={button}
            disabled={!ready}
            onClick={() => setLoop((l) => markLoop(l, "start", at, duration))}
          >
            Loop from here
          </button>
          <button
            type="button"
            class={button}
            disabled={!ready}
            onClick={() => setLoop((l) => markLoop(l, "end", at, duration))}
          >
            Loop to here
          </button>
          {loop && (
            <button type="button" class={button} onClick={() => setLoop(null)}>
              Clear loop
            </button>
          )}
        </span>
      </div>
      <p id={`${base}-keys`} class="text-xs text-gray-600">
        {loop
          ? `Looping ${formatTime(loop.start)}–${formatTime(loop.end)}. `
          : "Drag across the waveform to loop a part. "}
        Keys on the waveform: arrows seek, space plays or pauses, [ and ] set the loop, Escape
        clears it.
      </p>
      {problem && <p role="alert" class="text-sm text-red-700">{problem}</p>}
      {props.src
        ? (
          <audio
            ref={audio}
            src={props.src}
            preload="metadata"
            controls={!ready}
            class={ready ? "hidden" : "w-full"}
            data-testid="player-audio"
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onEnded={() => setPlaying(false)}
            onTimeUpdate={(e) => setAt((e.currentTarget as HTMLAudioElement).currentTime)}
            onLoadedMetadata={(e) => {
              const d = (e.currentTarget as HTMLAudioElement).duration;
              if (Number.isFinite(d) && d > 0) setDuration(d);
            }}
            onError={() =>
              setProblem("The audio could not be loaded. Reload the page to try again.")}
          />
        )
        : <p class="text-sm text-gray-600">The audio is not ready yet.</p>}
    </div>
  );
}
