/**
 * A finished master's report: the loudness meter over time (islands/LoudnessMeter.tsx, live with
 * the A/B player), the before/after loudness table (also the meter's text alternative), the
 * spectrum before, after and of the reference (shapes, each relative to its own average), what
 * each streaming platform's normalisation will do, and the downloads. Drawn with attributes only
 * (the CSP blocks inline styles).
 */
import type { JSX } from "preact";
import type { MasterReport } from "../lib/domains/studio/master/schemas.ts";
import { CHART, chartTicks, curvePoints, level, platformText } from "../lib/browser/master_view.ts";
import LoudnessMeter from "../islands/LoudnessMeter.tsx";
import { ChartKey } from "./ChartKey.tsx";

/** The before/after table's id: the meter's chart names it as its long description. */
export const LOUDNESS_TABLE_ID = "master-loudness-table";

const ROWS: { key: keyof MasterReport["before"]; label: string; unit: string }[] = [
  { key: "integrated_lufs", label: "Integrated loudness", unit: "LUFS" },
  { key: "short_term_max_lufs", label: "Short-term maximum", unit: "LUFS" },
  { key: "momentary_max_lufs", label: "Momentary maximum", unit: "LUFS" },
  { key: "lra_lu", label: "Loudness range", unit: "LU" },
  { key: "true_peak_dbtp", label: "True peak", unit: "dBTP" },
  { key: "sample_peak_dbfs", label: "Sample peak", unit: "dBFS" },
];

export function LoudnessTable({ report }: { report: MasterReport }): JSX.Element {
  return (
    <div class="overflow-x-auto">
      <table id={LOUDNESS_TABLE_ID} class="w-full text-left text-sm" data-testid="master-loudness">
        <caption class="sr-only">Loudness before and after mastering</caption>
        <thead>
          <tr class="border-b border-gray-200 text-gray-600">
            <th scope="col" class="py-2 pr-3 font-medium">Measure</th>
            <th scope="col" class="py-2 pr-3 font-medium">Before</th>
            <th scope="col" class="py-2 font-medium">After</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.key} class="border-b border-gray-100" data-measure={r.key}>
              <th scope="row" class="py-2 pr-3 font-normal text-gray-800">{r.label}</th>
              <td class="py-2 pr-3 tabular-nums text-gray-700">
                {level(report.before[r.key] as number | null, r.unit)}
              </td>
              <td class="py-2 tabular-nums font-medium text-gray-900">
                {level(report.after[r.key] as number | null, r.unit)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="mt-2 text-sm text-gray-600">
        Target {level(report.settings.target_lufs, "LUFS")}, ceiling{" "}
        {level(report.settings.ceiling_dbtp, "dBTP")}; the limiter took off at most{" "}
        {level(report.limiter_max_reduction_db, "dB")}.
      </p>
    </div>
  );
}

/**
 * The loudness meter fed by the A/B player `player` (its id), or, for a master made before the
 * report kept loudness over time, a word on how to get one.
 */
export function LoudnessMeterPanel(
  { report, player }: { report: MasterReport; player: string },
): JSX.Element {
  const { series_before: before, series_after: after } = report;
  if (!before || !after) {
    return (
      <p class="text-sm text-gray-600" data-testid="meter-missing">
        This master was made before the studio kept loudness over time: master again to see the
        meter. Its figures are in the table below.
      </p>
    );
  }
  return (
    <LoudnessMeter
      player={player}
      duration={Math.max(report.before.duration_s, report.after.duration_s)}
      targetLufs={report.settings.target_lufs}
      versions={[
        { label: "Original", series: before, lufs: report.before.integrated_lufs },
        { label: "Master", series: after, lufs: report.after.integrated_lufs },
      ]}
      describedBy={LOUDNESS_TABLE_ID}
    />
  );
}

const CURVES = [
  { key: "spectrum_before", label: "Before", cls: "text-gray-400", dash: "4 3" },
  { key: "spectrum_after", label: "After", cls: "text-indigo-600", dash: undefined },
  { key: "reference_spectrum", label: "Reference", cls: "text-amber-600", dash: "1 3" },
] as const;

export function SpectrumChart({ report }: { report: MasterReport }): JSX.Element {
  const { width, height } = CHART;
  return (
    <figure data-testid="master-spectrum">
      <svg
        viewBox={`0 0 ${width} ${height + 16}`}
        class="h-auto w-full"
        role="img"
        aria-label="Spectrum before and after mastering, and the reference's, from 20 Hz to 20 kHz"
      >
        <rect x={0} y={0} width={width} height={height} class="fill-current text-gray-50" />
        {chartTicks().map((t) => (
          <g key={t.label}>
            <line
              x1={t.x}
              x2={t.x}
              y1={0}
              y2={height}
              class="stroke-current text-gray-200"
              stroke-width={1}
            />
            <text
              x={t.x}
              y={height + 12}
              text-anchor="middle"
              class="fill-current text-gray-600"
              font-size={10}
            >
              {t.label}
            </text>
          </g>
        ))}
        {CURVES.map((c) => {
          const s = report[c.key];
          return (
            <polyline
              key={c.key}
              points={curvePoints(s.hz, s.mid_db)}
              fill="none"
              stroke-width={1.5}
              stroke-dasharray={c.dash}
              class={`stroke-current ${c.cls}`}
            />
          );
        })}
      </svg>
      <figcaption class="mt-1 flex flex-wrap gap-4 text-sm text-gray-700">
        {CURVES.map((c) => <ChartKey key={c.key} label={c.label} cls={c.cls} dash={c.dash} />)}
        <span class="text-gray-600">Tonal balance (mid), each relative to its own average.</span>
      </figcaption>
    </figure>
  );
}

export function PlatformPreview({ report }: { report: MasterReport }): JSX.Element {
  return (
    <ul class="space-y-1 text-sm text-gray-800" data-testid="master-platforms">
      {report.platforms.map((p) => (
        <li key={p.platform} data-platform={p.platform}>{platformText(p)}</li>
      ))}
    </ul>
  );
}
