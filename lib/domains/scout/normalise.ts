/**
 * What every scout parser shares: plain text out of HTML, lengths capped to the schema's limits,
 * http(s) links only, countries as ISO 3166 alpha-2, and `toDraft`, which turns what a parser
 * read into an `ExternalGigDraft` (or says why it cannot). Time zones live in parse/zones.ts and
 * fees in parse/fees.ts; both are re-exported here.
 *
 * @module
 */
import { ExternalGigDraft } from "./types.ts";
import { type Fee, findFee } from "./parse/fees.ts";

export { type Fee, findFee, minorDigits, parseAmount } from "./parse/fees.ts";
export {
  canonicalZone,
  type LocalTime,
  localToUtc,
  parseOffset,
  resolveZone,
  utcToLocal,
  wallToUtc,
  zoneOffset,
} from "./parse/zones.ts";

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  euro: "€",
  pound: "£",
  copy: "©",
  middot: "·",
  bull: "•",
  eacute: "é",
  egrave: "è",
  aacute: "á",
  agrave: "à",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ccedil: "ç",
  ntilde: "ñ",
  atilde: "ã",
  otilde: "õ",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  szlig: "ß",
};

/** `&amp;`, `&#233;`, `&#xE9;` and the common named entities → characters. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (all, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}

/**
 * Plain text from HTML (or text that may hold some): scripts, styles and comments go, block
 * ends become line breaks, tags go, entities are decoded, spaces collapse, at most one blank
 * line in a row.
 */
export function htmlToText(s: string): string {
  if (!s) return "";
  let t = s;
  if (t.includes("<")) {
    t = t.replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, " ")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|div|li|h[1-6]|tr|section|article|blockquote)\s*>/gi, "\n")
      .replace(/<li\b[^>]*>/gi, "\n• ")
      .replace(/<[a-z!\/][^>]*>/gi, " ");
  }
  t = decodeEntities(t);
  return t.replace(/\r\n?/g, "\n").replace(/[ \t\f\v\u00a0]+/g, " ")
    .replace(/ ?\n ?/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** One line of plain text (titles, names). */
export function oneLine(s: string | null | undefined): string {
  return s ? htmlToText(s).replace(/\s+/g, " ").trim() : "";
}

/** `s` cut to at most `max` characters, at a word break when one is near, with "…". */
export function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd() + "…";
}

/** An absolute http(s) link (resolved against `base`), or null. */
export function safeUrl(s: string | null | undefined, base?: string): string | null {
  const raw = s?.trim();
  if (!raw) return null;
  try {
    const u = base ? new URL(raw, base) : new URL(raw);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    const out = u.href;
    return out.length <= 2000 ? out : null;
  } catch {
    return null;
  }
}

const fold = (s: string) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]+/g, " ").trim();

const COUNTRY_ALIASES: Record<string, string> = {
  uk: "GB",
  "great britain": "GB",
  britain: "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "northern ireland": "GB",
  usa: "US",
  "united states of america": "US",
  "the united states": "US",
  america: "US",
  "the netherlands": "NL",
  holland: "NL",
  deutschland: "DE",
  espana: "ES",
  italia: "IT",
  brasil: "BR",
  "republic of ireland": "IE",
  eire: "IE",
  gbr: "GB",
  deu: "DE",
  fra: "FR",
  esp: "ES",
  prt: "PT",
  nld: "NL",
  irl: "IE",
  ita: "IT",
  can: "CA",
  aus: "AU",
  bra: "BR",
  ind: "IN",
};

let countries: Map<string, string> | null = null;
/** Region codes ICU names that are no country (or are an alias of one). */
const NOT_COUNTRIES = new Set(["ZZ", "EU", "EZ", "UN", "QO", "AC", "CP", "DG", "EA", "IC", "TA"]);

/** Every region code the runtime names, by its folded English name and by the code itself. */
function countryTable(): Map<string, string> {
  const map = new Map<string, string>();
  const names = new Intl.DisplayNames("en", { type: "region" });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        continue;
      }
      if (!name || name === code || NOT_COUNTRIES.has(code) || /^X/.test(code)) continue;
      // ICU also names old and alias codes ("DD" and "UK"): keep only the canonical ones.
      if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      map.set(code.toLowerCase(), code);
      map.set(fold(name), code);
      // "Myanmar (Burma)" is also "Myanmar".
      if (name.includes("(")) map.set(fold(name.replace(/\s*\(.*\)/, "")), code);
    }
  }
  for (const [k, v] of Object.entries(COUNTRY_ALIASES)) map.set(k, v);
  return map;
}

/** "Portugal", "pt", "United Kingdom", "UK" → ISO alpha-2; null when not a known country. */
export function countryCode(s: string | null | undefined): string | null {
  if (!s) return null;
  const key = fold(s);
  if (!key) return null;
  countries ??= countryTable();
  return countries.get(key) ?? null;
}

/** What a parser read about one event; `toDraft` cleans and checks it. */
export interface RawEvent {
  uid: string;
  title: string | null | undefined;
  description?: string | null;
  /** UTC ms. */
  startsAt: number;
  endsAt?: number | null;
  timezone: string;
  venue?: string | null;
  city?: string | null;
  country?: string | null;
  lat?: number | null;
  lng?: number | null;
  url?: string | null;
  /** Resolves relative links. */
  base?: string;
  genres?: string[];
  /** A fee the source states in a field; otherwise the text is searched. */
  fee?: Fee | null;
}

const num = (n: number | null | undefined, lim: number) =>
  typeof n === "number" && Number.isFinite(n) && Math.abs(n) <= lim ? n : null;

/** A short stable tag for a uid too long to keep whole. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/** The draft for `raw`, or a sentence saying why there is none. */
export function toDraft(raw: RawEvent): ExternalGigDraft | string {
  const title = cap(oneLine(raw.title), 200);
  if (!title) return "it has no title";
  if (!Number.isFinite(raw.startsAt)) return "it has no readable start date";
  const description = cap(htmlToText(raw.description ?? ""), 4000);
  let uid = raw.uid.trim() || `${title}|${raw.startsAt}`;
  if (uid.length > 500) uid = `${uid.slice(0, 480)}#${fnv(uid)}`;
  const end = raw.endsAt != null && Number.isFinite(raw.endsAt) && raw.endsAt >= raw.startsAt
    ? new Date(raw.endsAt).toISOString()
    : null;
  let lat = num(raw.lat, 90), lng = num(raw.lng, 180);
  if (lat === null || lng === null) lat = lng = null;
  const fee = raw.fee !== undefined ? raw.fee : findFee(`${title}\n${description}`);
  const draft: ExternalGigDraft = {
    source_uid: uid,
    title,
    description,
    starts_at: new Date(raw.startsAt).toISOString(),
    ends_at: end,
    timezone: raw.timezone || "UTC",
    venue_name: cap(oneLine(raw.venue), 200) || null,
    city: cap(oneLine(raw.city), 120) || null,
    country: countryCode(raw.country),
    lat,
    lng,
    genres: (raw.genres ?? []).map((g) => oneLine(g).toLowerCase()).filter((g) => g).slice(0, 8),
    fee_minor: fee?.fee_minor ?? null,
    currency: fee?.currency ?? null,
    url: safeUrl(raw.url, raw.base),
  };
  const checked = ExternalGigDraft.safeParse(draft);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return `${issue.path.join(".")}: ${issue.message}`;
  }
  return checked.data;
}

/** The instants an event may start in: from a day before `now` to `horizonDays` after it. */
export interface Window {
  from: number;
  to: number;
}

export function windowOf(now: Date, horizonDays = 180): Window {
  const t = now.getTime();
  return { from: t - 86_400_000, to: t + horizonDays * 86_400_000 };
}

export function inWindow(ms: number, w: Window): boolean {
  return ms >= w.from && ms <= w.to;
}

/** What every parser is given besides the body. */
export interface ParseContext {
  window: Window;
  now: Date;
  /** IANA zone for times that name none. */
  defaultTimezone: string;
  /** The body's own address: resolves relative links. */
  base?: string;
}

/**
 * "Venue, 12 Street, 1000-001 Lisbon, Portugal" → venue, city and country, as far as a comma
 * list tells: the first part is the venue; a last part that is a country is the country; the
 * part before it, without postcodes, is the city.
 */
export function splitLocation(
  s: string | null | undefined,
): { venue: string | null; city: string | null; country: string | null } {
  const parts = oneLine(s).split(/\s*[,\n]\s*/).filter((p) => p);
  if (!parts.length) return { venue: null, city: null, country: null };
  let country: string | null = null;
  if (parts.length > 1 && countryCode(parts[parts.length - 1])) {
    country = countryCode(parts.pop());
  }
  let city: string | null = null;
  if (parts.length > 1) {
    const last = parts[parts.length - 1].replace(/\b[A-Z]{0,2}\d[\dA-Z\- ]*\b/g, " ")
      .replace(/\s+/g, " ").trim();
    if (last && !/\d/.test(last)) city = last;
  }
  return { venue: parts[0], city, country };
}
