/**
 * Human labels for every status the product stores, in one map: pages show "Applied", never
 * "submitted" or "CONFIRMED". Keys follow the SQL check constraints and zod enums they label
 * (tests: lib/shared/format_test.ts checks each enum is covered).
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

/** Which record a status belongs to: the same word can read differently per record. */
export type StatusKind =
  | "application"
  | "gig"
  | "booking"
  | "payment"
  | "payout"
  | "refund"
  | "charge"
  | "dispute"
  | "payout_account"
  | "subscription"
  | "song"
  | "master"
  | "dj_run"
  | "spotify"
  | "artist_import"
  | "artist_plan"
  | "artist_drawing"
  | "scout_source"
  | "scout_run"
  | "outbox"
  | "review"
  | "report";

export const STATUS_LABELS: Record<StatusKind, Record<string, string>> = {
  application: {
    submitted: "Applied",
    shortlisted: "Shortlisted",
    accepted: "Booked",
    declined: "Not selected",
    withdrawn: "Withdrawn",
  },
  gig: {
    draft: "Draft",
    published: "Open",
    filled: "Filled",
    closed: "Closed",
    cancelled: "Cancelled",
  },
  booking: {
    confirmed: "Confirmed",
    completed: "Completed",
    cancelled: "Cancelled",
  },
  payment: {
    unpaid: "Not paid yet",
    checkout_open: "Awaiting payment",
    held: "Held in escrow",
    released: "Released to the musician",
    refunded: "Refunded",
    partially_refunded: "Partly refunded",
    disputed: "In dispute",
    resolved: "Dispute decided",
  },
  payout: {
    none: "Not started",
    pending: "Payout pending",
    paid: "Paid out",
    failed: "Payout failed",
  },
  refund: {
    none: "No refund",
    pending: "Refund pending",
    done: "Refunded",
    failed: "Refund failed",
  },
  charge: {
    none: "Not set up",
    saved: "Card saved",
    charged: "Charged",
    failed: "Charge failed",
  },
  dispute: {
    open: "Open",
    resolved: "Resolved",
  },
  payout_account: {
    pending: "Setup pending",
    enabled: "Ready for payouts",
    restricted: "Action needed",
  },
  subscription: {
    free: "Free",
    active: "Active",
    trialing: "Free trial",
    canceling: "Ends soon",
    past_due: "Payment overdue",
    unpaid: "Unpaid",
    canceled: "Cancelled",
  },
  song: {
    queued: "Waiting",
    running: "In the making",
    draft: "Draft",
    done: "Ready",
    failed: "Failed",
    cancelled: "Cancelled",
  },
  master: {
    queued: "Waiting to start",
    running: "Mastering",
    done: "Ready",
    failed: "Failed",
    cancelled: "Cancelled",
  },
  dj_run: {
    queued: "Starting",
    running: "Being made",
    draft: "Draft",
    exported: "In your Spotify",
    failed: "Nothing found",
  },
  spotify: {
    active: "Connected",
    broken: "Needs reconnecting",
  },
  artist_import: {
    queued: "Waiting to start",
    running: "Importing",
    done: "Imported",
    failed: "Failed",
  },
  artist_plan: {
    queued: "Waiting to start",
    running: "Planning",
    ready: "Ready",
    failed: "Failed",
  },
  artist_drawing: {
    queued: "Waiting to start",
    running: "Drawing",
    done: "Ready",
    failed: "Failed",
  },
  scout_source: {
    new: "Not read yet",
    ok: "Working",
    failing: "Failing",
    paused: "Paused",
  },
  scout_run: {
    ok: "Read",
    unchanged: "Unchanged",
    failed: "Failed",
  },
  outbox: {
    pending: "Queued",
    sent: "Sent",
    failed: "Failed",
  },
  review: {
    pending: "Awaiting review",
    approved: "Approved",
    rejected: "Rejected",
  },
  report: {
    open: "Under review",
    hidden: "Removed",
    dismissed: "No action taken",
  },
};

/** "past_due" / "PAST-DUE" → "Past due": the fallback for a status no map names. */
export function humanise(value: string): string {
  const s = value.replace(/[_-]+/g, " ").trim().toLowerCase();
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/**
 * The label of `status` on a `kind` record: `statusLabel("application", "submitted")` →
 * "Applied". Case-insensitive ("CONFIRMED" → "Confirmed"); an unknown value is humanised.
 */
export function statusLabel(kind: StatusKind, status: string | null | undefined): string {
  if (!status) return "";
  const key = status.trim().toLowerCase().replace(/-/g, "_");
  return STATUS_LABELS[kind][key] ?? humanise(status);
}
