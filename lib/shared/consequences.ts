/**
 * What an irreversible step will do, in words, before it is done: the shape every confirmation
 * step shows (components/ConfirmStep.tsx), whichever domain words it (gigs, plans, payouts).
 *
 * @module
 */

/** A confirmation: the question, what follows, and the button that does it. */
export interface Consequences {
  title: string;
  lines: string[];
  /** Whether and how it can be taken back (else: it cannot). */
  undo: string;
  confirmLabel: string;
  variant: "primary" | "danger";
}

/** Why there is nothing to confirm (already decided, gig closed): shown instead of a button. */
export interface Blocked {
  blocked: string;
}
