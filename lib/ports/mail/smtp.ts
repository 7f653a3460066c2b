/** E-mail over SMTP with nodemailer (`SMTP_URL`, e.g. smtp://user:pass@smtp.example.com:587). */
import nodemailer from "nodemailer";
import { DeliveryError, type EmailSender, SEND_TIMEOUT_MS } from "./port.ts";

export interface SmtpOptions {
  url: string;
  from: string;
  timeoutMs?: number;
}

interface SmtpErrorShape {
  responseCode?: unknown;
  code?: unknown;
  message?: unknown;
}

/** 5xx replies are final (unknown mailbox, auth refused); 4xx and connection errors are not. */
function classify(err: unknown): DeliveryError {
  const e = (err ?? {}) as SmtpErrorShape;
  const message = typeof e.message === "string" ? e.message : String(err);
  const code = typeof e.responseCode === "number" ? e.responseCode : 0;
  const authFailed = e.code === "EAUTH";
  return new DeliveryError(`smtp: ${message}`, code >= 500 || authFailed);
}

export function createSmtpSender(opts: SmtpOptions): EmailSender & { close(): void } {
  const timeout = opts.timeoutMs ?? SEND_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    url: opts.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  }, { from: opts.from });
  return {
    provider: "smtp",
    async send(mail) {
      let info;
      try {
        info = await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
      } catch (err) {
        throw classify(err);
      }
      if (info.rejected.length > 0) {
        throw new DeliveryError(`smtp: recipient refused: ${info.response}`, true);
      }
      return { provider: "smtp", id: info.messageId ?? null };
    },
    close() {
      transport.close();
    },
  };
}
