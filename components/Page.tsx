/** Page furniture: titles, cards, empty states and flash messages. */
import type { ComponentChildren, JSX } from "preact";
import { CsrfField } from "./Field.tsx";

export function PageTitle(
  { children, sub }: { children: ComponentChildren; sub?: string },
): JSX.Element {
  return (
    <header class="mb-6">
      <h1 class="text-2xl sm:text-3xl font-bold text-gray-900">{children}</h1>
      {sub && <p class="mt-1 text-gray-600">{sub}</p>}
    </header>
  );
}

export function Card({ children }: { children: ComponentChildren }): JSX.Element {
  return (
    <section class="rounded-lg border border-gray-200 bg-white p-4 sm:p-6 shadow-sm">
      {children}
    </section>
  );
}

export function EmptyState(
  { title, children }: { title: string; children?: ComponentChildren },
): JSX.Element {
  return (
    <div class="rounded-lg border-2 border-dashed border-gray-300 p-8 text-center">
      <p class="text-lg font-medium text-gray-900">{title}</p>
      {children && <div class="mt-2 text-gray-600">{children}</div>}
    </div>
  );
}

const flashStyles = {
  success: "border-green-300 bg-green-50 text-green-900",
  error: "border-red-300 bg-red-50 text-red-900",
  info: "border-indigo-300 bg-indigo-50 text-indigo-900",
} as const;

/**
 * The flash message of the last action, at the top of the page: works without JavaScript. With
 * `undo` (and a signed-in `csrf`), an Undo button posts the fields that take the action back.
 */
export function FlashToast({ flash, csrf }: {
  flash: {
    kind: keyof typeof flashStyles;
    text: string;
    undo?: { action: string; fields: Record<string, string> };
  } | null;
  csrf?: string | null;
}): JSX.Element | null {
  if (!flash) return null;
  const undo = csrf ? flash.undo : undefined;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="flash"
      class={`mb-6 flex flex-wrap items-center gap-3 rounded-md border px-4 py-3 ${
        flashStyles[flash.kind]
      }`}
    >
      <span class="flex-1">{flash.text}</span>
      {undo && csrf && (
        <form method="post" action={undo.action} data-testid="flash-undo">
          <CsrfField token={csrf} />
          {Object.entries(undo.fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <button
            type="submit"
            class="min-h-[44px] rounded-md border border-current bg-white px-4 py-2 text-sm font-semibold"
          >
            Undo
          </button>
        </form>
      )}
    </div>
  );
}
