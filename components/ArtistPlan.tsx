/**
 * Evolution plans in words: a plan's status, the list of plans, and one plan (its live progress
 * while it is worked on; then what was analysed and each proposal with its confidence explained,
 * its evidence with the numbers, the change it would make, and Approve / Reject for the owner).
 * A plan without proposals says plainly that the data does not support a confident change yet.
 */
import type { JSX } from "preact";
import type { Plan, PlanItemView } from "../lib/domains/artists/api.ts";
import type { Evidence, Persona } from "../lib/domains/artists/types.ts";
import { personaDiff } from "../lib/domains/artists/persona/diff.ts";
import ArtistJobLive from "../islands/ArtistJobLive.tsx";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { ConfirmedField } from "./ConfirmStep.tsx";
import { Badge, count, day, percent } from "./ArtistShell.tsx";
import { DiffList } from "./ArtistVersions.tsx";

const STATUS = {
  queued: ["gray", "waiting"],
  running: ["indigo", "being analysed"],
  ready: ["green", "ready"],
  failed: ["red", "failed"],
} as const;

export function PlanStatusBadge({ status }: { status: Plan["status"] }): JSX.Element {
  const [tone, text] = STATUS[status];
  return <Badge tone={tone} testId="plan-status">{text}</Badge>;
}

export const CONFIDENCE_WORDS: Record<PlanItemView["confidence"], string> = {
  high: "High confidence: on 20 or more tracks, a relation this strong would arise by chance " +
    "less than once in a thousand times.",
  medium: "Medium confidence: less than a 1 in 100 chance of being luck; worth trying and " +
    "watching.",
  low: "Low confidence: it may still be chance; try it on a release or two before keeping it.",
};
const CONFIDENCE_TONE = { high: "green", medium: "amber", low: "gray" } as const;

const signed = (x: number, digits = 2) =>
  `${x < 0 ? "−" : x > 0 ? "+" : ""}${Math.abs(x).toFixed(digits)}`;
const pText = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${Number(p.toPrecision(2))}`);

/** Every outcome is a rate (saves or skips per stream, weekly change): shown in %. */
const outcomeNoun = (o: Evidence["outcome"]) =>
  o === "save_rate" ? "saved" : o === "skip_rate" ? "skipped" : "weekly change";

function EvidenceItem({ e }: { e: Evidence }) {
  return (
    <li class="rounded-md bg-gray-50 p-3" data-testid="plan-evidence">
      <p class="text-gray-900">{e.summary}</p>
      <p class="mt-1 text-sm tabular-nums text-gray-700" data-testid="plan-evidence-numbers">
        n = {e.n} tracks · effect {signed(e.effect)} (95 % CI {signed(e.ci_low)} to{" "}
        {signed(e.ci_high)}) · {pText(e.p)}
      </p>
      {e.groups.length > 0 && (
        <ul class="mt-1 text-sm text-gray-600">
          {e.groups.map((g) => (
            <li key={g.label}>
              {g.label}: {g.n} tracks, {outcomeNoun(e.outcome)} {percent(g.mean)} on average
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Decision(
  { item, owner, csrf, action }: {
    item: PlanItemView;
    owner: boolean;
    csrf: string;
    action: string;
  },
) {
  if (item.decision === "approved") {
    return (
      <p class="text-sm text-green-800" data-testid="plan-item-decision">
        Approved{item.decided_at ? ` on ${day(item.decided_at)}` : ""}
        {item.version ? `: version ${item.version} of the persona` : ""}.
      </p>
    );
  }
  if (item.decision === "rejected") {
    return (
      <p class="text-sm text-gray-700" data-testid="plan-item-decision">
        Rejected{item.decided_at ? ` on ${day(item.decided_at)}` : ""}: the persona stayed as it
        was.
      </p>
    );
  }
  if (!owner) return <p class="text-sm text-gray-600">Waiting for the owner's decision.</p>;
  const fields = (
    <>
      <CsrfField token={csrf} />
      <input type="hidden" name="item" value={item.id} />
      <input type="hidden" name="intent" value="decide" />
    </>
  );
  // Approving can be taken back (restore the version before it); rejecting closes the proposal
  // for good, so it says so first.
  return (
    <div class="flex flex-wrap items-start gap-3">
      <form method="post" action={action}>
        {fields}
        <Button name="decision" value="approved">Approve: make a new version</Button>
      </form>
      <details class="text-sm">
        <summary class="cursor-pointer py-2 text-gray-800 underline">Reject…</summary>
        <form method="post" action={action} class="mt-2 space-y-2" data-testid="plan-item-reject">
          {fields}
          <ConfirmedField />
          <p>
            This proposal closes for good: it cannot be approved later. The persona stays as it is,
            and you can still make this change yourself by editing the persona.
          </p>
          <Button variant="danger" name="decision" value="rejected">Yes, reject it</Button>
        </form>
      </details>
    </div>
  );
}

export interface PlanViewProps {
  artistId: string;
  plan: Plan;
  /** The persona the plan was made against: what each change is shown from. */
  base: Persona | null;
  owner: boolean;
  csrf: string;
}

interface AnalysisFacts {
  tracks?: number;
  tracks_counted?: number;
  streams?: number;
  min_streams?: number;
  tests?: number;
  notes: string[];
}

function analysisOf(a: Record<string, unknown> | null): AnalysisFacts {
  const n = (k: string) => (typeof a?.[k] === "number" ? a[k] as number : undefined);
  const notes = Array.isArray(a?.notes) ? a.notes.filter((x) => typeof x === "string") : [];
  return {
    tracks: n("tracks"),
    tracks_counted: n("tracks_counted"),
    streams: n("streams"),
    min_streams: n("min_streams"),
    tests: n("tests"),
    notes,
  };
}

function Proposal(props: PlanViewProps & { item: PlanItemView }) {
  const { item, base } = props;
  const diff = base ? personaDiff(base, { ...base, ...item.change } as Persona) : [];
  return (
    <li
      class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
      data-testid="plan-item"
      data-kind={item.kind}
      data-confidence={item.confidence}
      data-decision={item.decision}
    >
      <h3 class="flex flex-wrap items-center gap-2 text-lg font-semibold text-gray-900">
        {item.title}
        <Badge tone={CONFIDENCE_TONE[item.confidence]} testId="plan-confidence">
          {item.confidence} confidence
        </Badge>
      </h3>
      <p class="mt-1 text-sm text-gray-600">{CONFIDENCE_WORDS[item.confidence]}</p>
      {diff.length > 0 && (
        <>
          <h4 class="mt-3 text-sm font-semibold text-gray-900">The change</h4>
          <DiffList diff={diff} testId="plan-item-diff" />
        </>
      )}
      <h4 class="mt-3 text-sm font-semibold text-gray-900">The evidence</h4>
      <ul class="mt-2 space-y-2">
        {item.evidence.map((e, i) => <EvidenceItem key={i} e={e} />)}
      </ul>
      <div class="mt-4">
        <Decision
          item={item}
          owner={props.owner}
          csrf={props.csrf}
          action={`/artists/${props.artistId}/plans/${props.plan.id}`}
        />
      </div>
    </li>
  );
}

export function PlanView(props: PlanViewProps): JSX.Element {
  const { plan } = props;
  if (plan.status === "queued" || plan.status === "running") {
    return (
      <div class="space-y-2" data-testid="plan-pending">
        <noscript>
          <meta http-equiv="refresh" content="2" />
          <p class="text-sm text-gray-700">This page refreshes every few seconds.</p>
        </noscript>
        <ArtistJobLive
          kind="plan"
          id={plan.id}
          api={`/api/artists/${props.artistId}/plans/${plan.id}`}
          state={{ status: plan.status, stage: plan.stage, progress: plan.progress }}
        />
      </div>
    );
  }
  if (plan.status === "failed") {
    return (
      <div role="alert" class="rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
        <p class="font-medium">This plan could not be made.</p>
        <p class="mt-1 text-sm">{plan.error ?? "Something went wrong."} Ask for a new one.</p>
      </div>
    );
  }
  const a = analysisOf(plan.analysis);
  return (
    <div class="space-y-6" data-testid="plan-ready">
      <section
        aria-labelledby="plan-analysis"
        class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
        data-testid="plan-analysis"
      >
        <h2 id="plan-analysis" class="text-lg font-semibold text-gray-900">What was analysed</h2>
        <p class="mt-2 text-gray-800">
          {a.tracks_counted ?? 0} of {a.tracks ?? 0} tracks compared
          {a.streams !== undefined ? ` (${count(a.streams)} streams)` : ""}
          {a.tests ? `, ${a.tests} relations between sound and results tested` : ""}.
          {a.min_streams
            ? ` A track needs its features and ${a.min_streams} streams to count.`
            : ""}
        </p>
        {a.notes.length > 0 && (
          <>
            <h3 class="mt-3 text-sm font-semibold text-gray-900">What could not be tested</h3>
            <ul class="mt-1 list-disc pl-5 text-sm text-gray-700" data-testid="plan-notes">
              {a.notes.map((n, i) => <li key={i}>{n}</li>)}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="plan-proposals">
        <h2 id="plan-proposals" class="mb-3 text-lg font-semibold text-gray-900">
          Proposals
        </h2>
        {plan.items.length
          ? (
            <ol class="space-y-4">
              {plan.items.map((item) => <Proposal key={item.id} {...props} item={item} />)}
            </ol>
          )
          : (
            <p
              class="rounded-md border border-gray-200 bg-white p-4 text-gray-800"
              data-testid="plan-empty"
            >
              The data does not support a confident change yet, so nothing is proposed: no relation
              between the tracks' sound and their results was both strong and unlikely to be chance.
              {" "}
              {a.notes.length
                ? "The notes above say what held the analysis back."
                : "More tracks with known features and more weeks of figures will help."}
            </p>
          )}
      </section>
    </div>
  );
}

export function PlanList(
  { artistId, plans }: { artistId: string; plans: Omit<Plan, "analysis" | "items">[] },
): JSX.Element {
  return (
    <ul
      class="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white"
      data-testid="plan-list"
    >
      {plans.map((p) => (
        <li key={p.id} class="flex flex-wrap items-center justify-between gap-2 p-3">
          <a href={`/artists/${artistId}/plans/${p.id}`} class="text-indigo-700 underline">
            {p.trigger === "weekly" ? "Weekly analysis" : "Analysis"} of {day(p.created_at)}
          </a>
          <span class="flex items-center gap-2 text-sm text-gray-600">
            from version {p.based_on_version} <PlanStatusBadge status={p.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}
