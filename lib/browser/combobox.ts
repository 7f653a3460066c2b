/**
 * The keyboard and ARIA rules the place search and the tag inputs share: WAI-ARIA's combobox with
 * a listbox popup (the input keeps focus; `aria-activedescendant` names the highlighted option).
 * Each island draws its own list, so the stylesheet (built from islands/) sees its classes.
 */

/** What a key does while the list shows `count` options with `active` highlighted (-1: none). */
export type ComboKey =
  | { kind: "move"; active: number }
  | { kind: "pick"; index: number }
  | { kind: "close" }
  | { kind: "none" };

export function comboKey(key: string, open: boolean, active: number, count: number): ComboKey {
  if (key === "ArrowDown" && count > 0) {
    return { kind: "move", active: !open || active >= count - 1 ? 0 : active + 1 };
  }
  if (key === "ArrowUp" && count > 0) {
    return { kind: "move", active: !open || active <= 0 ? count - 1 : active - 1 };
  }
  if (key === "Enter" && open && active >= 0 && active < count) {
    return { kind: "pick", index: active };
  }
  if (key === "Escape" && open) return { kind: "close" };
  return { kind: "none" };
}

/** The input's ARIA attributes for its popup `listId`. */
export function comboAttrs(listId: string, open: boolean, active: number) {
  return {
    role: "combobox" as const,
    "aria-autocomplete": "list" as const,
    "aria-expanded": open ? "true" as const : "false" as const,
    "aria-controls": listId,
    "aria-activedescendant": open && active >= 0 ? optionId(listId, active) : undefined,
  };
}

/** The id of option `i` of popup `listId`. */
export const optionId = (listId: string, i: number) => `${listId}-${i}`;
