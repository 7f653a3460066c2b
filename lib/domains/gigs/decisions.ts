/**
 * What a gig's pages do with one application: the owner shortlists, declines or accepts, the
 * applicant withdraws. One place for the step and the words that confirm it, so the gig page and
 * the applicants page say the same thing.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { accept, decline, shortlist, withdraw } from "./applications.ts";
import { cancelGig, closeGig } from "./gigs.ts";
import type { ConfirmIntent } from "./confirm.ts";
import { DECLINE_UNDO_MINUTES } from "./confirm.ts";

export type ApplicationDecision = "shortlist" | "decline" | "accept" | "withdraw";

/** The step done, in words for a flash message; `to` when the next page is elsewhere. */
export interface Decided {
  text: string;
  to?: string;
  /** The step can be taken back (the flash offers Undo). */
  undoable?: boolean;
}

/**
 * Does a confirmed step (the confirmation page's form): `gigId` for cancel, the application
 * `id` otherwise. The SQL functions check who may, as for every other path.
 */
export async function confirmGigDecision(
  tx: Tx,
  intent: ConfirmIntent,
  gigId: string,
  id: string | null,
): Promise<Decided> {
  switch (intent) {
    case "cancel": {
      await cancelGig(tx, gigId);
      return { text: "The gig is cancelled, and everyone who applied is told." };
    }
    case "close": {
      await closeGig(tx, gigId);
      return { text: "Applications are closed, and everyone who applied is told." };
    }
    case "decline":
      await decline(tx, id ?? "");
      return {
        text:
          `Declined: the musician is told. You can undo this for ${DECLINE_UNDO_MINUTES} minutes.`,
        undoable: true,
      };
    case "withdraw":
      await withdraw(tx, id ?? "");
      return {
        text: "Your application is withdrawn and the client is told. Changed your mind? Undo it.",
        undoable: true,
      };
    case "accept": {
      const booking = await accept(tx, id ?? "");
      return {
        text: "Booked! The musician is told and the other applicants know the gig is filled.",
        to: `/bookings/${booking.id}`,
      };
    }
  }
}

/** Applies `decision` to the application `id` as the caller (the SQL functions check who may). */
export async function decideApplication(
  tx: Tx,
  decision: ApplicationDecision,
  id: string,
): Promise<Decided> {
  switch (decision) {
    case "shortlist":
      await shortlist(tx, id);
      return { text: "Shortlisted." };
    case "decline":
      await decline(tx, id);
      return { text: "Declined: the musician is told." };
    case "withdraw":
      await withdraw(tx, id);
      return { text: "Your application is withdrawn." };
    case "accept": {
      const booking = await accept(tx, id);
      return {
        text: "Booked! The musician is told and the other applicants are declined.",
        to: `/bookings/${booking.id}`,
      };
    }
  }
}
