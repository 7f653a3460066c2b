/**
 * The auto-apply proposal template: drafted by the AI writing module's "proposal" task for a
 * stand-in gig whose facts are placeholders, then edited and approved by the musician; filled in
 * per gig when the scout applies. Filling is plain text replacement: what the musician approved
 * is what the client reads, with only the placeholders changed.
 *
 * @module
 */
import type { AiPort } from "../../../ports/ai/port.ts";
import type { RunOptions } from "../../../ports/ai/run_task.ts";
import type { GigFacts, MusicianFacts } from "../../gigs/facts.ts";
import { formatDay, formatMoney } from "../../../shared/format.ts";
import { write } from "../../writing/writer.ts";
import { dayIn, moneyIn } from "../../writing/grammar.ts";

/** Every placeholder a template may use, with what it becomes. */
export const PLACEHOLDERS = [
  { key: "gig_title", means: "the gig's title" },
  { key: "date", means: "the day, in the gig's time zone (e.g. Friday 12 December)" },
  { key: "venue", means: "the venue's name (or “your venue”)" },
  { key: "city", means: "the city (or “remote” for a remote session)" },
  { key: "fee", means: "your quote for that gig (e.g. €450)" },
  { key: "stage_name", means: "your stage name" },
] as const;
export type Placeholder = typeof PLACEHOLDERS[number]["key"];

export interface FillGig {
  title: string;
  starts_at: Date | string;
  timezone: string | null;
  venue_name: string | null;
  city: string | null;
  remote: boolean;
  currency: string;
}

/** The values of every placeholder for one gig. */
export function placeholderValues(
  gig: FillGig,
  feeMinor: number,
  stageName: string,
): Record<Placeholder, string> {
  return {
    gig_title: gig.title,
    date: formatDay(gig.starts_at, gig.timezone),
    venue: gig.venue_name?.trim() || "your venue",
    city: gig.remote ? "remote" : gig.city?.trim() || "your city",
    fee: formatMoney(feeMinor, gig.currency),
    stage_name: stageName,
  };
}

/** The template with each `{placeholder}` replaced; unknown `{words}` are left as written. */
export function fillTemplate(template: string, values: Record<Placeholder, string>): string {
  return template.replace(
    /\{([a-z_]+)\}/g,
    (whole, key: string) => Object.hasOwn(values, key) ? values[key as Placeholder] : whole,
  );
}

/** The `{words}` in a template that are not placeholders (shown as a warning before approval). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(PLACEHOLDERS.map((p) => p.key));
  const found = new Set<string>();
  for (const m of template.matchAll(/\{([a-z_]+)\}/g)) if (!known.has(m[1])) found.add(m[1]);
  return [...found];
}

/**
 * The quote: the musician's minimum fee clamped into the gig's budget. Without a minimum, the
 * profile's lowest fee; without either, the budget's bottom (or top, or 0).
 */
export function quoteFee(
  minFee: number | null,
  profileFee: number | null,
  budgetMin: number | null,
  budgetMax: number | null,
): number {
  let fee = minFee ?? profileFee ?? budgetMin ?? budgetMax ?? 0;
  if (budgetMin != null) fee = Math.max(fee, budgetMin);
  if (budgetMax != null) fee = Math.min(fee, budgetMax);
  return Math.max(0, Math.round(fee));
}

// Stand-in facts the writer drafts for; the text they produce becomes placeholders again.
const STAND_IN_TITLE = "{gig_title}";
const STAND_IN_VENUE = "{venue}";
const STAND_IN_CITY = "{city}";
const STAND_IN_START = "2030-06-07T19:00:00Z";
const STAND_IN_FEE = 123_456_700; // an amount no real quote prints

/** A first template from the musician's profile (live AI, or the deterministic offline writer). */
export async function draftTemplate(
  ai: AiPort,
  musician: MusicianFacts,
  opts: RunOptions = {},
): Promise<{ template: string; source: "live" | "offline" }> {
  const currency = musician.currency ?? "EUR";
  const fee = musician.fee_min_minor ?? STAND_IN_FEE;
  const standIn: GigFacts = {
    title: STAND_IN_TITLE,
    description: "",
    kind: "live_show",
    genres: musician.genres.slice(0, 2),
    instruments: musician.instruments.slice(0, 1),
    starts_at: STAND_IN_START,
    timezone: "UTC",
    duration_minutes: 120,
    remote: false,
    venue_name: STAND_IN_VENUE,
    city: STAND_IN_CITY,
    country: null,
    lat: null,
    lng: null,
    budget_min_minor: null,
    budget_max_minor: null,
    currency,
  };
  const result = await write(ai, "proposal", {
    musician: { ...musician, fee_min_minor: fee, fee_max_minor: null, currency },
    gig: standIn,
  }, opts);
  // The draft may be in the musician's own language: its date and fee are written that way.
  const lang = result.language;
  let text = result.text
    .replaceAll(dayIn(STAND_IN_START, "UTC", lang), "{date}")
    .replaceAll(formatDay(STAND_IN_START, "UTC"), "{date}")
    .replaceAll(moneyIn(fee, currency, lang), "{fee}")
    .replaceAll(formatMoney(fee, currency), "{fee}")
    .replaceAll(musician.stage_name, "{stage_name}");
  // A live model may have paraphrased the stand-in title away: the gig is always named.
  if (!text.includes("{gig_title}")) text = `Re: {gig_title}\n\n${text}`;
  // The offline writer says "within your budget" of a budget the stand-in did not have.
  text = text.replace("{fee}, within your budget.", "{fee}.");
  return { template: text.slice(0, 5000), source: result.source };
}
