/**
 * /admin/reports: what people reported, one card per target (most reported first) with its
 * preview, owner and reasons. Hide asks for confirmation first (what disappears, who is told);
 * Dismiss leaves it up. Either decides every open report on that target and tells each reporter.
 * `?show=resolved` lists the decided ones, where hidden content can be shown again.
 */
import { z } from "zod";
import { define, type State } from "../../../../utils.ts";
import { type FreshContext, page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { toHttpError } from "../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import {
  adminQueue,
  NOTE_MAX_CHARS,
  type QueueItem,
  type QueueState,
  resolveReport,
  TARGET_TYPES,
  TARGET_WORDS,
  unhide,
} from "../../../../lib/domains/moderation/mod.ts";
import type { Consequences } from "../../../../lib/shared/consequences.ts";
import { EmptyState, PageTitle } from "../../../../components/Page.tsx";
import { ConfirmStep } from "../../../../components/ConfirmStep.tsx";
import { DecidedItem, OpenItem } from "../../../../components/ModerationQueue.tsx";

interface Data {
  show: QueueState;
  items: QueueItem[];
  /** A refused action: on which card (report id), and why. */
  error?: { reportId?: string; text: string };
  /** Hiding, before it happens: the card, the note, and whether the POST skipped this step. */
  confirm?: { item: QueueItem; note: string; reminder: boolean };
}

const Note = z.string().trim().max(NOTE_MAX_CHARS, "Keep the note under 1000 characters")
  .default("");
const Intent = z.enum(["review-hide", "hide", "dismiss", "unhide"], { error: "Unknown action" });
const OnReport = z.object({ report_id: z.uuid({ error: "Choose a report" }), note: Note });
const OnTarget = z.object({
  target_type: z.enum(TARGET_TYPES, { error: "Choose what to show again" }),
  target_id: z.string().trim().min(1, "Choose what to show again").max(100),
});
type Action =
  | ({ intent: "review-hide" | "hide" | "dismiss" } & z.infer<typeof OnReport>)
  | ({ intent: "unhide" } & z.infer<typeof OnTarget>);

function parseAction(form: FormData): { ok: true; a: Action } | { ok: false; error: string } {
  const raw = Object.fromEntries(form);
  const intent = Intent.safeParse(raw.intent);
  if (!intent.success) return { ok: false, error: intent.error.issues[0].message };
  if (intent.data === "unhide") {
    const t = OnTarget.safeParse(raw);
    return t.success ? { ok: true, a: { intent: "unhide", ...t.data } } : {
      ok: false,
      error: t.error.issues[0].message,
    };
  }
  const r = OnReport.safeParse(raw);
  return r.success
    ? { ok: true, a: { intent: intent.data, ...r.data } }
    : { ok: false, error: r.error.issues[0].message };
}

function showOf(url: URL): QueueState {
  return url.searchParams.get("show") === "resolved" ? "resolved" : "open";
}

async function load(ctx: FreshContext<State>, show: QueueState) {
  const { claims } = signedIn(ctx.state);
  const items = await ctx.state.platform.db.asUser(claims, (tx) => adminQueue(tx, show));
  return { show, items };
}

function hideConsequences(item: QueueItem, note: string): Consequences {
  const word = TARGET_WORDS[item.target_type];
  const n = item.report_count;
  return {
    title: `Hide the ${word} “${item.label}”?`,
    lines: [
      `It disappears for everyone but its owner and admins: pages, search, matching and lists.`,
      `${n === 1 ? "The person" : `The ${n} people`} who reported it ${
        n === 1 ? "is" : "are"
      } told it was removed.`,
      `Its owner sees “Hidden by moderators: ${note || "the reason given in the report"}”.`,
    ],
    undo: "You can show it again from the decided reports.",
    confirmLabel: "Yes, hide it",
    variant: "danger",
  };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    return page(await load(ctx, showOf(ctx.url)));
  },
  async POST(ctx) {
    const { claims } = signedIn(ctx.state);
    const show = showOf(ctx.url);
    const form = await readForm(ctx.req);
    const parsed = parseAction(form);
    if (!parsed.ok) {
      return page({ ...await load(ctx, show), error: { text: parsed.error } }, { status: 422 });
    }
    const a = parsed.a;
    const db = ctx.state.platform.db;
    const done = (text: string, to = "/admin/reports") =>
      seeOther(to, [flashCookie({ kind: "success", text }, ctx.state.secure)]);
    try {
      if (a.intent === "unhide") {
        await db.asUser(claims, (tx) => unhide(tx, a.target_type, a.target_id, ""));
        return done(
          "Shown again: everyone who could see it before sees it now.",
          ctx.url.pathname + ctx.url.search,
        );
      }
      if (a.intent === "dismiss") {
        await db.asUser(claims, (tx) => resolveReport(tx, a.report_id, "dismiss", a.note));
        return done("Dismissed: it stays up, and the reporters were told.");
      }
      // Hiding takes content away from people: only the confirmation's own form does it.
      if (a.intent === "review-hide" || form.get("confirm") !== "yes") {
        const loaded = await load(ctx, "open");
        const item = loaded.items.find((i) => i.reports.some((r) => r.id === a.report_id));
        if (!item) {
          const text = "This report was already decided or does not exist.";
          return page({ ...loaded, error: { text } }, { status: 404 });
        }
        const reminder = a.intent === "hide";
        return page({ ...loaded, confirm: { item, note: a.note, reminder } }, {
          status: reminder ? 428 : 200,
        });
      }
      await db.asUser(claims, (tx) => resolveReport(tx, a.report_id, "hide", a.note));
      return done("Hidden: only its owner and admins see it now, and the reporters were told.");
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      const reportId = "report_id" in a ? a.report_id : undefined;
      return page({ ...await load(ctx, show), error: { reportId, text: h.message } }, {
        status: h.status,
      });
    }
  },
});

export default define.page<typeof handler>(function AdminReports({ data, state }) {
  const c = data.confirm;
  if (c) {
    const first = c.item.reports[0];
    return (
      <ConfirmStep
        preview={hideConsequences(c.item, c.note)}
        action="/admin/reports"
        fields={{ intent: "hide", report_id: first.id, note: c.note }}
        backHref="/admin/reports"
        csrf={state.csrf}
        reminder={c.reminder}
      />
    );
  }
  const tab = (show: QueueState, label: string) => (
    <a
      href={show === "open" ? "/admin/reports" : "/admin/reports?show=resolved"}
      aria-current={data.show === show ? "page" : undefined}
      class={`rounded-md px-3 py-2 font-medium ${
        data.show === show ? "bg-indigo-600 text-white" : "text-indigo-700 underline"
      }`}
    >
      {label}
    </a>
  );
  const err = data.error;
  return (
    <>
      <PageTitle sub="What people reported. Hiding or dismissing decides every report on it, and each reporter is told.">
        Reports
      </PageTitle>
      <nav aria-label="Which reports" class="mb-4 flex gap-2">
        {tab("open", "To review")}
        {tab("resolved", "Decided")}
      </nav>
      {err && !err.reportId && <p role="alert" class="mb-4 text-red-700">{err.text}</p>}
      {data.items.length === 0
        ? (data.show === "open"
          ? <EmptyState title="Nothing to review">Nobody has reported anything new.</EmptyState>
          : <EmptyState title="Nothing decided yet">Decided reports will show here.</EmptyState>)
        : (
          <ul class="space-y-4" data-testid="report-queue">
            {data.items.map((i) => (
              <li key={`${i.target_type}:${i.target_id}`}>
                {data.show === "open"
                  ? (
                    <OpenItem
                      item={i}
                      csrf={state.csrf}
                      error={err?.reportId && i.reports.some((r) => r.id === err.reportId)
                        ? err.text
                        : undefined}
                    />
                  )
                  : <DecidedItem item={i} csrf={state.csrf} />}
              </li>
            ))}
          </ul>
        )}
    </>
  );
});
