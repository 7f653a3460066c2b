/**
 * The loudness meter of a master: short-term loudness over time of the original and the master
 * (from the report's series), the target line, and, live with the A/B player, a marker at the
 * play head and the levels of the version heard there: in the file and as heard through the
 * player's loudness matching. It follows the player through lib/browser/playhead.ts. Drawn with
 * attributes only (the CSP blocks inline styles); the server draws it too, at 0:00.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import {
  heardReading,
  level,
  levelTicks,
  METER,
  meterPath,
  meterScale,
  type MeterSeries,
  meterSummary,
  meterX,
  meterY,
  readingAt,
  timeTicks,
} from "../lib/browser/master_view.ts";
import { followPlayhead, type Playhead } from "../lib/browser/playhead.ts";
import { formatTime, loudnessMatch } from "../lib/browser/player.ts";
import { ChartKey } from "../components/ChartKey.tsx";

export interface MeterVersion {
  label: string;
  series: MeterSeries;
  /** Integrated loudness (LUFS): the player's loudness matching, before it says otherwise. */
  lufs: number | null;
}

export interface LoudnessMeterProps {
  /** The id of the A/B player (islands/WaveformPlayer.tsx) whose play head it follows. */
  player: string;
  duration: number;
  targetLufs: number;
  /** The original (A) and the master (B), in the player's order. */
  versions: [MeterVersion, MeterVersion];
  /** The id of the table with the before/after figures (the chart's long description). */
  describedBy?: string;
}

const STYLE = [
  { cls: "text-gray-600", dash: "4 3" },
  { cls: "text-indigo-600", dash: undefined },
] as const;

export default function LoudnessMeter(props: LoudnessMeterProps) {
  const { versions, targetLufs } = props;
  const match = loudnessMatch(
    { label: versions[0].label, src: "", lufs: versions[0].lufs },
    { label: versions[1].label, src: "", lufs: versions[1].lufs },
  );
  const [head, setHead] = useState<Playhead>({
    at: 0,
    playing: false,
    version: 0,
    gainDb: match.gainsDb[0],
  });
  // Tenths of a second: the marker moves under a pixel a frame, the readings every step.
  useEffect(
    () =>
      followPlayhead(props.player, (p) => {
        const at = Math.round(p.at * 10) / 10;
        setHead((h) =>
          h.at === at && h.playing === p.playing && h.version === p.version &&
            h.gainDb === p.gainDb
            ? h
            : { ...p, at }
        );
      }),
    [props.player],
  );
  const chart = useMemo(() => {
    const scale = meterScale(versions.map((v) => v.series), props.duration, targetLufs);
    return {
      scale,
      paths: versions.map((v) => meterPath(v.series.short_term, v.series.step_s, scale)),
      levels: levelTicks(scale),
      times: timeTicks(scale),
      summary: meterSummary(versions, targetLufs),
    };
  }, [props]);
  const { scale } = chart;
  const k = head.version ?? 0;
  const heard = versions[k];
  const file = readingAt(heard.series, head.at);
  const asHeard = heardReading(file, head.gainDb);
  const x = meterX(head.at, scale);
  const base = `meter-${props.player}`;
  const { left, right, top, bottom, width, height } = METER;
  const gain = head.gainDb < -0.05
    ? `turned down ${Math.abs(head.gainDb).toFixed(1)} dB`
    : "not turned down";

  return (
    <figure
      class="space-y-2"
      data-testid="loudness-meter"
      data-at={head.at.toFixed(1)}
      data-version={k ? "b" : "a"}
    >
      <svg
        viewBox={`0 0 ${width} ${height}`}
        class="h-auto w-full"
        role="img"
        aria-labelledby={`${base}-summary`}
        aria-describedby={props.describedBy}
      >
        <rect
          x={left}
          y={top}
          width={right - left}
          height={bottom - top}
          class="fill-current text-gray-50"
        />
        {chart.levels.map((t) => (
          <g key={t.label}>
            <line
              x1={left}
              x2={right}
              y1={t.y}
              y2={t.y}
              class="stroke-current text-gray-200"
              stroke-width={1}
            />
            <text
              x={left - 4}
              y={t.y + 3}
              text-anchor="end"
              font-size={10}
              class="fill-current text-gray-600"
            >
              {t.label}
            </text>
          </g>
        ))}
        <text x={2} y={9} font-size={10} class="fill-current text-gray-600">LUFS</text>
        {chart.times.map((t) => (
          <text
            key={t.label}
            x={t.x}
            y={bottom + 14}
            text-anchor={t.anchor}
            font-size={10}
            class="fill-current text-gray-600"
          >
            {t.label}
          </text>
        ))}
        <line
          x1={left}
          x2={right}
          y1={meterY(targetLufs, scale)}
          y2={meterY(targetLufs, scale)}
          stroke-dasharray="1 3"
          stroke-width={1.5}
          class="stroke-current text-amber-600"
          data-testid="meter-target"
        />
        {chart.paths.map((d, i) => (
          <path
            key={i}
            d={d}
            fill="none"
            stroke-width={i === k ? 2 : 1.25}
            stroke-dasharray={STYLE[i].dash}
            class={`stroke-current ${STYLE[i].cls}`}
            data-testid={`meter-curve-${i ? "b" : "a"}`}
          />
        ))}
        <line
          x1={x}
          x2={x}
          y1={top}
          y2={bottom}
          stroke-width={1.5}
          class="stroke-current text-gray-900"
          data-testid="meter-playhead"
        />
        {file.short_term !== null && file.short_term >= scale.lo && (
          <circle
            cx={x}
            cy={meterY(file.short_term, scale)}
            r={3}
            class="fill-current text-gray-900"
          />
        )}
      </svg>
      <figcaption class="space-y-1 text-sm text-gray-700">
        <span class="flex flex-wrap gap-4">
          {versions.map((v, i) => (
            <ChartKey key={i} label={v.label} cls={STYLE[i].cls} dash={STYLE[i].dash} />
          ))}
          <ChartKey label={`Target ${level(targetLufs, "LUFS")}`} cls="text-amber-600" dash="1 3" />
        </span>
        <span id={`${base}-summary`} class="block text-gray-600">{chart.summary}</span>
      </figcaption>
      <div class="overflow-x-auto">
        <table
          class="w-full text-left text-sm"
          data-testid="meter-now"
          data-file-short-term={file.short_term ?? undefined}
          data-file-momentary={file.momentary ?? undefined}
          data-heard-momentary={asHeard.momentary ?? undefined}
        >
          <caption class="pb-1 text-left font-medium text-gray-900">
            At {formatTime(head.at)}, {head.playing ? "hearing" : "paused on"} the{" "}
            {heard.label.toLowerCase()}
          </caption>
          <thead>
            <tr class="border-b border-gray-200 text-gray-600">
              <td class="py-1 pr-3" />
              <th scope="col" class="py-1 pr-3 font-medium">Short-term (3 s)</th>
              <th scope="col" class="py-1 font-medium">Momentary (0.4 s)</th>
            </tr>
          </thead>
          <tbody class="tabular-nums">
            <tr class="border-b border-gray-100">
              <th scope="row" class="py-1 pr-3 font-normal">In the file</th>
              <td class="py-1 pr-3">{level(file.short_term, "LUFS")}</td>
              <td class="py-1">{level(file.momentary, "LUFS")}</td>
            </tr>
            <tr>
              <th scope="row" class="py-1 pr-3 font-normal">As heard ({gain})</th>
              <td class="py-1 pr-3">{level(asHeard.short_term, "LUFS")}</td>
              <td class="py-1">{level(asHeard.momentary, "LUFS")}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="text-xs text-gray-600">
        Read every {heard.series.step_s}{" "}
        s from the measurements; “—” until a window fits, or where it is silent.
      </p>
    </figure>
  );
}
