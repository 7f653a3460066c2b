/**
 * What a gig's pages do with one application: the owner shortlists, declines or accepts, the
 * applicant withdraws. One place for the step and the words that confirm it, so the gig page and
 * the applicants page say the same thing.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { accept, decline, shortlist, withdraw } from "./applications.ts";

export type ApplicationDecision = "shortlist" | "decline" | "accept" | "withdraw";

/** The step done, in words for a flash message; `to` when the next page is elsewhere. */
export interface Decided {
  text: string;
  to?: string;
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
