/**
 * Notification preferences per kind and channel (in-app, e-mail, SMS) and the SMS phone number.
 * The database holds the defaults and the rules (public.save_notification_preferences); this
 * module parses input and shapes output.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import { PHONE_PATTERN } from "../../shared/limits.ts";

export const CHANNELS = ["in_app", "email", "sms"] as const;
export type Channel = typeof CHANNELS[number];

/** E.164 after removing spaces, dots, dashes and brackets; a leading 00 counts as +. */
export const Phone = z.string().trim()
  .transform((s) => s.replace(/[\s().-]/g, "").replace(/^00/, "+"))
  .pipe(
    z.string().regex(
      PHONE_PATTERN,
      "Enter the number in international format, e.g. +351 912 345 678",
    ),
  );

export const PreferenceInput = z.object({
  kind: z.string().min(1).max(40),
  in_app: z.boolean().optional(),
  email: z.boolean().optional(),
  sms: z.boolean().optional(),
}).strict();

export const PreferencesUpdate = z.object({
  /** Leave out to keep it; null or "" removes it. */
  phone: z.union([z.literal("").transform(() => null), Phone]).nullable().optional(),
  preferences: z.array(PreferenceInput).max(50).default([]),
}).strict();
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;

export const KindPreference = z.object({
  kind: z.string(),
  label: z.string(),
  description: z.string(),
  sms_available: z.boolean(),
  email_digest: z.boolean().describe("E-mail comes as a digest, not one per notification"),
  in_app: z.boolean(),
  email: z.boolean(),
  sms: z.boolean(),
  customised: z.boolean().describe("false: the defaults apply"),
});
export type KindPreference = z.infer<typeof KindPreference>;

export const Preferences = z.object({
  phone: z.string().nullable(),
  preferences: z.array(KindPreference),
});
export type Preferences = z.infer<typeof Preferences>;

export async function getPreferences(tx: Tx): Promise<Preferences> {
  const preferences = await tx.query<KindPreference>(
    "select * from public.my_notification_preferences()",
  );
  const [settings] = await tx.query<{ phone: string | null }>(
    "select phone from public.notification_settings where user_id = (select auth.uid())",
  );
  return { phone: settings?.phone ?? null, preferences };
}

/** Saves all of it or nothing; SQL errors name the field (`phone`, `preferences.N.kind`). */
export async function savePreferences(tx: Tx, update: PreferencesUpdate): Promise<Preferences> {
  await tx.query("select public.save_notification_preferences($1::jsonb, $2, $3)", [
    JSON.stringify(update.preferences),
    update.phone ?? null,
    update.phone !== undefined,
  ]);
  return await getPreferences(tx);
}

/** Checkbox name for a kind and channel in the settings form. */
export function checkboxName(kind: string, channel: Channel): string {
  return `${kind}:${channel}`;
}

/**
 * The settings form as an update: every kind shown gets every channel it offers (an unticked
 * box is absent from the form, so it means off).
 */
export function updateFromForm(
  form: FormData,
  kinds: readonly Pick<KindPreference, "kind" | "sms_available">[],
): { ok: true; data: PreferencesUpdate } | { ok: false; errors: Record<string, string> } {
  const preferences = kinds.map((k) => ({
    kind: k.kind,
    in_app: form.has(checkboxName(k.kind, "in_app")),
    email: form.has(checkboxName(k.kind, "email")),
    ...(k.sms_available ? { sms: form.has(checkboxName(k.kind, "sms")) } : {}),
  }));
  const phone = form.get("phone");
  const parsed = PreferencesUpdate.safeParse({
    phone: typeof phone === "string" ? phone : undefined,
    preferences,
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? "_form")] ??= i.message;
    return { ok: false, errors };
  }
  if (!parsed.data.phone && preferences.some((p) => p.sms)) {
    return { ok: false, errors: { phone: "Add a phone number to get SMS" } };
  }
  return { ok: true, data: parsed.data };
}
