/**
 * A performer's fee written in an event's text ("Fee: €150", "£200 per set", "pays 300 EUR",
 * "Gage 200 €"), in minor units plus an ISO 4217 code. Only money tied to a fee word (fee, pays,
 * gage, cachet, Honorar…) or to a performer unit ("per set", "per musician") counts: a ticket
 * price ("Tickets £10", "entry fee €5", "£8 on the door") is not a fee.
 *
 * @module
 */

export interface Fee {
  fee_minor: number;
  currency: string;
}

const SYMBOLS: Record<string, string> = {
  "€": "EUR",
  "£": "GBP",
  "$": "USD",
  "US$": "USD",
  "A$": "AUD",
  "AU$": "AUD",
  "C$": "CAD",
  "CA$": "CAD",
  "NZ$": "NZD",
  "R$": "BRL",
  "₹": "INR",
  "¥": "JPY",
  "CHF": "CHF",
  "kr": "SEK",
  "zł": "PLN",
};

let codes: Set<string> | null = null;
function isCurrency(code: string): boolean {
  codes ??= new Set(Intl.supportedValuesOf("currency"));
  return codes.has(code);
}

const digitsCache = new Map<string, number>();
/** Minor-unit digits of `currency` (JPY 0, EUR 2, BHD 3). */
export function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/** "1,500" and "1.500" are thousands; "150.50" and "150,50" are decimals. */
export function parseAmount(s: string): number | null {
  const t = s.replace(/[\s\u00a0']/g, "");
  if (!/^\d[\d.,]*$/.test(t)) return null;
  const lastDot = t.lastIndexOf("."), lastComma = t.lastIndexOf(",");
  const sep = Math.max(lastDot, lastComma);
  let int = t, frac = "";
  if (sep >= 0) {
    const after = t.slice(sep + 1);
    const both = lastDot >= 0 && lastComma >= 0;
    if (both || after.length !== 3) {
      int = t.slice(0, sep);
      frac = after;
    }
  }
  int = int.replace(/[.,]/g, "");
  const n = Number(`${int}.${frac || "0"}`);
  return Number.isFinite(n) ? n : null;
}

const SYM = String.raw`(?:US\$|AU?\$|CA?\$|NZ\$|R\$|[€£$₹¥]|CHF|zł|\b[A-Z]{3}\b)`;
const NUM = String.raw`(?:\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?!\d)`;
const MONEY = String.raw`(?:(${SYM})\s?(${NUM})|(${NUM})\s?(${SYM}|kr\b))`;
const WORDS = String
  .raw`\b(?:fees?|pays|pay(?=\s*:)|paying|paid|payment|gage|cachet|cach[eê]|honorar(?:ium)?|compensation|remuneration|budget)(?![a-z])`;
const BY_WORD = new RegExp(`${WORDS}[^\\d€£$₹¥\\n]{0,25}?${MONEY}`, "gi");
const BY_UNIT = new RegExp(
  `${MONEY}\\s*(?:per|a|/)\\s*(?:set|gig|performer|musician|band|artist|act|show|player)\\b`,
  "gi",
);
/** Fee words that name a ticket or a charge to the public, not the performer's pay. */
const NOT_PAY =
  /\b(?:entry|entrance|door|booking|admission|cover|ticket|registration|application|submission|service|transaction|parking)\s*$/i;

const PRICE_AFTER =
  /^\s*(?:(?:on|at)\s+the\s+door|entry|admission|per\s+(?:person|head|ticket)|pp\b|a\s+head|(?:in\s+)?advance|adv\b|tickets?|concessions?)/i;

function toFee(symOrCode: string, amount: string): Fee | null {
  const key = symOrCode.trim();
  const currency = SYMBOLS[key] ?? SYMBOLS[key.toLowerCase()] ??
    // Codes in capitals only ("pays 200 all in" is not Albanian lek), but for the usual three.
    ((/^[A-Z]{3}$/.test(key) || /^(?:eur|gbp|usd)$/.test(key)) && isCurrency(key.toUpperCase())
      ? key.toUpperCase()
      : null);
  if (!currency) return null;
  const n = parseAmount(amount);
  if (n === null || n <= 0 || n > 10_000_000) return null;
  return { fee_minor: Math.round(n * 10 ** minorDigits(currency)), currency };
}

function fromMatch(m: RegExpMatchArray): Fee | null {
  return m[1] !== undefined ? toFee(m[1], m[2]) : toFee(m[4], m[3]);
}

/** The first performer fee stated in `text`, or null. */
export function findFee(text: string): Fee | null {
  if (!text) return null;
  BY_WORD.lastIndex = 0;
  for (let m = BY_WORD.exec(text); m; m = BY_WORD.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    if (NOT_PAY.test(before)) continue;
    // "free entry" or "tickets" between the word and the money: the money is a price.
    const between = m[0].slice(0, m[0].search(/\d|[€£$₹¥]/));
    if (/ticket|entry|admission|door|pp\b|per person|suggest|donat|what you/i.test(between)) {
      continue;
    }
    // "… £10 on the door", "… €5 per person": what the public pays.
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (PRICE_AFTER.test(after)) continue;
    const fee = fromMatch(m);
    if (fee) return fee;
  }
  BY_UNIT.lastIndex = 0;
  for (let m = BY_UNIT.exec(text); m; m = BY_UNIT.exec(text)) {
    const fee = fromMatch(m);
    if (fee) return fee;
  }
  return null;
}

/**
 * A fee written in a field of its own ("150", "€150", "150.00 EUR", "1.500 €"), with the
 * currency from `currency` when the text has none. A sentence when it cannot be read.
 */
export function readMoney(s: string, currency?: string | null): Fee | string {
  const t = s.trim();
  const m = t.match(new RegExp(`^${MONEY}$`, "i"));
  if (m) {
    const fee = fromMatch(m);
    if (fee) return fee;
  }
  const code = currency?.trim().toUpperCase() ?? "";
  if (/^\d[\d.,\s]*$/.test(t)) {
    if (!code) return `fee "${t}" has no currency (add a currency column or write €150)`;
    const fee = toFee(code, t);
    return fee ?? `currency "${currency}" is not an ISO 4217 code`;
  }
  return `fee "${t}" is not an amount`;
}
