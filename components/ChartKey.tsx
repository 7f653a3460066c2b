/** A chart's legend entry: a short line in the curve's colour and dash, then its label. */
import type { JSX } from "preact";

export function ChartKey(props: { label: string; cls: string; dash?: string }): JSX.Element {
  return (
    <span class="inline-flex items-center gap-1">
      <svg viewBox="0 0 20 4" class="h-1 w-5" aria-hidden="true">
        <line
          x1={0}
          x2={20}
          y1={2}
          y2={2}
          stroke-width={3}
          stroke-dasharray={props.dash}
          class={`stroke-current ${props.cls}`}
        />
      </svg>
      {props.label}
    </span>
  );
}
