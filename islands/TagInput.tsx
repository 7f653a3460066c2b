/**
 * A list of tags (instruments, genres): without JavaScript a comma-separated text input, as the
 * server parses it; once hydrated, chips with a remove button each, suggestions from the
 * vocabulary as you type, Enter or a comma to add. The form still posts one comma-separated
 * field, so the server reads both the same way.
 */
import { useEffect, useState } from "preact/hooks";
import { comboAttrs, comboKey, optionId } from "../lib/browser/combobox.ts";

export interface TagInputProps {
  name: string;
  label: string;
  /** Comma-separated, as stored and as the plain field shows it. */
  value: string;
  suggestions: readonly string[];
  error?: string;
  /** What the plain field's hint says (the chips' own hint says how to add). */
  hint?: string;
  max?: number;
}

const split = (v: string) =>
  v.split(",").map((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).filter(Boolean);

/** The tags plus `more`, duplicates dropped, at most `max`. */
function withTags(tags: string[], more: string[], max: number): string[] {
  const out = [...tags];
  for (const t of more) if (!out.includes(t) && out.length < max) out.push(t);
  return out;
}

export default function TagInput(props: TagInputProps) {
  const id = `f-${props.name}`;
  const listId = `${id}-list`;
  const max = props.max ?? 20;
  const [ready, setReady] = useState(false);
  const [tags, setTags] = useState(() => split(props.value));
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  useEffect(() => {
    // What was typed into the plain field before the island woke up is kept.
    const plain = document.getElementById(id);
    if (plain instanceof HTMLInputElement) setTags(split(plain.value));
    setReady(true);
  }, []);

  const q = text.trim().toLowerCase();
  const options = props.suggestions
    .filter((s) => !tags.includes(s) && (!q || s.startsWith(q) || s.includes(` ${q}`)))
    .slice(0, 8);
  const shown = open && options.length > 0;

  function add(more: string[]) {
    const next = withTags(tags, more, max);
    setTags(next);
    setText("");
    setActive(-1);
    setOpen(false);
    const added = next.filter((t) => !tags.includes(t));
    setStatus(added.length ? `Added ${added.join(", ")}` : "");
  }

  function remove(tag: string) {
    setTags(tags.filter((t) => t !== tag));
    setStatus(`Removed ${tag}`);
  }

  function onInput(e: Event) {
    const v = (e.currentTarget as HTMLInputElement).value;
    // A comma ends a tag: typed, or pasted as a whole list.
    if (v.includes(",")) {
      const parts = v.split(",");
      const rest = parts.pop() ?? "";
      add(split(parts.join(",")));
      setText(rest.trimStart());
    } else setText(v);
    setOpen(true);
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent) {
    const k = comboKey(e.key, shown, active, options.length);
    if (k.kind === "move") {
      e.preventDefault();
      setOpen(true);
      setActive(k.active);
    } else if (k.kind === "pick") {
      e.preventDefault();
      add([options[k.index]]);
    } else if (k.kind === "close") {
      e.preventDefault();
      setOpen(false);
    } else if (e.key === "Enter" && q) {
      e.preventDefault(); // adds the tag instead of sending the form
      add(split(text));
    } else if (e.key === "Backspace" && !text && tags.length) remove(tags[tags.length - 1]);
  }

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
          aria-describedby={props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
          class="block w-full rounded-md border border-gray-300 px-3 py-2 text-base"
        />
        {props.hint && <p id={`${id}-hint`} class="mt-1 text-sm text-gray-600">{props.hint}</p>}
        {props.error && (
          <p id={`${id}-error`} class="mt-1 text-sm text-red-700" role="alert">{props.error}</p>
        )}
      </div>
    );
  }

  const posted = withTags(tags, split(text), max).join(", ");
  return (
    <div class="relative mb-4" data-ready="1">
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{props.label}</label>
      <div
        class={`flex flex-wrap items-center gap-1 rounded-md border px-2 py-1 focus-within:ring-2 focus-within:ring-indigo-500 ${
          props.error ? "border-red-600" : "border-gray-300"
        }`}
      >
        {tags.length > 0 && (
          <ul class="contents">
            {tags.map((t) => (
              <li
                key={t}
                class="inline-flex items-center rounded-full bg-indigo-50 pl-3 text-sm text-indigo-900"
              >
                {t}
                <button
                  type="button"
                  onClick={() => remove(t)}
                  aria-label={`Remove ${t}`}
                  class="inline-flex h-11 w-11 items-center justify-center rounded-full text-lg text-indigo-800 hover:bg-indigo-100 focus:outline-none focus:ring-2 focus:ring-indigo-500"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          type="text"
          value={text}
          autocomplete="off"
          placeholder={tags.length ? "" : "Type, then Enter"}
          onInput={onInput}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            if (q) add(split(text));
          }}
          aria-describedby={`${id}-howto${props.error ? ` ${id}-error` : ""}`}
          aria-invalid={props.error ? "true" : undefined}
          class="min-h-[44px] min-w-[8rem] flex-1 border-0 px-1 text-base focus:outline-none"
          {...comboAttrs(listId, shown, active)}
        />
      </div>
      {shown && (
        <ul
          id={listId}
          role="listbox"
          class="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-gray-300 bg-white py-1 shadow-lg"
        >
          {options.map((o, i) => (
            <li
              key={o}
              id={optionId(listId, i)}
              role="option"
              aria-selected={i === active ? "true" : "false"}
              onMouseDown={(e) => {
                e.preventDefault(); // the input keeps its focus
                add([o]);
              }}
              class={`flex min-h-[44px] cursor-pointer items-center px-3 text-gray-900 ${
                i === active ? "bg-indigo-100" : "hover:bg-gray-100"
              }`}
            >
              {o}
            </li>
          ))}
        </ul>
      )}
      <input type="hidden" name={props.name} value={posted} />
      <p id={`${id}-howto`} class="mt-1 text-sm text-gray-600">
        Press Enter or type a comma after each; at most {max}.
      </p>
      <p class="sr-only" aria-live="polite">{status}</p>
      {props.error && (
        <p id={`${id}-error`} class="mt-1 text-sm text-red-700" role="alert">{props.error}</p>
      )}
    </div>
  );
}
