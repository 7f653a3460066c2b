/**
 * A list of days (the dates a musician cannot play): without JavaScript a text input of dates
 * separated by commas ("2026-12-24, 2026-12-31"); once hydrated, a date picker with an Add
 * button and the days as chips, each with a labelled remove button. Posts the same list.
 */
import { useEffect, useState } from "preact/hooks";

export interface DateListProps {
  name: string;
  label: string;
  /** Comma-separated ISO dates. */
  value: string;
  error?: string;
  hint?: string;
  max?: number;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const split = (v: string) => v.split(",").map((d) => d.trim()).filter(Boolean);

/** "2026-12-24" → "Thu 24 Dec 2026" (a calendar day: no zone moves it). */
function dayLabel(day: string): string {
  const at = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return day;
  return at.toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

export default function DateList(props: DateListProps) {
  const id = `f-${props.name}`;
  const max = props.max ?? 366;
  const [ready, setReady] = useState(false);
  const [days, setDays] = useState(() => split(props.value));
  const [pending, setPending] = useState("");
  const [status, setStatus] = useState("");
  useEffect(() => {
    const plain = document.getElementById(id);
    if (plain instanceof HTMLInputElement) setDays(split(plain.value));
    setReady(true);
  }, []);

  function add() {
    if (!ISO_DAY.test(pending) || days.includes(pending) || days.length >= max) return;
    setDays([...days, pending].sort());
    setStatus(`Added ${dayLabel(pending)}`);
    setPending("");
  }

  const notes = (own: string) =>
    [own, props.error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const error = props.error && (
    <p id={`${id}-error`} class="mt-1 text-sm text-red-700" role="alert">{props.error}</p>
  );

  if (!ready) {
    return (
      <div class="mb-4">
        <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{props.label}</label>
        <input
          id={id}
          name={props.name}
          type="text"
          value={props.value}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={notes(`${id}-hint`)}
          class="block w-full rounded-md border border-gray-300 px-3 py-2 text-base"
        />
        <p id={`${id}-hint`} class="mt-1 text-sm text-gray-600">{props.hint}</p>
        {error}
      </div>
    );
  }

  return (
    <div class="mb-4" data-ready="1">
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{props.label}</label>
      <div class="flex flex-wrap gap-2">
        <input
          id={id}
          type="date"
          value={pending}
          onInput={(e) => setPending((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault(); // adds the day instead of sending the form
              add();
            }
          }}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={notes(`${id}-howto`)}
          class="block min-h-[44px] flex-1 rounded-md border border-gray-300 px-3 py-2 text-base"
        />
        <button
          type="button"
          onClick={add}
          class="min-h-[44px] rounded-md border border-gray-300 bg-white px-4 text-sm font-medium text-gray-900 hover:bg-gray-50 focus:outline-none focus:ring-2 focus:ring-indigo-500"
        >
          Add date
        </button>
      </div>
      {days.length > 0 && (
        <ul class="mt-2 flex flex-wrap gap-1">
          {days.map((d) => (
            <li
              key={d}
              class="inline-flex items-center rounded-full bg-indigo-50 pl-3 text-sm text-indigo-900"
            >
              <time dateTime={d}>{dayLabel(d)}</time>
              <button
                type="button"
                onClick={() => {
                  setDays(days.filter((x) => x !== d));
                  setStatus(`Removed ${dayLabel(d)}`);
                }}
                aria-label={`Remove ${dayLabel(d)}`}
                class="inline-flex h-11 w-11 items-center justify-center rounded-full text-lg text-indigo-800 hover:bg-indigo-100 focus:outline-none focus:ring-2 focus:ring-indigo-500"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input type="hidden" name={props.name} value={days.join(", ")} />
      <p id={`${id}-howto`} class="mt-1 text-sm text-gray-600">
        Pick a day, then Add date. Matching leaves out gigs on these days.
      </p>
      <p class="sr-only" aria-live="polite">{status}</p>
      {error}
    </div>
  );
}
