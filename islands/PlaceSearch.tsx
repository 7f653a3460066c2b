/**
 * The city field: without JavaScript a plain text input the server resolves through the
 * gazetteer; once hydrated it suggests cities as you type (GET /api/places) and, on a pick, puts
 * the place's unambiguous label in the field, sets the form's country picker and names the
 * place's time zone where the form shows it (`[data-zone-note]`).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { comboAttrs, comboKey, optionId } from "../lib/browser/combobox.ts";
import { zoneNote } from "../lib/browser/time.ts";

export interface PlaceSearchProps {
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  /** Places to pick from after a post that named several (their labels). */
  choices?: string[];
  /** The name of the form's country select, set on a pick. */
  countryField?: string;
  /** The name of the form's time zone select, set back to "the city's" on a pick. */
  zoneField?: string;
}

interface Found {
  label: string;
  city: string;
  country: string;
  timezone: string;
}

const control = (error?: string) =>
  `block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
    error ? "border-red-600" : "border-gray-300"
  }`;

export default function PlaceSearch(props: PlaceSearchProps) {
  const id = `f-${props.name}`;
  const listId = `${id}-list`;
  const [ready, setReady] = useState(false);
  const [text, setText] = useState(props.value);
  const [found, setFound] = useState<Found[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const cache = useRef(new Map<string, Found[]>());
  const timer = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // What was typed before the island woke up is kept.
    if (input.current) setText(input.current.value);
    setReady(true);
  }, []);

  async function lookUp(q: string) {
    const key = q.trim().toLowerCase();
    if (!key) return show([]);
    let places = cache.current.get(key);
    if (!places) {
      try {
        const res = await fetch(`/api/places?q=${encodeURIComponent(key)}&limit=8`);
        places = res.ok ? ((await res.json()) as { places: Found[] }).places : [];
      } catch {
        places = [];
      }
      cache.current.set(key, places);
    }
    // A slower answer to an older query must not replace a newer one.
    if (input.current?.value.trim().toLowerCase() === key) show(places);
  }

  function show(places: Found[]) {
    setFound(places);
    setOpen(places.length > 0);
    setActive(-1);
    setStatus(
      places.length ? `${places.length} places found: use the arrow keys to choose` : "",
    );
  }

  function pick(p: Found) {
    setText(p.label);
    setOpen(false);
    setStatus(`${p.label} chosen`);
    const form = input.current?.form;
    if (!form) return;
    const country = props.countryField && form.elements.namedItem(props.countryField);
    if (country instanceof HTMLSelectElement) country.value = p.country;
    const zone = props.zoneField && form.elements.namedItem(props.zoneField);
    if (zone instanceof HTMLSelectElement) zone.value = "";
    for (const note of form.querySelectorAll<HTMLElement>("[data-zone-note]")) {
      const dateField = note.dataset.dateField && form.elements.namedItem(note.dataset.dateField);
      const day = dateField instanceof HTMLInputElement && dateField.value
        ? `${dateField.value}T12:00:00Z`
        : undefined;
      note.textContent = zoneNote(p.timezone, p.city, day);
    }
  }

  function onInput(e: Event) {
    const v = (e.currentTarget as HTMLInputElement).value;
    setText(v);
    clearTimeout(timer.current);
    timer.current = Number(setTimeout(() => lookUp(v), 150));
  }

  function onKeyDown(e: KeyboardEvent) {
    const k = comboKey(e.key, open, active, found.length);
    if (k.kind === "none") return;
    e.preventDefault();
    if (k.kind === "move") {
      setOpen(true);
      setActive(k.active);
    } else if (k.kind === "pick") pick(found[k.index]);
    else setOpen(false);
  }

  const notes = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean);
  return (
    <div class="relative mb-4" data-ready={ready ? "1" : undefined}>
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{props.label}</label>
      <input
        ref={input}
        id={id}
        name={props.name}
        type="text"
        value={text}
        autocomplete="off"
        spellcheck={false}
        maxLength={120}
        onInput={onInput}
        onKeyDown={ready ? onKeyDown : undefined}
        onBlur={() => setOpen(false)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={notes.join(" ") || undefined}
        class={control(props.error)}
        {...(ready ? comboAttrs(listId, open, active) : {})}
      />
      {ready && open && (
        <ul
          id={listId}
          role="listbox"
          class="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-gray-300 bg-white py-1 shadow-lg"
        >
          {found.map((o, i) => (
            <li
              key={o.label}
              id={optionId(listId, i)}
              role="option"
              aria-selected={i === active ? "true" : "false"}
              onMouseDown={(e) => {
                e.preventDefault(); // the input keeps its focus
                pick(o);
              }}
              class={`flex min-h-[44px] cursor-pointer items-center px-3 text-gray-900 ${
                i === active ? "bg-indigo-100" : "hover:bg-gray-100"
              }`}
            >
              {o.label}
            </li>
          ))}
        </ul>
      )}
      <p class="sr-only" aria-live="polite">{status}</p>
      {props.hint && <p id={`${id}-hint`} class="mt-1 text-sm text-gray-600">{props.hint}</p>}
      {props.error && (
        <p id={`${id}-error`} class="mt-1 text-sm text-red-700" role="alert">{props.error}</p>
      )}
      {props.choices && props.choices.length > 0 && (
        <fieldset class="mt-2">
          <legend class="text-sm font-medium text-gray-800">Which one?</legend>
          {props.choices.map((c, i) => (
            <label key={c} class="flex min-h-[44px] items-center gap-2">
              <input
                type="radio"
                name={`${props.name}_choice`}
                value={c}
                id={`${id}-choice-${i}`}
                onChange={() => setText(c)}
                class="h-5 w-5"
              />
              {c}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
