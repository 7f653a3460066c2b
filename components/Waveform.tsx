/**
 * A song's waveform as SVG bars: the part already played in indigo, a loop region shaded with
 * its two markers, the play head as a line. Attributes only (no inline styles: the CSP blocks
 * them), so the server can draw it too. The player island (islands/WaveformPlayer.tsx) makes it
 * interactive.
 */
import type { JSX } from "preact";
import type { Loop, Peak } from "../lib/browser/player.ts";

export interface WaveformProps {
  /** Unique on the page: names the clip path. */
  id: string;
  peaks: readonly Peak[];
  duration: number;
  /** Play head, seconds. */
  at: number;
  loop: Loop | null;
  /** A loop being dragged out, drawn lighter. */
  pending?: Loop | null;
}

const STEP = 3;
const H = 100;

export function Waveform(props: WaveformProps): JSX.Element {
  const { peaks, duration } = props;
  const w = Math.max(1, peaks.length * STEP);
  const x = (t: number) => (duration > 0 ? (Math.min(Math.max(t, 0), duration) / duration) * w : 0);
  const bars = peaks.map(([lo, hi], i) => {
    const top = H / 2 - Math.max(hi, 0.01) * (H / 2 - 2);
    const bottom = H / 2 - Math.min(lo, -0.01) * (H / 2 - 2);
    return <rect key={i} x={i * STEP} y={top} width={STEP - 1} height={bottom - top} rx={0.5} />;
  });
  const region = (loop: Loop, cls: string) => (
    <rect x={x(loop.start)} y={0} width={x(loop.end) - x(loop.start)} height={H} class={cls} />
  );
  return (
    <svg
      viewBox={`0 0 ${w} ${H}`}
      preserveAspectRatio="none"
      class="block h-24 w-full sm:h-28"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <clipPath id={`${props.id}-played`}>
          <rect x={0} y={0} width={x(props.at)} height={H} />
        </clipPath>
      </defs>
      {props.loop && region(props.loop, "fill-current text-amber-200")}
      {props.pending && region(props.pending, "fill-current text-amber-100")}
      <g class="fill-current text-gray-300">{bars}</g>
      <g class="fill-current text-indigo-600" clip-path={`url(#${props.id}-played)`}>{bars}</g>
      {props.loop && (
        <g class="fill-current text-amber-600">
          <rect x={x(props.loop.start) - 0.5} y={0} width={1.5} height={H} />
          <rect x={x(props.loop.end) - 1} y={0} width={1.5} height={H} />
        </g>
      )}
      <rect x={x(props.at) - 0.5} y={0} width={1.5} height={H} class="fill-current text-gray-900" />
    </svg>
  );
}
