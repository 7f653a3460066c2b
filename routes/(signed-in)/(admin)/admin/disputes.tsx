/**
 * /admin/disputes: open disputes with their booking (a link to its read-only view), parties,
 * amount, reason and evidence files, each with a decision form (release, refund, or split with the musician's amount, and a note). "Review" shows
 * what will move; only "Yes, decide" calls resolve_dispute, which posts the ledger and tells both
 * parties. Decided disputes are listed below with their outcome and note.
 */
import { define, type State } from "../../../../utils.ts";
import { type FreshContext, page } from "../../../../lib/fresh_runtime/mod.ts";
import { EvidenceItem, paymentDeps, resolveDispute } from "../../../../lib/domains/payments/mod.ts";
import { formatMoney } from "../../../../lib/shared/format.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { toHttpError } from "../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { type ParsedDecision, parseDecision } from "../../../../lib/web/dispute_decision.ts";
import { EmptyState, PageTitle } from "../../../../components/Page.tsx";
import {
  DecidedDispute,
  DecisionForm,
  type DisputeItem,
} from "../../../../components/AdminDispute.tsx";

interface Data {
  items: DisputeItem[];
  /** Each dispute's files, by booking. */
  evidence: Record<string, EvidenceItem[]>;
  /** The dispute whose form is answered: its errors, typed values or confirmation step. */
  focus?: {
    bookingId: string;
    errors?: Record<string, string>;
    values?: Record<string, string>;
    confirm?: ParsedDecision;
  };
}

function list(ctx: FreshContext<State>) {
  const user = signedIn(ctx.state);
  return ctx.state.platform.db.queryAsUser<DisputeItem>(
    user.claims,
    "select * from public.admin_disputes()",
  );
}

/** The listed disputes' files (admins read dispute_evidence through RLS). */
async function evidenceOf(ctx: FreshContext<State>, items: DisputeItem[]) {
  const user = signedIn(ctx.state);
  const rows = await ctx.state.platform.db.queryAsUser(
    user.claims,
    `select id, booking_id, uploaded_as, name, content_type, size_bytes, created_at
       from public.dispute_evidence where booking_id = any($1::uuid[]) order by created_at, id`,
    [items.map((i) => i.booking_id)],
  );
  const out: Record<string, EvidenceItem[]> = {};
  for (const r of rows) {
    const e = EvidenceItem.parse(r);
    (out[e.booking_id] ??= []).push(e);
  }
  return out;
}

async function load(ctx: FreshContext<State>) {
  const items = await list(ctx);
  return { items, evidence: await evidenceOf(ctx, items) };
}

function digits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    return page(await load(ctx));
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const loaded = await load(ctx);
    const { items } = loaded;
    const intent = form.get("intent") === "decide" ? "decide" : "review";
    const values: Record<string, string> = {};
    for (const k of ["decision", "musician_amount", "note"]) values[k] = String(form.get(k) ?? "");
    const bookingId = String(form.get("booking_id") ?? "");
    // A split is bounded by the fee of every part the dispute froze (admin_disputes sums them).
    const parsed = parseDecision(form, (id) => {
      const d = items.find((i) => i.booking_id === id && i.state === "open");
      return d && { feeMinor: Number(d.fee_minor), digits: digits(d.currency) };
    });
    if (!parsed.ok) {
      return page({ ...loaded, focus: { bookingId, errors: parsed.errors, values } }, {
        status: 422,
      });
    }
    // Deciding moves money for good: only the step's own "Yes, decide" (confirm=yes) does it; a
    // post without it (a stale page, a script) shows that step again, 428, nothing moved.
    if (intent === "review" || form.get("confirm") !== "yes") {
      return page({ ...loaded, focus: { bookingId, values, confirm: parsed.data } }, {
        status: intent === "review" ? 200 : 428,
      });
    }
    const d = parsed.data;
    try {
      await resolveDispute(paymentDeps(ctx.state.platform), user.claims, d.bookingId, {
        decision: d.decision,
        musician_share_minor: d.shareMinor,
        note: d.note,
      });
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      const field = h.field === "musician_share_minor" ? "musician_amount" : h.field ?? "_form";
      const errors = { _form: h.message, [field]: h.message };
      return page({ ...loaded, focus: { bookingId, errors, values } }, { status: h.status });
    }
    const text = `Decided: ${d.decision}. Both parties have been told.`;
    return seeOther("/admin/disputes", [flashCookie({ kind: "success", text }, ctx.state.secure)]);
  },
});

export default define.page<typeof handler>(function AdminDisputes({ data, state }) {
  const open = data.items.filter((i) => i.state === "open");
  const decided = data.items.filter((i) => i.state !== "open");
  const money = (i: DisputeItem, minor: number | string) => formatMoney(Number(minor), i.currency);
  return (
    <>
      <PageTitle sub="Frozen payments wait here for a decision. Both sides are told the outcome.">
        Disputes
      </PageTitle>
      <section aria-labelledby="open-title" class="mb-10">
        <h2 id="open-title" class="mb-3 text-xl font-semibold">Open</h2>
        {open.length === 0
          ? <EmptyState title="No open disputes">Nothing is frozen right now.</EmptyState>
          : (
            <ul class="space-y-6">
              {open.map((i) => (
                <li key={i.booking_id}>
                  <DecisionForm
                    item={i}
                    evidence={data.evidence[i.booking_id] ?? []}
                    money={(m) => money(i, m)}
                    csrf={state.csrf}
                    focus={data.focus?.bookingId === i.booking_id ? data.focus : undefined}
                  />
                </li>
              ))}
            </ul>
          )}
        {data.focus?.errors?.booking_id && (
          <p role="alert" class="mt-3 text-red-700">{data.focus.errors.booking_id}</p>
        )}
      </section>
      <section aria-labelledby="decided-title">
        <h2 id="decided-title" class="mb-3 text-xl font-semibold">Decided</h2>
        {decided.length === 0
          ? <p class="text-gray-600">No decided disputes yet.</p>
          : (
            <ul class="space-y-3">
              {decided.map((i) => (
                <li key={i.booking_id}>
                  <DecidedDispute
                    item={i}
                    evidence={data.evidence[i.booking_id] ?? []}
                    money={(m) => money(i, m)}
                  />
                </li>
              ))}
            </ul>
          )}
      </section>
    </>
  );
});
