/**
 * The confirmation step of an irreversible action: the question, each consequence on its own
 * line, whether it can be undone, then Confirm (a form that posts `confirm=yes`) and Back. Server
 * rendered, so it works without JavaScript; a direct POST without `confirm` lands here again.
 */
import type { ComponentChildren, JSX } from "preact";
import type { Blocked, Consequences } from "../lib/shared/consequences.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";

/** The field only a confirmation's form carries (lib/web/confirm.ts checks it). */
export function ConfirmedField(): JSX.Element {
  return <input type="hidden" name="confirm" value="yes" />;
}

const card = "rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6";
const back =
  "inline-flex min-h-[44px] items-center justify-center rounded-md border border-gray-300 bg-white px-4 py-2 text-base font-medium text-gray-900 hover:bg-gray-50";

export function ConfirmStep(
  { preview, action, fields, backHref, csrf, error, reminder, children }: {
    preview: Consequences | Blocked;
    /** Where Confirm posts. */
    action: string;
    /** Hidden fields naming the action (intent, ids); `confirm=yes` is added. */
    fields: Record<string, string>;
    backHref: string;
    csrf: string;
    error?: string;
    /** The request came without a confirmation: say that nothing happened yet. */
    reminder?: boolean;
    /** More fields inside the form (a reason to give). */
    children?: ComponentChildren;
  },
): JSX.Element {
  if ("blocked" in preview) {
    return (
      <section class={card} data-testid="confirm-blocked">
        <h1 class="mb-2 text-xl font-bold text-gray-900">Nothing to confirm</h1>
        <p class="mb-4 text-gray-800">{preview.blocked}</p>
        <a href={backHref} class={back}>Back</a>
      </section>
    );
  }
  return (
    <section class={card} aria-labelledby="confirm-title" data-testid="confirm-step">
      <h1 id="confirm-title" class="mb-3 text-xl font-bold text-gray-900 sm:text-2xl">
        {preview.title}
      </h1>
      {reminder && (
        <p
          role="alert"
          class="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900"
        >
          Nothing has happened yet: read what follows, then confirm.
        </p>
      )}
      {error && (
        <p role="alert" class="mb-3 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
      <ul class="mb-3 list-disc space-y-1 pl-5 text-gray-800" data-testid="consequences">
        {preview.lines.map((l) => <li key={l}>{l}</li>)}
      </ul>
      <p class="mb-4 text-sm font-medium text-gray-700" data-testid="undo-note">{preview.undo}</p>
      <form method="post" action={action} noValidate>
        <CsrfField token={csrf} />
        {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <input type="hidden" name="confirm" value="yes" />
        {children}
        <div class="flex flex-wrap gap-3">
          <Button variant={preview.variant}>{preview.confirmLabel}</Button>
          <a href={backHref} class={back}>Back</a>
        </div>
      </form>
    </section>
  );
}
