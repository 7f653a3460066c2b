/**
 * The buttons of a gig's actions. A reversible step posts at once (ActionButton); an
 * irreversible one first opens its confirmation page (DecisionButton: a GET form, so it works
 * without JavaScript and the page can say exactly what will happen).
 */
import type { JSX } from "preact";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import type { ConfirmIntent, DecisionBack } from "../lib/domains/gigs/confirm.ts";

type Variant = "primary" | "secondary" | "danger";

/** Posts `intent` (with the application's id) to the page that shows it. */
export function ActionButton({ csrf, intent, label, applicationId, variant = "secondary" }: {
  csrf: string;
  intent: string;
  label: string;
  applicationId?: string;
  variant?: Variant;
}): JSX.Element {
  return (
    <form method="post" class="inline">
      <CsrfField token={csrf} />
      {applicationId && <input type="hidden" name="application_id" value={applicationId} />}
      <Button name="intent" value={intent} variant={variant}>{label}</Button>
    </form>
  );
}

/** Opens /gigs/<id>/confirm for `intent`: nothing happens until the person confirms there. */
export function DecisionButton({ gigId, intent, label, applicationId, back, variant }: {
  gigId: string;
  intent: ConfirmIntent;
  label: string;
  applicationId?: string;
  back: DecisionBack;
  variant: Variant;
}): JSX.Element {
  return (
    <form method="get" action={`/gigs/${gigId}/confirm`} class="inline">
      <input type="hidden" name="intent" value={intent} />
      {applicationId && <input type="hidden" name="application_id" value={applicationId} />}
      <input type="hidden" name="back" value={back} />
      <Button variant={variant}>{label}</Button>
    </form>
  );
}

/** The Undo of a decision still in its window (posts to /gigs/<id>/undo). */
export function UndoButton({ gigId, csrf, intent, applicationId, back, label }: {
  gigId: string;
  csrf: string;
  intent: "decline" | "withdraw";
  applicationId: string;
  back: DecisionBack;
  label: string;
}): JSX.Element {
  return (
    <form method="post" action={`/gigs/${gigId}/undo`} class="inline" data-testid="undo-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="application_id" value={applicationId} />
      <input type="hidden" name="back" value={back} />
      <Button variant="secondary">{label}</Button>
    </form>
  );
}
