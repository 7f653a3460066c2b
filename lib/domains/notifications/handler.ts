/**
 * The `notify` queue's handler: welcome notifications, chat message notifications (the decision
 * is SQL: private.notify_message) and outbox delivery with retries (./outbox.ts).
 *
 * @module
 */
import { z } from "zod";
import type { JobHandler } from "../../ports/queue/worker.ts";
import type { Logger } from "../../platform/log.ts";
import type { DeliveryPort } from "../../ports/mail/port.ts";
import { devDelivery } from "../../ports/mail/mod.ts";
import { DEFAULT_RETRY, deliverOutbox, type RetryPolicy } from "../../ports/mail/outbox.ts";
import { Uuid } from "../../shared/schemas.ts";

const WelcomeJob = z.object({ kind: z.literal("welcome"), user_id: Uuid() });
const MessageJob = z.object({ kind: z.literal("message"), message_id: z.coerce.number().int() });
const DeliverJob = z.object({ kind: z.literal("deliver"), outbox_id: Uuid() });

export interface NotifyDeps {
  delivery: DeliveryPort;
  /** Base URL for links in e-mail and SMS (`{{site}}` in outbox texts). */
  siteUrl: string;
  retry?: Partial<RetryPolicy>;
  log?: Logger;
}

export function createNotifyHandler(deps: NotifyDeps): JobHandler {
  const retry = { ...DEFAULT_RETRY, ...deps.retry };
  return async (message, { tx }) => {
    switch (message.kind) {
      case "welcome": {
        const job = WelcomeJob.parse(message);
        await tx.query(
          `insert into public.notifications (user_id, kind, title, body, link)
           select id, 'welcome', 'Welcome to Soundcheck, ' || display_name || '!',
                  'Your home has a short set-up list: complete profiles get booked first.',
                  '/'
           from public.profiles where id = $1`,
          [job.user_id],
        );
        return;
      }
      case "message": {
        const job = MessageJob.parse(message);
        await tx.query("select private.notify_message($1::bigint)", [job.message_id]);
        return;
      }
      case "deliver": {
        const job = DeliverJob.parse(message);
        const outcome = await deliverOutbox(tx, job.outbox_id, deps.delivery, {
          siteUrl: deps.siteUrl,
          retry,
        });
        if (outcome.status === "retry" || outcome.status === "failed") {
          deps.log?.({
            level: outcome.status === "failed" ? "error" : "warn",
            msg: outcome.status === "failed" ? "outbox send gave up" : "outbox send will retry",
            outbox_id: job.outbox_id,
            ...outcome,
          });
        }
        return;
      }
    }
    throw new Error(`notify: unknown kind "${message.kind}"`);
  };
}

/** The handler with every channel going to the dev outbox (tests, local tools). */
export const notifyHandler: JobHandler = createNotifyHandler({
  delivery: devDelivery,
  siteUrl: "http://127.0.0.1:8000",
});
