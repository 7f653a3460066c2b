/**
 * Irreversible steps need their confirmation: the form that does one carries `confirm=yes`
 * (components/ConfirmStep.tsx: ConfirmedField), which only the confirmation shows. A post
 * without it (a stale page, a script) changes nothing and says why.
 */
import { HttpError } from "./errors.ts";

/** Whether the form came from a confirmation step. */
export function confirmed(form: FormData): boolean {
  return form.get("confirm") === "yes";
}

/** Throws 428 (naming the `confirm` field) unless the form was confirmed. */
export function requireConfirmed(form: FormData, what: string): void {
  if (!confirmed(form)) {
    throw new HttpError(
      428,
      `Confirm first: open “${what}” and read what it does. Nothing changed.`,
      {
        field: "confirm",
      },
    );
  }
}
