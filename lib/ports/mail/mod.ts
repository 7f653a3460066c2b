/**
 * Picks the delivery adapters from the configuration: SMTP, else the HTTP e-mail API; Twilio for
 * SMS; in embedded development the dev outbox (the row itself, shown on /dev/outbox) for whatever
 * has no provider. Anywhere else a channel without a provider stays null and its rows fail
 * visibly instead of pretending to be sent.
 *
 * @module
 */
import type { Config } from "../../platform/config.ts";
import type { DeliveryPort, EmailSender, SmsSender } from "./port.ts";
import { createSmtpSender } from "./smtp.ts";
import { createHttpEmailSender } from "./http_email.ts";
import { createTwilioSender } from "./twilio.ts";

export * from "./port.ts";
export { createSmtpSender } from "./smtp.ts";
export { createHttpEmailSender } from "./http_email.ts";
export { createTwilioSender } from "./twilio.ts";

/** Embedded dev: "sent" means it is on the dev outbox page, which lists the outbox rows. */
export const devOutboxEmail: EmailSender = {
  provider: "dev-outbox",
  send: () => Promise.resolve({ provider: "dev-outbox", id: null }),
};
export const devOutboxSms: SmsSender = {
  provider: "dev-outbox",
  send: () => Promise.resolve({ provider: "dev-outbox", id: null }),
};

/** Both channels to the dev outbox (tests and local development). */
export const devDelivery: DeliveryPort = { email: devOutboxEmail, sms: devOutboxSms };

export function createDelivery(config: Config, mode: "embedded" | "supabase"): DeliveryPort {
  const devOutbox = mode === "embedded" && config.APP_ENV !== "prod";
  let email: EmailSender | null = devOutbox ? devOutboxEmail : null;
  if (config.SMTP_URL) {
    email = createSmtpSender({ url: config.SMTP_URL, from: config.MAIL_FROM });
  } else if (config.EMAIL_API_KEY) {
    email = createHttpEmailSender({
      baseUrl: config.EMAIL_API_URL ?? "https://api.resend.com",
      apiKey: config.EMAIL_API_KEY,
      from: config.MAIL_FROM,
    });
  }
  let sms: SmsSender | null = devOutbox ? devOutboxSms : null;
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM) {
    sms = createTwilioSender({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      from: config.TWILIO_FROM,
      baseUrl: config.TWILIO_API_URL,
    });
  }
  return { email, sms };
}
