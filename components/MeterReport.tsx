/**
 * A hit meter report: the overall score as a circular gauge, a bar per category, the measured
 * features in human units, and the insights, labelled as insights rather than predictions (each
 * names the features it rests on). Drawn with attributes only (the CSP blocks inline styles).
 */
import type { JSX } from "preact";
import type { MeterReport } from "../lib/domains/studio/meter/schemas.ts";
import { CATEGORIES } from "../lib/domains/studio/meter/schemas.ts";
import { CATEGORY_LABELS, featureRows, scoreWords } from "../lib/browser/master_view.ts";

const R = 52;
const CIRCUMFERENCE = 2 * Math.PI * R;

export function ScoreGauge({ score }: { score: number }): JSX.Element {
  const s = Math.max(0, Math.min(100, Math.round(score)));
  return (
    <figure class="flex flex-col items-center" data-testid="meter-gauge" data-score={s}>
      <svg
        viewBox="0 0 120 120"
        class="h-40 w-40"
        role="img"
        aria-label={`Overall score ${s} out of 100: ${scoreWords(s)}`}
      >
        <circle
          cx={60}
          cy={60}
          r={R}
          fill="none"
          stroke-width={10}
          class="stroke-current text-gray-200"
        />
        <circle
          cx={60}
          cy={60}
          r={R}
          fill="none"
          stroke-width={10}
          stroke-linecap="round"
          stroke-dasharray={`${(CIRCUMFERENCE * s) / 100} ${CIRCUMFERENCE}`}
          transform="rotate(-90 60 60)"
          class="stroke-current text-indigo-600"
        />
        <text
          x={60}
          y={62}
          text-anchor="middle"
          font-size={30}
          font-weight="bold"
          class="fill-current text-gray-900"
        >
          {s}
        </text>
        <text x={60} y={82} text-anchor="middle" font-size={11} class="fill-current text-gray-600">
          of 100
        </text>
      </svg>
      <figcaption class="text-sm font-medium text-gray-800">{scoreWords(s)}</figcaption>
    </figure>
  );
}

export function CategoryBars({ report }: { report: MeterReport }): JSX.Element {
  return (
    <ul class="space-y-3" data-testid="meter-categories">
      {CATEGORIES.map((c) => {
        const cat = report.score.categories[c];
        const s = Math.round(cat?.score ?? 0);
        const top = [...(cat?.contributions ?? [])].sort((a, b) => b.points - a.points)[0];
        return (
          <li key={c} data-category={c}>
            <div class="flex justify-between text-sm">
              <span class="font-medium text-gray-800">{CATEGORY_LABELS[c]}</span>
              <span class="tabular-nums text-gray-700">{s}</span>
            </div>
            <div
              role="progressbar"
              aria-label={CATEGORY_LABELS[c]}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={s}
              class="mt-1 overflow-hidden rounded-full bg-gray-200"
            >
              <svg viewBox="0 0 100 4" preserveAspectRatio="none" class="block h-2 w-full">
                <rect x={0} y={0} width={s} height={4} class="fill-current text-indigo-600" />
              </svg>
            </div>
            {top && (
              <p class="mt-1 text-xs text-gray-600">
                Most of it from <code>{top.feature}</code>.
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function FeatureTable({ report }: { report: MeterReport }): JSX.Element {
  return (
    <div class="overflow-x-auto">
      <table class="w-full text-left text-sm" data-testid="meter-features">
        <caption class="sr-only">The features measured from the audio</caption>
        <tbody>
          {featureRows(report.features).map((r) => (
            <tr key={r.name} class="border-b border-gray-100" data-feature={r.name}>
              <th scope="row" class="py-2 pr-3 font-normal text-gray-800">
                {r.label} <span class="text-xs text-gray-600">({r.name})</span>
              </th>
              <td class="py-2 tabular-nums text-gray-900">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Insights({ report }: { report: MeterReport }): JSX.Element {
  return (
    <section aria-labelledby="meter-insights" data-testid="meter-insights">
      <h2 id="meter-insights" class="text-lg font-semibold text-gray-900">
        Insights, not predictions
      </h2>
      <p class="mb-3 text-sm text-gray-600">
        Rules of thumb read from the measurements above, {report.insights_source === "live"
          ? "written by the AI"
          : "written by the studio's own rules"}. No one can tell whether a song will be a hit.
      </p>
      {report.insights.length === 0
        ? <p class="text-sm text-gray-700">Nothing stood out in this song's measurements.</p>
        : (
          <ul class="space-y-3">
            {report.insights.map((i, k) => (
              <li
                key={k}
                data-kind={i.kind}
                data-testid="meter-insight"
                class={`rounded-md border p-3 ${
                  i.kind === "strength"
                    ? "border-green-200 bg-green-50"
                    : "border-amber-200 bg-amber-50"
                }`}
              >
                <p class="font-medium text-gray-900">
                  {i.kind === "strength" ? "Strength: " : "Suggestion: "}
                  {i.title}
                </p>
                <p class="mt-1 text-sm text-gray-800">{i.text}</p>
                <p class="mt-1 text-xs text-gray-600">
                  From: {i.cites.map((c, n) => (
                    <span key={c}>
                      {n ? ", " : ""}
                      <code>{c}</code>
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
