/**
 * One dispute on /admin/disputes: the open one's facts and decision form (with its confirmation
 * step), or a decided one's outcome and note. Plain forms posting to the page.
 */
import type { JSX } from "preact";
import { CsrfField } from "./Field.tsx";
import { formatDate } from "../lib/shared/format.ts";
import { useZone } from "./When.tsx";
import { Button } from "./Button.tsx";
import type { ParsedDecision } from "../lib/web/dispute_decision.ts";
import type { EvidenceItem } from "../lib/domains/payments/mod.ts";
import { EvidenceList } from "./DisputePanel.tsx";

/**
 * A row of public.admin_disputes() (bigints arrive as strings from some drivers). Its fee and
 * total cover every part the dispute froze (a deposit and a balance paid in two), so a split
 * is bounded by the whole fee held.
 */
export interface DisputeItem {
  booking_id: string;
  gig_title: string;
  client_name: string;
  musician_name: string;
  opened_by_name: string;
  reason: string;
  state: string;
  decision: string | null;
  musician_share_minor: number | string | null;
  note: string | null;
  created_at: Date;
  decided_at: Date | null;
  currency: string;
  fee_minor: number | string;
  total_minor: number | string;
}

type Money = (minor: number | string) => string;

const OUTCOME: Record<string, string> = {
  release: "Released to the musician",
  refund: "Refunded to the client",
  split: "Split",
};

function Facts({ item, money, evidence }: {
  item: DisputeItem;
  money: Money;
  evidence: EvidenceItem[];
}) {
  const zone = useZone();
  const names = {
    client: `${item.client_name} (client)`,
    musician: `${item.musician_name} (musician)`,
  };
  return (
    <>
      <h3 class="text-lg font-semibold">
        <a class="underline" href={`/admin/bookings/${item.booking_id}`}>{item.gig_title}</a>
      </h3>
      <p class="text-sm text-gray-700">
        Client {item.client_name} · musician {item.musician_name} · fee in dispute{" "}
        {money(item.fee_minor)} (the client paid {money(item.total_minor)} with fees)
      </p>
      <p class="text-sm text-gray-700">
        Opened by {item.opened_by_name} on {formatDate(item.created_at, zone)}
      </p>
      <p class="mt-1 break-words">“{item.reason}”</p>
      <div class="mt-2" data-testid="dispute-evidence">
        <h4 class="text-sm font-semibold">Evidence</h4>
        <EvidenceList items={evidence} names={names} />
      </div>
    </>
  );
}

function Confirm({ item, money, d, csrf, amount }: {
  item: DisputeItem;
  money: Money;
  d: ParsedDecision;
  csrf: string;
  /** The split amount as typed: posted again as is. */
  amount: string;
}) {
  const fee = Number(item.fee_minor);
  const share = d.decision === "release" ? fee : d.decision === "refund" ? 0 : d.shareMinor ?? 0;
  return (
    <form method="post" class="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3">
      <CsrfField token={csrf} />
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="booking_id" value={item.booking_id} />
      <input type="hidden" name="decision" value={d.decision} />
      <input type="hidden" name="musician_amount" value={d.decision === "split" ? amount : ""} />
      <input type="hidden" name="note" value={d.note} />
      <p class="font-semibold" data-testid="decision-confirm">
        {item.musician_name} gets {money(share)}; {item.client_name} gets back{" "}
        {money(fee - share)}. This moves the money and cannot be undone.
      </p>
      <p class="break-words text-sm">Note: {d.note}</p>
      <div class="mt-2 flex gap-3">
        <Button name="confirm" value="yes">Yes, decide</Button>
        <a class="self-center underline" href="/admin/disputes">Change the decision</a>
      </div>
    </form>
  );
}

export function DecisionForm({ item, evidence, money, csrf, focus }: {
  item: DisputeItem;
  evidence: EvidenceItem[];
  money: Money;
  csrf: string;
  focus?: {
    errors?: Record<string, string>;
    values?: Record<string, string>;
    confirm?: ParsedDecision;
  };
}): JSX.Element {
  const e = focus?.errors ?? {};
  const v = focus?.values ?? {};
  const id = (f: string) => `d-${item.booking_id}-${f}`;
  const err = (f: string) =>
    e[f] && <p id={id(`${f}-error`)} class="mt-1 text-sm text-red-700" role="alert">{e[f]}</p>;
  const invalid = (f: string) => e[f] ? { "aria-invalid": "true" as const } : {};
  return (
    <article class="rounded-lg border border-gray-200 bg-white p-4" data-testid="open-dispute">
      <Facts item={item} money={money} evidence={evidence} />
      {e._form && <p role="alert" class="mt-2 text-red-700">{e._form}</p>}
      {focus?.confirm
        ? (
          <Confirm
            item={item}
            money={money}
            d={focus.confirm}
            csrf={csrf}
            amount={v.musician_amount ?? ""}
          />
        )
        : (
          <form method="post" class="mt-3 space-y-3">
            <CsrfField token={csrf} />
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="booking_id" value={item.booking_id} />
            <fieldset {...invalid("decision")}>
              <legend class="text-sm font-medium">Decision</legend>
              {(["release", "refund", "split"] as const).map((d) => (
                <label key={d} class="mr-4">
                  <input type="radio" name="decision" value={d} checked={v.decision === d} />{" "}
                  {OUTCOME[d]}
                </label>
              ))}
              {err("decision")}
            </fieldset>
            <div>
              <label for={id("musician_amount")} class="block text-sm font-medium">
                For a split: the musician's amount ({item.currency}, less than{" "}
                {money(item.fee_minor)})
              </label>
              <input
                id={id("musician_amount")}
                name="musician_amount"
                inputMode="decimal"
                value={v.musician_amount}
                class="rounded-md border border-gray-300 px-3 py-2"
                {...invalid("musician_amount")}
              />
              {err("musician_amount")}
            </div>
            <div>
              <label for={id("note")} class="block text-sm font-medium">
                Note to both sides (required)
              </label>
              <textarea
                id={id("note")}
                name="note"
                maxLength={2000}
                class="block w-full rounded-md border border-gray-300 px-3 py-2"
                {...invalid("note")}
              >
                {v.note}
              </textarea>
              {err("note")}
            </div>
            <Button>Review the decision</Button>
          </form>
        )}
    </article>
  );
}

export function DecidedDispute({ item, evidence, money }: {
  item: DisputeItem;
  evidence: EvidenceItem[];
  money: Money;
}): JSX.Element {
  const zone = useZone();
  return (
    <article class="rounded-lg border border-gray-200 bg-gray-50 p-4" data-testid="decided-dispute">
      <Facts item={item} money={money} evidence={evidence} />
      <p class="mt-2 font-semibold">
        {OUTCOME[item.decision ?? ""] ?? "Decided"}: musician{" "}
        {money(item.musician_share_minor ?? 0)}
        {item.decided_at && ` on ${formatDate(item.decided_at, zone)}`}
      </p>
      {item.note && <p class="break-words text-sm">Note: {item.note}</p>}
    </article>
  );
}
