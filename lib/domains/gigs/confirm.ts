/**
 * What an irreversible step on a gig will do, in words, before it is done: the confirmation pages
 * show these lines, read as the caller (RLS), so the words name the real people, counts and money
 * ("Book Ana Costa for Friday 12 December at 20:00 for €300? The 4 other applicants are told…").
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { formatDay, formatMoney, formatTime } from "../../shared/format.ts";
import { balanceDueAt, depositOffered, depositSplit } from "../payments/milestones.ts";
import { getGig } from "./gigs.ts";
import { listApplicationsForGig, listOwnApplications } from "./applications.ts";
import { getBooking } from "./bookings.ts";
import type { Gig } from "./schemas.ts";
import type { Blocked, Consequences } from "../../shared/consequences.ts";

export const CONFIRM_INTENTS = ["accept", "decline", "withdraw", "cancel", "close"] as const;
export type ConfirmIntent = typeof CONFIRM_INTENTS[number];

/** The shape of a confirmation, shared by every domain that words one. */
export type { Blocked, Consequences };

/** The pages a decision's confirmation and undo lead back to. */
export const DECISION_BACKS = ["gig", "applicants", "mine", "mygigs"] as const;
export type DecisionBack = typeof DECISION_BACKS[number];

/** Where "Back" and the finished action lead. */
export function decisionBackHref(
  back: DecisionBack,
  gigId: string,
  applicationId: string | null,
): string {
  switch (back) {
    case "applicants":
      return `/gigs/${gigId}/applications`;
    case "mine":
      return applicationId ? `/my/applications/${applicationId}` : "/my/applications";
    case "mygigs":
      return "/my/gigs";
    case "gig":
      return `/gigs/${gigId}`;
  }
}

/** The decline window of the SQL (private.decline_undo_window). */
export const DECLINE_UNDO_MINUTES = 15;

const when = (at: string, tz: string) => `${formatDay(at, tz)} at ${formatTime(at, tz)}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const ACTIVE = new Set(["submitted", "shortlisted"]);

/**
 * The consequences of `intent` on gig `gigId` (and application `applicationId`) for the caller;
 * null when the caller may not do it at all (not the owner, not the applicant, unknown ids: the
 * page answers 404 as for a gig they cannot see).
 */
export async function previewGigDecision(
  tx: Tx,
  me: string,
  gigId: string,
  intent: ConfirmIntent,
  applicationId: string | null,
): Promise<Consequences | Blocked | null> {
  const gig = await getGig(tx, gigId);
  if (!gig) return null;
  if (intent === "withdraw") return await previewWithdraw(tx, gig, applicationId);
  if (gig.client_id !== me) return null;
  const apps = await listApplicationsForGig(tx, gig.id);
  if (intent === "cancel" || intent === "close") {
    const cancel = intent === "cancel";
    if (gig.status !== "published") {
      return {
        blocked: gig.status === "filled"
          ? "This gig is booked: cancel the booking instead."
          : `Only a published gig can be ${cancel ? "cancelled" : "closed"}.`,
      };
    }
    const active = apps.filter((a) => ACTIVE.has(a.status));
    const shortlisted = active.filter((a) => a.status === "shortlisted").length;
    return {
      title: `${cancel ? "Cancel" : "Close applications to"} “${gig.title}” on ${
        when(gig.starts_at, gig.timezone)
      }?`,
      lines: [
        cancel
          ? "The gig is called off and leaves the gig list: nobody can apply any more."
          : "The gig stops taking applications, without booking anyone.",
        active.length
          ? `The ${plural(active.length, "applicant")}${
            shortlisted ? ` (${shortlisted} shortlisted)` : ""
          } ${active.length === 1 ? "is" : "are"} told, and ${
            active.length === 1 ? "their application is" : "their applications are"
          } declined.`
          : "Nobody has applied yet, so nobody needs to be told.",
        "Nobody is booked yet, so no booking or payment is affected.",
      ],
      undo: "This cannot be undone: to hold the gig after all, post it again.",
      confirmLabel: cancel ? "Yes, cancel the gig" : "Yes, close applications",
      variant: "danger",
    };
  }
  const a = apps.find((x) => x.id === applicationId);
  if (!a) return null;
  const name = a.musician.stage_name ?? a.musician.display_name;
  if (!ACTIVE.has(a.status)) {
    return { blocked: `${name}'s application is already ${a.status}: there is nothing to do.` };
  }
  if (gig.status !== "published") {
    return { blocked: `This gig is ${gig.status}: applications can no longer be decided.` };
  }
  if (intent === "decline") {
    return {
      title: `Decline ${name}?`,
      lines: [
        `${name} is told their application to “${gig.title}” was declined.`,
        "The other applicants are not affected, and the gig stays open.",
      ],
      undo: `You can undo this for ${DECLINE_UNDO_MINUTES} minutes.`,
      confirmLabel: `Yes, decline ${name}`,
      variant: "danger",
    };
  }
  const fee = formatMoney(a.quoted_fee_minor, a.currency);
  const others = apps.filter((x) => x.id !== a.id && ACTIVE.has(x.status)).length;
  return {
    title: `Book ${name} for ${when(gig.starts_at, gig.timezone)} at ${fee}?`,
    lines: [
      `${name} gets a booking notification, and the gig is marked filled.`,
      others
        ? `The ${plural(others, "other applicant")} ${
          others === 1 ? "is" : "are"
        } told the gig is filled: ${
          others === 1 ? "their application is" : "their applications are"
        } declined.`
        : "There are no other applicants to tell.",
      paymentLine(gig, a.quoted_fee_minor, a.currency),
    ],
    undo:
      "This cannot be undone: to call it off later, you cancel the booking under its terms (free until 7 days before the start).",
    confirmLabel: `Yes, book ${name}`,
    variant: "primary",
  };
}

function paymentLine(gig: Gig, feeMinor: number, currency: string): string {
  const starts = new Date(gig.starts_at);
  if (!depositOffered(starts, feeMinor)) {
    return `Next you pay ${
      formatMoney(feeMinor, currency)
    } into escrow: it is held until after the gig, then released to the musician.`;
  }
  const { deposit, balance } = depositSplit(feeMinor);
  const due = balanceDueAt(starts).toISOString();
  return `Next you pay ${formatMoney(feeMinor, currency)} into escrow, or a deposit of ${
    formatMoney(deposit, currency)
  } now and the balance of ${formatMoney(balance, currency)} by ${
    formatDay(due, gig.timezone)
  }. Money is held until after the gig.`;
}

async function previewWithdraw(
  tx: Tx,
  gig: Gig,
  applicationId: string | null,
): Promise<Consequences | Blocked | null> {
  const mine = await listOwnApplications(tx, { gigId: gig.id });
  const a = mine.find((x) => x.id === applicationId);
  if (!a) return null;
  if (!ACTIVE.has(a.status)) {
    return {
      blocked: a.status === "accepted"
        ? "You are booked for this gig: cancel the booking instead."
        : `Your application is already ${a.status}: there is nothing to do.`,
    };
  }
  const open = gig.apply_by ?? gig.starts_at;
  return {
    title: `Withdraw your application to “${gig.title}”?`,
    lines: [
      `The client is told at once that you withdrew your ${
        formatMoney(a.quoted_fee_minor, a.currency)
      } quote.`,
      a.status === "shortlisted"
        ? "You are on the shortlist: withdrawing takes you off it."
        : "The client has not decided on it yet.",
    ],
    undo: `You can undo this while the gig takes applications (until ${when(open, gig.timezone)}).`,
    confirmLabel: "Yes, withdraw",
    variant: "danger",
  };
}

/** The money held for a booking and what cancelling now does to it (SQL, as the caller). */
interface CancelMoney {
  held_minor: number;
  refund_minor: number;
  musician_keeps_minor: number;
  currency: string;
  late: boolean;
  by_client: boolean;
}

/** The consequences of cancelling booking `bookingId` now, as the caller; null if not theirs. */
export async function previewBookingCancel(
  tx: Tx,
  bookingId: string,
): Promise<Consequences | Blocked | null> {
  const b = await getBooking(tx, bookingId);
  if (!b) return null;
  if (b.status !== "confirmed") return { blocked: `This booking is already ${b.status}.` };
  const [row] = await tx.query<Record<string, unknown>>(
    `select held_minor::float8, refund_minor::float8, musician_keeps_minor::float8, currency, late,
            by_client
       from public.booking_cancel_preview($1::uuid)`,
    [bookingId],
  );
  const m = row as unknown as CancelMoney;
  const other = m.by_client ? b.musician_name : b.client_name;
  const money = (n: number) => formatMoney(n, m.currency);
  const lines = [
    `${other} is told at once, with your reason.`,
    "The gig closes: it cannot be booked again.",
  ];
  if (m.held_minor <= 0) {
    lines.push("Nothing has been paid into escrow yet, so no money moves.");
  } else if (m.musician_keeps_minor > 0) {
    lines.push(
      `Of the ${money(m.held_minor)} held in escrow, ${
        money(m.refund_minor)
      } goes back to you and ${b.musician_name} keeps ${
        money(m.musician_keeps_minor)
      }: the terms say a client who cancels within 7 days of the start owes half the fee.`,
    );
  } else {
    lines.push(
      m.by_client
        ? `The ${money(m.held_minor)} held in escrow goes back to you.`
        : `The ${money(m.held_minor)} held in escrow goes back to ${b.client_name}.`,
    );
  }
  return {
    title: m.by_client
      ? `Cancel ${b.musician_name}'s booking for “${b.gig_title}” on ${
        when(b.starts_at, b.timezone)
      }?`
      : `Cancel your booking for “${b.gig_title}” on ${when(b.starts_at, b.timezone)}?`,
    lines,
    undo: "This cannot be undone.",
    confirmLabel: "Yes, cancel the booking",
    variant: "danger",
  };
}
