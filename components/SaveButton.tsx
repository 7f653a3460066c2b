/**
 * "Save" / "Saved": a toggle for a musician or a gig, as a plain form post to /favourites that
 * comes back to `back` (works without JavaScript). Signed out, it is a link to sign in that
 * returns to `back`.
 */
import type { JSX } from "preact";
import { CsrfField } from "./Field.tsx";
import { signInUrl } from "../lib/web/redirect.ts";

export interface SaveButtonProps {
  kind: "musician" | "gig";
  id: string;
  /** What the button names, for screen readers ("Save Anna Keys"). */
  label: string;
  saved: boolean;
  /** The page to come back to (a same-site path). */
  back: string;
  /** The CSRF token, or null when signed out. */
  csrf: string | null;
}

const base =
  "inline-flex items-center gap-1 rounded-md border px-3 py-1.5 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2";

export function SaveButton(props: SaveButtonProps): JSX.Element {
  if (props.csrf === null) {
    return (
      <a
        href={signInUrl(props.back)}
        class={`${base} border-gray-300 bg-white text-gray-800 hover:bg-gray-50`}
        aria-label={`Sign in to save ${props.label}`}
        data-testid="save-button"
      >
        <span aria-hidden="true">☆</span> Save
      </a>
    );
  }
  return (
    <form method="post" action="/favourites" class="inline">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="id" value={props.id} />
      <input type="hidden" name="saved" value={props.saved ? "false" : "true"} />
      <input type="hidden" name="next" value={props.back} />
      <button
        type="submit"
        aria-pressed={props.saved ? "true" : "false"}
        aria-label={props.saved ? `Saved: remove ${props.label} from saved` : `Save ${props.label}`}
        class={`${base} ${
          props.saved
            ? "border-indigo-300 bg-indigo-50 text-indigo-800 hover:bg-indigo-100"
            : "border-gray-300 bg-white text-gray-800 hover:bg-gray-50"
        }`}
        data-testid="save-button"
      >
        <span aria-hidden="true">{props.saved ? "★" : "☆"}</span> {props.saved ? "Saved" : "Save"}
      </button>
    </form>
  );
}
