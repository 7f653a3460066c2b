/**
 * A list page's secondary filters in a collapsed <details> panel, "Filters (2)", so on a phone
 * the first result is on the first screen. It opens without JavaScript, and is open when a filter
 * inside has an error (the error must be seen).
 */
import type { ComponentChildren, JSX } from "preact";

/** How many of `names` have a value in `values` (the "(2)" in "Filters (2)"). */
export function activeFilters(values: Record<string, string>, names: readonly string[]): number {
  return names.filter((n) => (values[n] ?? "").trim() !== "").length;
}

export function FilterPanel({ count, open, children }: {
  count: number;
  open: boolean;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <details open={open} class="group" data-testid="filters">
      <summary class="inline-flex min-h-[44px] cursor-pointer list-none items-center gap-2 rounded-md border border-gray-300 px-3 text-sm font-medium text-gray-800 hover:bg-gray-50">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="16"
          height="16"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
        >
          <path d="M3 5h18M6 12h12M10 19h4" />
        </svg>
        {count > 0 ? `Filters (${count})` : "Filters"}
      </summary>
      <div class="mt-3 grid gap-x-3 sm:grid-cols-2 lg:grid-cols-4">{children}</div>
    </details>
  );
}
