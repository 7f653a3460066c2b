/**
 * The signed-in home: what a musician, a client or someone who is both should look at first.
 * Everything is read in one `asUser` transaction, each panel in one or two statements, and a
 * panel that cannot have anything yet (no musician profile, never booked) is not read at all.
 *
 * ```ts
 * const home = await db.asUser(claims, (tx) => loadHome(tx, user.id, { payoutProviders: [] }));
 * ```
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import type { BookingWithParties } from "../gigs/mod.ts";
import { listMyGigs, type MyGig, type MyGigs } from "../gigs/my_gigs.ts";
import type { Totals } from "../payments/earnings.ts";
import {
  checklist,
  type ChecklistOptions,
  type OnboardingFacts,
  onboardingFacts,
  type OnboardingStep,
  showChecklist,
} from "./onboarding.ts";
import {
  type ApplicationSummary,
  applicationSummary,
  earningsSummary,
  type GigForMe,
  gigsForMe,
  type SuggestedMusician,
  suggestedMusicians,
  upcomingBookings,
} from "./panels.ts";

export * from "./onboarding.ts";
export * from "./panels.ts";

export interface MusicianHome {
  hasProfile: boolean;
  gigs: GigForMe[];
  applications: ApplicationSummary;
  bookings: BookingWithParties[];
  /** Per currency; empty until the musician was first booked. */
  earnings: Totals[];
}

export interface ClientHome {
  gigs: MyGigs;
  bookings: BookingWithParties[];
  /** Musicians for the next open gig (the soonest one still taking applications). */
  suggestions: { gig: MyGig; musicians: SuggestedMusician[] } | null;
}

export interface HomeData {
  facts: OnboardingFacts;
  steps: OnboardingStep[];
  showChecklist: boolean;
  musician: MusicianHome | null;
  client: ClientHome | null;
}

/** The caller's home; null when they have no profile (a deleted account's leftover session). */
export async function loadHome(
  tx: Tx,
  userId: string,
  opts: ChecklistOptions,
): Promise<HomeData | null> {
  const facts = await onboardingFacts(tx);
  if (!facts) return null;
  const steps = checklist(facts, opts);
  const bookings = await upcomingBookings(tx, userId);
  let musician: MusicianHome | null = null;
  if (facts.is_musician) {
    musician = {
      hasProfile: facts.musician_profile,
      gigs: facts.musician_profile ? await gigsForMe(tx, userId) : [],
      applications: await applicationSummary(tx),
      bookings: bookings.asMusician,
      earnings: bookings.everBooked ? await earningsSummary(tx) : [],
    };
  }
  let client: ClientHome | null = null;
  if (facts.is_client) {
    const gigs = await listMyGigs(tx);
    const next = gigs.groups.open[0];
    client = {
      gigs,
      bookings: bookings.asClient,
      suggestions: next ? { gig: next, musicians: await suggestedMusicians(tx, next.id) } : null,
    };
  }
  return { facts, steps, showChecklist: showChecklist(facts, steps), musician, client };
}
