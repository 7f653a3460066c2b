/**
 * A model of one booking's escrow, part by part (full, or deposit and balance), written from the
 * migrations' rules (20261207000100_payments.sql, 20261209000100_payment_milestones.sql) for the
 * property test: each method says whether the operation must succeed and moves the model as SQL
 * should; `compare` checks the stored parts against it.
 */
import { assertEquals } from "./assert.ts";

export type PartName = "full" | "deposit" | "balance";
export type PartState =
  | "unpaid"
  | "checkout_open"
  | "held"
  | "released"
  | "refunded"
  | "partially_refunded"
  | "disputed"
  | "resolved";

/** A stored part, as the property test reads it. */
export interface PartRow {
  part: PartName;
  id: string;
  state: PartState;
  fee_minor: number;
  total_minor: number;
  currency: string;
  /** What the musician keeps of the fee once settled. */
  kept: number;
}

interface Part {
  state: PartState;
  /** What the musician keeps once settled (fee − refunded). */
  kept: number;
}

const ORDER: PartName[] = ["full", "deposit", "balance"];
const SETTLED: PartState[] = ["released", "refunded", "partially_refunded", "resolved"];
/** A deposit in one of these states stands: the balance is owed (private.deposit_paid). */
const DEPOSIT_PAID: PartState[] = ["held", "released", "partially_refunded"];

export class BookingModel {
  status: "confirmed" | "cancelled" = "confirmed";
  disputeState: "none" | "open" | "resolved" = "none";
  parts: Partial<Record<PartName, Part>> = {};
  /** The stored rows of the last compare: ids and amounts for events and refunds. */
  rows: Partial<Record<PartName, PartRow>> = {};

  constructor(public daysAhead: number) {}

  get mode(): "none" | "full" | "parts" {
    return this.parts.full ? "full" : this.parts.deposit ? "parts" : "none";
  }

  private fees(part: PartName): number {
    return this.rows[part]?.fee_minor ?? 0;
  }

  private each(state: PartState): PartName[] {
    return ORDER.filter((n) => this.parts[n]?.state === state);
  }

  describe(): string {
    const parts = ORDER.filter((n) => this.parts[n]).map((n) => `${n}:${this.parts[n]!.state}`);
    return `${this.status}/${this.disputeState} ${parts.join(",") || "none"}`;
  }

  /** Parts a provider event can name: a checkout was opened for them. */
  payable(): PartName[] {
    return ORDER.filter((n) => this.parts[n] && this.parts[n]!.state !== "unpaid" && this.rows[n]);
  }

  fee(): number {
    return ORDER.reduce((s, n) => s + this.fees(n), 0);
  }

  heldFee(): number {
    return this.each("held").reduce((s, n) => s + this.fees(n), 0);
  }

  disputedFee(): number {
    return this.each("disputed").reduce((s, n) => s + this.fees(n), 0);
  }

  /** Nothing can move any more but a late payment: a fresh booking may take its place. */
  settled(): boolean {
    const states = ORDER.map((n) => this.parts[n]?.state);
    return (this.status === "cancelled" || states.some((s) => s && SETTLED.includes(s))) &&
      !states.some((s) => s === "checkout_open" || s === "held" || s === "disputed");
  }

  /** open_checkout(part): true when it must answer 201. */
  checkout(part: PartName): boolean {
    if (this.status !== "confirmed") return false;
    if (this.mode !== "none" && (this.mode === "full") !== (part === "full")) return false;
    const p = this.parts[part];
    if (part === "deposit" && !p && this.daysAhead <= 14) return false;
    if (part === "balance") {
      const d = this.parts.deposit;
      if (!d || !DEPOSIT_PAID.includes(d.state)) return false;
    }
    if (p && p.state !== "unpaid" && p.state !== "checkout_open") return false;
    this.parts[part] = { state: "checkout_open", kept: 0 };
    if (part === "deposit") this.parts.balance ??= { state: "unpaid", kept: 0 };
    return true;
  }

  /** The provider's capture of `part` (mark_held): true when it applies. */
  pay(part: PartName): boolean {
    const p = this.parts[part]!;
    if (p.state !== "checkout_open") return false;
    if (this.status === "cancelled" || this.disputeState === "resolved") {
      this.parts[part] = { state: "refunded", kept: 0 };
    } else p.state = this.disputeState === "open" ? "disputed" : "held";
    return true;
  }

  /** Settles a held part, the musician keeping `keep` of its fee (settle_state). */
  private settle(n: PartName, keep: number, state?: PartState): void {
    const fee = this.fees(n);
    this.parts[n] = {
      state: state ?? (keep === fee ? "released" : keep === 0 ? "refunded" : "partially_refunded"),
      kept: keep,
    };
  }

  release(): boolean {
    const held = this.each("held");
    for (const n of held) this.settle(n, this.fees(n));
    return held.length > 0;
  }

  sweep(): void {
    this.release();
  }

  /** The musician refunds `amount` (undefined: all that is held), the balance first. */
  refund(amount?: number): boolean {
    const held = this.each("held");
    let left = amount ?? this.heldFee();
    if (!held.length || left > this.heldFee()) return false;
    for (const n of held.reverse()) {
      const back = Math.min(left, this.fees(n));
      left -= back;
      this.settle(n, this.fees(n) - back);
    }
    return true;
  }

  /** Either party, or the provider's chargeback: every held part is frozen. */
  dispute(): boolean {
    const held = this.each("held");
    if (!held.length) return false;
    for (const n of held) this.parts[n]!.state = "disputed";
    this.disputeState = "open";
    return true;
  }

  /** An admin's decision: the musician's share comes from the deposit first. */
  resolve(decision: "release" | "refund" | "split", share: number): boolean {
    const disputed = this.each("disputed");
    if (!disputed.length) return false;
    let keep = decision === "release" ? this.disputedFee() : decision === "refund" ? 0 : share;
    for (const n of disputed) {
      const k = Math.min(keep, this.fees(n));
      keep -= k;
      this.settle(n, k, "resolved");
    }
    this.disputeState = "resolved";
    return true;
  }

  /**
   * The booking is cancelled: an unpaid balance goes; a client cancelling inside 7 days owes
   * half the fee, less what settled parts already gave the musician, from held parts in order.
   */
  cancel(byClient: boolean): boolean {
    if (this.status !== "confirmed") return false;
    this.status = "cancelled";
    if (this.parts.balance?.state === "unpaid") delete this.parts.balance;
    const already = ORDER.reduce(
      (s, n) =>
        s +
        (["released", "partially_refunded", "resolved"].includes(this.parts[n]?.state ?? "")
          ? this.parts[n]!.kept
          : 0),
      0,
    );
    let keep = byClient && this.daysAhead < 7
      ? Math.max(Math.floor(this.fee() / 2) - already, 0)
      : 0;
    for (const n of this.each("held")) {
      const k = Math.min(keep, this.fees(n));
      keep -= k;
      this.settle(n, k);
    }
    return true;
  }

  /** The stored parts agree with the model (states, and what the musician keeps once settled). */
  compare(rows: PartRow[], where: string): void {
    const stored = rows.map((r) =>
      `${r.part}:${r.state}${SETTLED.includes(r.state) ? `:${r.kept}` : ""}`
    );
    const modelled = ORDER.filter((n) => this.parts[n]).map((n) => {
      const p = this.parts[n]!;
      return `${n}:${p.state}${SETTLED.includes(p.state) ? `:${p.kept}` : ""}`;
    });
    assertEquals(stored.sort(), modelled.sort(), where);
    this.rows = Object.fromEntries(rows.map((r) => [r.part, r]));
  }
}
