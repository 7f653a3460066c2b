/** How a failed provider call reads for the musician, the client and admins (see jobs.ts). */
const AT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/**
 * What the musician (a payout), the client (a refund) and admins read about provider work that
 * failed: "failed: <provider's message>. We'll retry at 5 Dec, 14:05 UTC." or, after the last
 * attempt, "… We stopped retrying; an admin will look at it."
 */
export function failedWorkText(
  error: string | null,
  retryAt: Date | null,
  gaveUpAt: Date | null,
): string {
  const head = `failed: ${(error ?? "the provider refused it").replace(/\.+$/, "")}.`;
  if (gaveUpAt || !retryAt) return `${head} We stopped retrying; an admin will look at it.`;
  return `${head} We'll retry at ${AT.format(retryAt)} UTC.`;
}
