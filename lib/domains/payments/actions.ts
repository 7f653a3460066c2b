/**
 * What people do with a booking's money: the client opens a checkout and releases; the musician
 * refunds; either party disputes; an admin decides. Each is one SQL transition as the caller
 * (lib/ports/db/errors.ts maps its SC4xx), then the provider call it implies (a transfer, a
 * refund) with an idempotency key; a failed provider call is retried by the `payments` queue.
 */
import type { Claims, Tx } from "../../ports/db/mod.ts";
import {
  idempotencyKey,
  type PaymentProvider,
  type ProviderName,
  ProviderUnavailable,
} from "../../ports/payments/mod.ts";
import { HttpError } from "../../web/errors.ts";
import type { PaymentDeps } from "./deps.ts";
import { attemptProviderWork } from "./jobs.ts";
import {
  DisputeRow,
  EvidenceItem,
  LedgerLine,
  type PaymentPart,
  PaymentRow,
  type PaymentView,
  type ResolveInput,
  TimelineItem,
} from "./schemas.ts";
import type { z } from "zod";
import { focusPart, overallState } from "./milestones.ts";

const COLUMNS =
  `id, booking_id, part, provider, state, resolution, currency, fee_minor, platform_fee_minor,
  provider_fee_minor, total_minor, refunded_minor, payout_state, payout_error, refund_state,
  release_at, due_at, held_at, settled_at, work_retry_at, work_gave_up_at, charge_state, charge_error`;

async function bookingTerms(tx: Tx, bookingId: string) {
  const [b] = await tx.query<{ currency: string; starts_at: Date }>(
    "select currency, starts_at from public.bookings where id = $1::uuid",
    [bookingId],
  );
  if (!b) throw new HttpError(404, "Booking not found", { field: "booking_id" });
  return { currency: b.currency, startsAt: new Date(b.starts_at) };
}

/** The provider, or a 409 saying payments through it are not configured here. */
export function availableProvider(deps: PaymentDeps, name: ProviderName): PaymentProvider {
  try {
    return deps.providers.get(name);
  } catch (err) {
    if (!(err instanceof ProviderUnavailable)) throw err;
    // A 4xx, as its message must reach the client (a 5xx's never does).
    throw new HttpError(409, err.message, { code: "payments_unavailable", field: "provider" });
  }
}

/** The provider of a part: the balance goes through the deposit's, the rest by currency. */
async function providerFor(
  deps: PaymentDeps,
  tx: Tx,
  bookingId: string,
  currency: string,
  part: PaymentPart,
): Promise<ProviderName> {
  if (part !== "balance") return deps.providers.select(currency);
  const [d] = await tx.query<{ provider: ProviderName | null }>(
    "select provider from public.payments where booking_id = $1::uuid and part = 'deposit'",
    [bookingId],
  );
  return d?.provider ?? deps.providers.select(currency);
}

/**
 * The client opens (or reopens) the checkout of one part (the whole fee by default; a deposit;
 * the balance): amounts from the booking, the provider by currency. A live provider pays the
 * musician out through their payout account: without an enabled one on that provider the
 * checkout is refused (409, nothing written) rather than funds held for nobody.
 */
export async function startCheckout(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
  part: PaymentPart = "full",
) {
  const { payment, startsAt } = await deps.db.asUser(claims, async (tx) => {
    const terms = await bookingTerms(tx, bookingId);
    const name = await providerFor(deps, tx, bookingId, terms.currency, part);
    availableProvider(deps, name);
    const [row] = await tx.query(
      `select ${COLUMNS} from public.open_checkout($1::uuid, $2, $3)`,
      [bookingId, name, part],
    );
    const [{ ready }] = await tx.query<{ ready: boolean }>(
      "select private.booking_payout_ready($1::uuid, $2) as ready",
      [bookingId, name],
    );
    if (!ready) {
      throw new HttpError(
        409,
        `The musician has no enabled ${name} payout account yet: they set it up first`,
        { code: "payout_account_missing", field: "payout_account" },
      );
    }
    return { payment: PaymentRow.parse(row), startsAt: terms.startsAt };
  });
  const provider = availableProvider(deps, payment.provider as ProviderName);
  const checkout = await provider.openCheckout({
    bookingId,
    paymentId: payment.id,
    amountMinor: payment.total_minor,
    currency: payment.currency,
    returnUrl: `/bookings/${bookingId}`,
    idempotencyKey: idempotencyKey(bookingId, `checkout:${payment.total_minor}`, payment.part),
    // A gig far ahead may save the card and be charged near the date (the Stripe adapter); a
    // deposit is charged at once: it is what secures the date.
    startsAt: payment.part === "deposit" ? undefined : startsAt,
  });
  await deps.db.asService((tx) =>
    tx.query("select private.set_checkout_ref($1::uuid, $2)", [payment.id, checkout.ref])
  );
  return { payment, checkout_url: checkout.url };
}

/**
 * A dispute's files as the caller may see them (RLS: the parties and admins), oldest first.
 */
export async function evidenceOf(tx: Tx, bookingId: string): Promise<EvidenceItem[]> {
  const rows = await tx.query(
    `select id, booking_id, uploaded_as, name, content_type, size_bytes, created_at
       from public.dispute_evidence where booking_id = $1::uuid order by created_at, id`,
    [bookingId],
  );
  return rows.map((r) => EvidenceItem.parse(r));
}

/** The booking's money as a party (or an admin) sees it; 404 for anyone else. */
export function getPayment(deps: PaymentDeps, claims: Claims, bookingId: string) {
  return deps.db.asUser(claims, async (tx): Promise<PaymentView> => {
    // RLS decides: a party reads the booking, an admin its payment (admins read no bookings).
    const [seen] = await tx.query<{ ok: boolean }>(
      `select exists (select 1 from public.bookings where id = $1::uuid)
           or exists (select 1 from public.payments where booking_id = $1::uuid) as ok`,
      [bookingId],
    );
    if (!seen?.ok) throw new HttpError(404, "Booking not found", { field: "booking_id" });
    const rows = await tx.query(
      `select ${COLUMNS} from public.payments where booking_id = $1::uuid
        order by case part when 'deposit' then 1 when 'balance' then 2 else 0 end`,
      [bookingId],
    );
    const parts = rows.map((r) => PaymentRow.parse(r));
    const ledger = await tx.query(
      `select t.kind, e.account, e.amount_minor, e.currency
         from public.ledger_entries e join public.ledger_transactions t on t.id = e.transaction_id
        where e.booking_id = $1::uuid order by e.id`,
      [bookingId],
    );
    const timeline = await tx.query(
      `select created_at as at, kind as what, null::bigint as amount_minor
         from public.ledger_transactions where booking_id = $1::uuid
       union all
       select created_at, 'dispute_opened', null from public.disputes where booking_id = $1::uuid
       union all
       select decided_at, 'dispute_' || decision, musician_share_minor from public.disputes
        where booking_id = $1::uuid and decided_at is not null
       order by 1`,
      [bookingId],
    );
    const [d] = await tx.query(
      `select id, opened_by, reason, state, decision, musician_share_minor, note, created_at, decided_at
         from public.disputes where booking_id = $1::uuid`,
      [bookingId],
    );
    const payment = focusPart(parts);
    return {
      booking_id: bookingId,
      state: overallState(parts),
      payment,
      parts,
      ledger: ledger.map((l) => LedgerLine.parse(l)),
      timeline: timeline.map((t) => TimelineItem.parse(t)),
      dispute: d ? DisputeRow.parse(d) : null,
      evidence: d ? await evidenceOf(tx, bookingId) : [],
    };
  });
}

async function transition(
  deps: PaymentDeps,
  claims: Claims,
  sql: string,
  params: unknown[],
): Promise<PaymentRow> {
  const { payment, ids } = await deps.db.asUser(claims, async (tx) => {
    const [row] = await tx.query(sql, params);
    const payment = PaymentRow.parse(row);
    // A booking-level transition settles every part: each has its own provider work.
    const ids = await tx.query<{ id: string }>(
      "select id from public.payments where booking_id = $1::uuid order by created_at",
      [payment.booking_id],
    );
    return { payment, ids: ids.map((r) => r.id) };
  });
  for (const id of ids) await providerWork(deps, id);
  return payment;
}

/** The client: "the gig happened — release now". A second release: 409. */
export function releasePayment(deps: PaymentDeps, claims: Claims, bookingId: string) {
  return transition(
    deps,
    claims,
    `select ${COLUMNS} from public.release_payment($1::uuid)`,
    [bookingId],
  );
}

/** The musician refunds the whole fee (no amount) or part of it. */
export function refundPayment(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
  amountMinor?: number,
) {
  return transition(
    deps,
    claims,
    `select ${COLUMNS} from public.refund_payment($1::uuid, $2::bigint)`,
    [bookingId, amountMinor ?? null],
  );
}

/**
 * Either party freezes held funds with a reason, attaching the evidence files they uploaded
 * before (evidence.ts) in the same transaction: a refused file opens no dispute.
 */
export function openDispute(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
  reason: string,
  files: { path: string; name: string }[] = [],
) {
  return deps.db.asUser(claims, async (tx) => {
    const [row] = await tx.query(
      `select id, opened_by, reason, state, decision, musician_share_minor, note, created_at,
              decided_at from public.open_dispute($1::uuid, $2)`,
      [bookingId, reason],
    );
    for (const f of files) {
      await tx.query("select id from public.attach_evidence($1::uuid, $2, $3)", [
        bookingId,
        f.path,
        f.name,
      ]);
    }
    return DisputeRow.parse(row);
  });
}

/** An admin decides: release, refund or split (with the musician's share of the fee). */
export function resolveDispute(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
  input: z.infer<typeof ResolveInput>,
) {
  return transition(
    deps,
    claims,
    `select ${COLUMNS} from public.resolve_dispute($1::uuid, $2, $3::bigint, $4)`,
    [bookingId, input.decision, input.musician_share_minor ?? null, input.note ?? null],
  );
}

/**
 * The provider calls a settled payment implies (the refund, then the musician's transfer): the
 * first attempt of the `payments` queue's job, run in the request so its answer shows the
 * transfer. Keys are booking + action, so a retry repeats nothing at the provider; a failure stays
 * on the payment (visible to the musician and admins) and the queue retries it with backoff.
 */
export async function providerWork(deps: PaymentDeps, paymentId: string): Promise<void> {
  const commit = await attemptProviderWork(deps, paymentId);
  if (commit) await deps.db.asService(commit);
}
