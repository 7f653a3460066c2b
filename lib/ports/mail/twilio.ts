/**
 * SMS through Twilio's Messages API: `POST /2010-04-01/Accounts/{sid}/Messages.json`, basic auth
 * with the account SID and auth token, a form body of To, From (or MessagingServiceSid) and Body.
 */
import { z } from "zod";
import { httpFailure, networkFailure, SEND_TIMEOUT_MS, type SmsSender } from "./port.ts";

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A sender number (E.164) or a messaging service SID (`MG…`). */
  from: string;
  baseUrl?: string;
  timeoutMs?: number;
}

const Created = z.object({ sid: z.string().min(1) });

/** Twilio's limit for one message body. */
export const SMS_MAX_CHARS = 1600;

export function createTwilioSender(opts: TwilioOptions): SmsSender {
  const base = (opts.baseUrl ?? "https://api.twilio.com").replace(/\/+$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/Messages.json`;
  const auth = `Basic ${btoa(`${opts.accountSid}:${opts.authToken}`)}`;
  return {
    provider: "twilio",
    async send(sms) {
      const form = new URLSearchParams({ To: sms.to, Body: sms.text.slice(0, SMS_MAX_CHARS) });
      form.set(/^MG[0-9a-f]{32}$/i.test(opts.from) ? "MessagingServiceSid" : "From", opts.from);
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { authorization: auth, accept: "application/json" },
          body: form,
          signal: AbortSignal.timeout(opts.timeoutMs ?? SEND_TIMEOUT_MS),
        });
      } catch (err) {
        throw networkFailure("twilio", err);
      }
      if (!res.ok) throw await httpFailure("twilio", res);
      const body = Created.safeParse(await res.json().catch(() => null));
      return { provider: "twilio", id: body.success ? body.data.sid : null };
    },
  };
}
