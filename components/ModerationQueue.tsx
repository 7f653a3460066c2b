/**
 * The admins' moderation queue (/admin/reports): one card per reported target with its preview,
 * owner and every report's reason; open ones with Hide (confirmed on the next step) and Dismiss,
 * decided ones with their outcome and, while hidden, Show again.
 */
import type { JSX } from "preact";
import {
  NOTE_MAX_CHARS,
  type QueueItem,
  reasonLabel,
  TARGET_WORDS,
} from "../lib/domains/moderation/mod.ts";
import { statusLabel } from "../lib/shared/format.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { When } from "./When.tsx";

function Reports({ item }: { item: QueueItem }): JSX.Element {
  return (
    <ul class="mt-3 space-y-2 border-t border-gray-100 pt-3">
      {item.reports.map((r) => (
        <li key={r.id} class="text-sm" data-testid="queue-report">
          <span class="font-medium text-gray-900">{reasonLabel(r.reason)}</span>
          <span class="text-gray-600">{` · ${r.reporter_name} · `}</span>
          <When at={r.created_at} class="text-gray-600" />
          {r.status !== "open" && (
            <span class="text-gray-600">
              {` · ${statusLabel("report", r.status)}${
                r.resolved_by_name ? ` by ${r.resolved_by_name}` : ""
              }`}
            </span>
          )}
          {r.details && <p class="break-words text-gray-800">“{r.details}”</p>}
          {r.resolution_note && <p class="break-words text-gray-700">Note: {r.resolution_note}</p>}
        </li>
      ))}
    </ul>
  );
}

function Heading({ item }: { item: QueueItem }): JSX.Element {
  const word = TARGET_WORDS[item.target_type];
  return (
    <>
      <p class="text-sm font-medium uppercase tracking-wide text-indigo-700">
        {word} · reported {item.report_count === 1 ? "once" : `${item.report_count} times`}
      </p>
      <h2 class="break-words text-lg font-semibold text-gray-900">
        {item.link
          ? <a href={item.link} class="text-indigo-700 underline">{item.label}</a>
          : item.label}
      </h2>
      <p class="text-sm text-gray-600">
        {item.owner_name ? `By ${item.owner_name}` : "Its owner is gone"}
        {item.hidden_at && (
          <span class="ml-2 rounded bg-red-100 px-2 py-0.5 font-medium text-red-900">
            Hidden: {item.hidden_reason}
          </span>
        )}
      </p>
      {item.excerpt && (
        <blockquote class="mt-2 whitespace-pre-line break-words border-l-4 border-gray-200 pl-3 text-gray-800">
          {item.excerpt}
        </blockquote>
      )}
    </>
  );
}

const card = "rounded-lg border border-gray-200 bg-white p-4";

export function OpenItem(
  { item, csrf, error }: { item: QueueItem; csrf: string; error?: string },
): JSX.Element {
  const first = item.reports[0];
  const noteId = `note-${first.id}`;
  return (
    <article class={card} data-testid="queue-item" data-target={item.target_id}>
      <Heading item={item} />
      <Reports item={item} />
      <form method="post" action="/admin/reports" class="mt-3" noValidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="report_id" value={first.id} />
        <label for={noteId} class="mb-1 block text-sm font-medium text-gray-800">
          Note (optional: the reporters read it, and the owner too when it is hidden)
        </label>
        <textarea
          id={noteId}
          name="note"
          rows={2}
          maxLength={NOTE_MAX_CHARS}
          class="mb-2 block w-full rounded-md border border-gray-300 px-3 py-2"
        />
        {error && <p role="alert" class="mb-2 text-red-700">{error}</p>}
        <div class="flex flex-wrap gap-3">
          <Button variant="danger" name="intent" value="review-hide">Hide…</Button>
          <Button variant="secondary" name="intent" value="dismiss">Dismiss</Button>
        </div>
      </form>
    </article>
  );
}

export function DecidedItem({ item, csrf }: { item: QueueItem; csrf: string }): JSX.Element {
  return (
    <article class={card} data-testid="queue-item" data-target={item.target_id}>
      <Heading item={item} />
      <Reports item={item} />
      {item.hidden_at && (
        <form method="post" action="/admin/reports?show=resolved" class="mt-3">
          <CsrfField token={csrf} />
          <input type="hidden" name="intent" value="unhide" />
          <input type="hidden" name="target_type" value={item.target_type} />
          <input type="hidden" name="target_id" value={item.target_id} />
          <Button variant="secondary">Show it again</Button>
        </form>
      )}
    </article>
  );
}
