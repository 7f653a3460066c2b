/**
 * E-mail through a Resend-style HTTP API: `POST <base>/emails` with a bearer key and
 * `{from, to: [..], subject, text}`, answering `{id}`. Resend itself by default.
 */
import { z } from "zod";
import { type EmailSender, httpFailure, networkFailure, SEND_TIMEOUT_MS } from "./port.ts";

export interface HttpEmailOptions {
  baseUrl: string;
  apiKey: string;
  from: string;
  timeoutMs?: number;
}

const Accepted = z.object({ id: z.string().min(1) });

export function createHttpEmailSender(opts: HttpEmailOptions): EmailSender {
  const url = `${opts.baseUrl.replace(/\/+$/, "")}/emails`;
  return {
    provider: "email-api",
    async send(mail) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${opts.apiKey}`,
            "content-type": "application/json",
            accept: "application/json",
          },
          body: JSON.stringify({
            from: opts.from,
            to: [mail.to],
            subject: mail.subject,
            text: mail.text,
          }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? SEND_TIMEOUT_MS),
        });
      } catch (err) {
        throw networkFailure("email-api", err);
      }
      if (!res.ok) throw await httpFailure("email-api", res);
      const body = Accepted.safeParse(await res.json().catch(() => null));
      // Accepted but unexpected: the mail is out, so retrying would send it twice.
      if (!body.success) return { provider: "email-api", id: null };
      return { provider: "email-api", id: body.data.id };
    },
  };
}
