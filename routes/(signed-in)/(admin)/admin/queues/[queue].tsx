/**
 * /admin/queues/<queue>_dlq: a dead-letter queue's messages, newest first, each with the error the
 * worker gave up on, the job's kind, when, attempts and its payload at a glance. Retry sends the
 * job back to its queue (a failed staged job's row is queued again); Delete first shows what it
 * means (?delete=<msg_id>), and only its confirmation (confirm=yes) deletes. Both are audited in
 * SQL. A work queue's name (/admin/queues/ai) leads to its dead letters.
 */
import { z } from "zod";
import { define, type State } from "../../../../../utils.ts";
import { type FreshContext, page } from "../../../../../lib/fresh_runtime/mod.ts";
import {
  type DeadLetter,
  deadLetters,
  deleteDeadLetter,
  DlqName,
  retryDeadLetter,
} from "../../../../../lib/domains/admin/queues.ts";
import type { Consequences } from "../../../../../lib/shared/consequences.ts";
import { formatDateTime } from "../../../../../lib/shared/format.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { confirmed } from "../../../../../lib/web/confirm.ts";
import { toHttpError } from "../../../../../lib/web/errors.ts";
import { notFound } from "../../../../../lib/web/params.ts";
import { flashCookie, seeOther } from "../../../../../lib/web/respond.ts";
import { EmptyState, PageTitle } from "../../../../../components/Page.tsx";
import { CsrfField } from "../../../../../components/Field.tsx";
import { Button } from "../../../../../components/Button.tsx";
import { ConfirmStep } from "../../../../../components/ConfirmStep.tsx";

interface Data {
  queue: string;
  letters: DeadLetter[];
  /** The letter whose deletion is being confirmed. */
  confirm?: { letter: DeadLetter; reminder?: boolean };
  error?: string;
}

const MsgId = z.coerce.number({ error: "Choose a message" }).int({ error: "Choose a message" })
  .positive({ error: "Choose a message" }).max(Number.MAX_SAFE_INTEGER, {
    error: "Choose a message",
  });
const Action = z.object({ intent: z.enum(["retry", "delete"]), msg_id: MsgId });

/** The letters, or 404 for a queue that is not a dead-letter queue (SQL checks it exists). */
async function load(ctx: FreshContext<State>, queue: string): Promise<DeadLetter[]> {
  const { claims } = signedIn(ctx.state);
  try {
    return await ctx.state.platform.db.asUser(claims, (tx) => deadLetters(tx, queue));
  } catch (err) {
    if (toHttpError(err)?.field === "queue") throw notFound("Queue", "queue");
    throw err;
  }
}

function deletion(l: DeadLetter): Consequences {
  return {
    title: `Delete dead letter #${l.msgId}?`,
    lines: [
      `Its job${l.kind ? ` (${l.kind})` : ""} will not run again.`,
      "The audit log keeps what it held and who deleted it.",
    ],
    undo: "This cannot be undone. Retry it instead if the job should still run.",
    confirmLabel: "Delete for good",
    variant: "danger",
  };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const raw = ctx.params.queue;
    if (/^[a-z][a-z0-9_]{0,40}$/.test(raw) && !raw.endsWith("_dlq")) {
      return new Response(null, { status: 303, headers: { location: `/admin/queues/${raw}_dlq` } });
    }
    const queue = DlqName.safeParse(raw);
    if (!queue.success) throw notFound("Queue", "queue");
    const letters = await load(ctx, queue.data);
    const asked = ctx.url.searchParams.get("delete");
    if (asked === null) return page({ queue: queue.data, letters });
    const id = MsgId.safeParse(asked);
    const letter = id.success ? letters.find((l) => l.msgId === id.data) : undefined;
    if (!letter) {
      const error = "That dead letter is not there any more: it was retried or deleted.";
      return page({ queue: queue.data, letters, error }, { status: 404 });
    }
    ctx.state.head = { title: `Delete dead letter #${letter.msgId}` };
    return page({ queue: queue.data, letters, confirm: { letter } });
  },
  async POST(ctx) {
    const { claims } = signedIn(ctx.state);
    const queue = DlqName.safeParse(ctx.params.queue);
    if (!queue.success) throw notFound("Queue", "queue");
    const form = await readForm(ctx.req);
    const action = Action.safeParse(Object.fromEntries(form));
    if (!action.success) {
      const error = action.error.issues[0].path[0] === "intent"
        ? "Choose Retry or Delete"
        : action.error.issues[0].message;
      return page({ queue: queue.data, letters: await load(ctx, queue.data), error }, {
        status: 422,
      });
    }
    const { intent, msg_id } = action.data;
    if (intent === "delete" && !confirmed(form)) {
      // Nothing happens without the confirmation step: show it (428), or say the letter is gone.
      const letters = await load(ctx, queue.data);
      const letter = letters.find((l) => l.msgId === msg_id);
      if (letter) {
        return page({ queue: queue.data, letters, confirm: { letter, reminder: true } }, {
          status: 428,
        });
      }
      const error = "That dead letter is not there any more: it was retried or deleted.";
      return page({ queue: queue.data, letters, error }, { status: 404 });
    }
    try {
      await ctx.state.platform.db.asUser(claims, async (tx) => {
        if (intent === "retry") await retryDeadLetter(tx, queue.data, msg_id);
        else await deleteDeadLetter(tx, queue.data, msg_id);
      });
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      if (h.field === "queue") throw notFound("Queue", "queue");
      const letters = await load(ctx, queue.data);
      return page({ queue: queue.data, letters, error: h.message }, { status: h.status });
    }
    const text = intent === "retry"
      ? `Message #${msg_id} is back on its queue; the worker will run it again.`
      : `Message #${msg_id} was deleted.`;
    return seeOther(`/admin/queues/${queue.data}`, [
      flashCookie({ kind: "success", text }, ctx.state.secure),
    ]);
  },
});

function Letter({ l, csrf, tz }: { l: DeadLetter; csrf: string; tz: string | null }) {
  return (
    <li class="rounded-lg border border-red-200 bg-white p-4" data-testid="dead-letter">
      <p class="font-semibold">
        #{l.msgId} · {l.kind ?? "unknown kind"}
        <span class="font-normal text-gray-600">
          {` · ${formatDateTime(l.enqueuedAt, tz)}`}
          {l.attempts !== null ? ` · after ${l.attempts} attempts` : ""}
        </span>
      </p>
      <p class="my-2 break-words text-red-800">{l.error}</p>
      {l.summary.length > 0 && (
        <dl class="mb-3 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-gray-700">
          {l.summary.map(([k, v]) => (
            <div key={k} class="contents">
              <dt class="font-medium">{k}</dt>
              <dd class="break-all font-mono">{v}</dd>
            </div>
          ))}
        </dl>
      )}
      <div class="flex flex-wrap items-center gap-3">
        <form method="post">
          <CsrfField token={csrf} />
          <input type="hidden" name="intent" value="retry" />
          <input type="hidden" name="msg_id" value={String(l.msgId)} />
          <Button variant="secondary">Retry</Button>
        </form>
        <a
          href={`?delete=${l.msgId}`}
          class="inline-flex min-h-[44px] items-center rounded-md px-3 text-red-700 underline"
        >
          Delete…
        </a>
      </div>
    </li>
  );
}

export default define.page<typeof handler>(function DeadLetters({ data, state, url }) {
  const base = data.queue.replace(/_dlq$/, "");
  if (data.confirm) {
    const l = data.confirm.letter;
    return (
      <div class="mx-auto max-w-2xl">
        <ConfirmStep
          preview={deletion(l)}
          action={url.pathname}
          fields={{ intent: "delete", msg_id: String(l.msgId) }}
          backHref={url.pathname}
          csrf={state.csrf}
          reminder={data.confirm.reminder}
        />
      </div>
    );
  }
  return (
    <>
      <PageTitle sub={`Messages the worker gave up on in the ${base} queue, newest first.`}>
        Dead letters: {base}
      </PageTitle>
      <p class="mb-4 text-sm">
        <a href="/admin/queues" class="text-indigo-700 underline">All queues</a>
      </p>
      {data.error && <p role="alert" class="mb-4 text-red-700">{data.error}</p>}
      {data.letters.length === 0
        ? (
          <EmptyState title="No dead letters">
            Every job in this queue ran or is still trying.
          </EmptyState>
        )
        : (
          <ul class="space-y-3" data-testid="dead-letters">
            {data.letters.map((l) => (
              <Letter key={l.msgId} l={l} csrf={state.csrf} tz={state.viewerZone ?? null} />
            ))}
          </ul>
        )}
    </>
  );
});
