/**
 * /admin/queues: every pgmq queue with its messages waiting (visible now of them), the oldest
 * one's age, every message ever sent, and its dead letters, each linked to their inspect page
 * (/admin/queues/<queue>_dlq). Read through public.admin_queue_metrics (admins only).
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { formatAge, type QueueMetric, queueMetrics } from "../../../../lib/domains/admin/queues.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { EmptyState, PageTitle } from "../../../../components/Page.tsx";

interface Data {
  queues: QueueMetric[];
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { claims } = signedIn(ctx.state);
    return page({ queues: await ctx.state.platform.db.asUser(claims, queueMetrics) });
  },
});

const cell = "px-3 py-2 text-right tabular-nums";

export default define.page<typeof handler>(function AdminQueues({ data }) {
  const work = data.queues.filter((q) => !q.is_dlq);
  return (
    <>
      <PageTitle sub="Background work waiting in each queue, and the messages it gave up on.">
        Queues
      </PageTitle>
      <p class="mb-4 text-sm">
        <a href="/admin" class="text-indigo-700 underline">Back to the console</a>
      </p>
      {work.length === 0
        ? <EmptyState title="No queues">Nothing has been set up yet.</EmptyState>
        : (
          <div class="overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table class="w-full text-sm" data-testid="queue-metrics">
              <caption class="sr-only">Queues and their dead letters</caption>
              <thead class="bg-gray-50 text-gray-700">
                <tr>
                  <th scope="col" class="px-3 py-2 text-left">Queue</th>
                  <th scope="col" class={cell}>Waiting</th>
                  <th scope="col" class={cell}>Ready now</th>
                  <th scope="col" class={cell}>Oldest</th>
                  <th scope="col" class={cell}>Sent ever</th>
                  <th scope="col" class={cell}>Dead letters</th>
                </tr>
              </thead>
              <tbody>
                {work.map((q) => (
                  <tr key={q.queue_name} class="border-t border-gray-100">
                    <th scope="row" class="px-3 py-2 text-left font-medium">{q.queue_name}</th>
                    <td class={cell}>{q.depth}</td>
                    <td class={cell}>{q.visible}</td>
                    <td class={cell}>{q.depth ? formatAge(q.oldest_age_sec) : "—"}</td>
                    <td class={cell}>{q.total_sent}</td>
                    <td class={cell}>
                      {q.dlq_depth === null ? "—" : (
                        <a
                          href={`/admin/queues/${q.queue_name}_dlq`}
                          class={`underline ${
                            q.dlq_depth ? "font-semibold text-red-700" : "text-indigo-700"
                          }`}
                          aria-label={`${q.dlq_depth} dead ${
                            q.dlq_depth === 1 ? "letter" : "letters"
                          } in ${q.queue_name}`}
                        >
                          {q.dlq_depth}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </>
  );
});
