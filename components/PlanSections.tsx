/**
 * The plan editor's structure: one row per section (its kind and bars) with buttons to move it
 * up or down and remove it, and "Add a section". The buttons are submit buttons (`op`), so the
 * page rearranges the rows without JavaScript; the editor island handles them in place with it.
 */
import type { JSX } from "preact";
import { SECTION_LABELS, type SectionDraft } from "../lib/browser/plan_draft.ts";

const small =
  "rounded-md border border-gray-300 bg-white px-2 py-1 text-sm text-gray-800 hover:bg-gray-50 focus:outline-none focus:ring-2 focus:ring-indigo-500 disabled:opacity-40";

export interface PlanSectionsProps {
  rows: SectionDraft[];
  errors: Record<string, string>;
  onRow: (i: number, k: "name" | "bars") => (e: Event) => void;
  onOp: (op: string) => (e: Event) => void;
}

export function PlanSections({ rows, errors, onRow, onOp }: PlanSectionsProps): JSX.Element {
  return (
    <>
      <ol class="mt-2 space-y-2" data-testid="plan-sections">
        {rows.map((s, i) => {
          const bad = errors[`structure.${i}.bars`] ?? errors[`structure.${i}.name`];
          const n = i + 1;
          return (
            <li
              key={i}
              class="rounded-md border border-gray-200 bg-gray-50 p-2"
              data-testid="plan-section"
            >
              <div class="flex flex-wrap items-end gap-2">
                <span class="w-6 pb-2 text-sm text-gray-600" aria-hidden="true">{n}.</span>
                <div>
                  <label for={`sec-name-${i}`} class="block text-xs text-gray-700">
                    Section {n}
                  </label>
                  <select
                    id={`sec-name-${i}`}
                    name="section_name"
                    onChange={onRow(i, "name")}
                    aria-invalid={errors[`structure.${i}.name`] ? "true" : undefined}
                    class="rounded-md border border-gray-300 px-2 py-1"
                  >
                    {Object.entries(SECTION_LABELS).map(([v, l]) => (
                      <option key={v} value={v} selected={s.name === v}>{l}</option>
                    ))}
                  </select>
                </div>
                <div>
                  <label for={`sec-bars-${i}`} class="block text-xs text-gray-700">
                    Bars <span class="sr-only">of section {n}</span>
                  </label>
                  <input
                    id={`sec-bars-${i}`}
                    name="section_bars"
                    type="number"
                    min={1}
                    max={64}
                    value={s.bars}
                    onInput={onRow(i, "bars")}
                    aria-invalid={errors[`structure.${i}.bars`] ? "true" : undefined}
                    class="w-20 rounded-md border border-gray-300 px-2 py-1"
                  />
                </div>
                <span class="ml-auto flex gap-1">
                  <button
                    type="submit"
                    name="op"
                    value={`up:${i}`}
                    class={small}
                    disabled={i === 0}
                    onClick={onOp(`up:${i}`)}
                    aria-label={`Move section ${n} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="submit"
                    name="op"
                    value={`down:${i}`}
                    class={small}
                    disabled={i === rows.length - 1}
                    onClick={onOp(`down:${i}`)}
                    aria-label={`Move section ${n} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="submit"
                    name="op"
                    value={`remove:${i}`}
                    class={small}
                    disabled={rows.length <= 1}
                    onClick={onOp(`remove:${i}`)}
                    aria-label={`Remove section ${n}`}
                  >
                    Remove
                  </button>
                </span>
              </div>
              {bad && <p role="alert" class="mt-1 text-sm text-red-700">{bad}</p>}
            </li>
          );
        })}
      </ol>
      <button
        type="submit"
        name="op"
        value="add"
        class={`${small} mt-2`}
        onClick={onOp("add")}
        disabled={rows.length >= 24}
      >
        Add a section
      </button>
    </>
  );
}
