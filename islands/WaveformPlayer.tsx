/**
 * The studio's waveform player: the song's peaks drawn from its row, an `<audio>` element playing
 * the MP3 from its signed URL. Play/pause; seek by clicking or tapping the waveform or with the
 * keyboard on it (arrows ±5 s, Shift ±1 s, PageUp/PageDown, Home/End, space plays/pauses); loop a
 * region by dragging across the waveform, with the buttons, or with `[` and `]` (Escape clears).
 * Before it hydrates (or without JavaScript) the browser's own audio controls are shown instead.
 *
 * With `versions` it is an A/B player (a song and its master): both play together, one heard at a
 * time, the louder turned down to the other's integrated loudness; switching keeps the position.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import {
  type AbVersion,
  drifted,
  formatTime,
  type Loop,
  loopBetween,
  loudnessMatch,
  markLoop,
  type Peak,
  seekForKey,
  spokenTime,
  thinPeaks,
  timeAt,
  volumeOf,
  wrapLoop,
} from "../lib/browser/player.ts";
import { announcePlayhead } from "../lib/browser/playhead.ts";
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
  /** A and B to compare, loudness-matched (then `src` is not used). */
  versions?: [AbVersion, AbVersion];
}

const BARS = 160;
const DRAG_PX = 6;

export default function WaveformPlayer(props: WaveformPlayerProps) {
  const single = useRef<HTMLAudioElement>(null);
  const pair = useRef<(HTMLAudioElement | null)[]>([null, null]);
  const [active, setActive] = useState<0 | 1>(0);
  const activeRef = useRef<0 | 1>(0);
  activeRef.current = active;
  const versions = props.versions;
  const match = versions ? loudnessMatch(versions[0], versions[1]) : null;
  const src = versions ? versions[0].src : props.src;
  // The element heard now (the A/B pair's active one); `all` for what applies to both.
  const audio = {
    get current() {
      return versions ? pair.current[activeRef.current] : single.current;
    },
  };
  const all = () =>
    (versions ? pair.current : [single.current]).filter((a): a is HTMLAudioElement => !!a);
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
        if (back !== null) { for (const a of all()) a.currentTime = back; }
        setAt(el.currentTime);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  // Other islands (the loudness meter) follow the play head.
  useEffect(() => {
    const version = versions ? active : null;
    announcePlayhead(props.id, { at, playing, version, gainDb: match?.gainsDb[active] ?? 0 });
  }, [at, playing, active]);

  const seek = (t: number) => {
    for (const el of all()) el.currentTime = t;
    setAt(t);
  };

  const toggle = () => {
    const el = audio.current;
    if (!el || !src) return;
    if (el.paused) {
      setProblem(null);
      for (const a of all()) {
        a.play().catch(() => setProblem("This browser could not play the song."));
      }
    } else for (const a of all()) a.pause();
  };

  // Only the active version is heard, at its matched level (volume only turns down).
  useEffect(() => {
    if (!versions || !match) return;
    pair.current.forEach((el, k) => {
      if (!el) return;
      el.muted = k !== active;
      el.volume = volumeOf(match.gainsDb[k]);
    });
  }, [active, ready]);

  const choose = (k: 0 | 1) => {
    const from = pair.current[activeRef.current];
    const to = pair.current[k];
    if (from && to && drifted(from.currentTime, to.currentTime)) to.currentTime = from.currentTime;
    // Switched at once, not after the next render: the two versions never sound together.
    pair.current.forEach((el, i) => {
      if (el) el.muted = i !== k;
    });
    if (to && match) to.volume = volumeOf(match.gainsDb[k]);
    activeRef.current = k;
    setActive(k);
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

  const own = (k: number) => !versions || k === activeRef.current;
  const events = (k: number) => ({
    onPlay: () => own(k) && setPlaying(true),
    onPause: () => own(k) && setPlaying(false),
    onEnded: () => own(k) && setPlaying(false),
    onTimeUpdate: (e: Event) => own(k) && setAt((e.currentTarget as HTMLAudioElement).currentTime),
    onLoadedMetadata: (e: Event) => {
      const d = (e.currentTarget as HTMLAudioElement).duration;
      if (own(k) && Number.isFinite(d) && d > 0) setDuration(d);
    },
    onError: () => setProblem("The audio could not be loaded. Reload the page to try again."),
  });

  return (
    <div
      class="space-y-3 rounded-lg border border-gray-200 bg-white p-3 sm:p-4"
      data-testid="player"
      data-state={playing ? "playing" : "paused"}
      data-version={versions ? (active ? "b" : "a") : undefined}
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
          disabled={!src || !ready}
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
      {versions && match && (
        <div class="flex flex-wrap items-center gap-2" role="group" aria-label="Compare">
          {versions.map((v, k) => (
            <button
              key={k}
              type="button"
              class={`${button} ${active === k ? "border-indigo-600 ring-2 ring-indigo-500" : ""}`}
              disabled={!ready}
              aria-pressed={active === k}
              data-testid={`ab-${k ? "b" : "a"}`}
              onClick={() => choose(k as 0 | 1)}
            >
              {k ? "B" : "A"}: {v.label}
            </button>
          ))}
          <span class="text-sm text-gray-700" data-testid="ab-match">{match.text}</span>
        </div>
      )}
      {problem && <p role="alert" class="text-sm text-red-700">{problem}</p>}
      {versions
        ? versions.map((v, k) => (
          <div key={k} class={ready ? "hidden" : "space-y-1"}>
            {!ready && <p class="text-sm text-gray-700">{k ? "B" : "A"}: {v.label}</p>}
            <audio
              ref={(el) => {
                pair.current[k] = el;
              }}
              src={v.src}
              preload="metadata"
              controls={!ready}
              class={ready ? "hidden" : "w-full"}
              data-testid={`player-audio-${k ? "b" : "a"}`}
              {...events(k)}
            />
          </div>
        ))
        : src
        ? (
          <audio
            ref={single}
            src={src}
            preload="metadata"
            controls={!ready}
            class={ready ? "hidden" : "w-full"}
            data-testid="player-audio"
            {...events(0)}
          />
        )
        : <p class="text-sm text-gray-600">The audio is not ready yet.</p>}
    </div>
  );
}
