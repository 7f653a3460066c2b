/**
 * The same event told by several sources (an iCal feed, the venue's page, an RSS post) becomes
 * one: `dedupe(items)` answers, for each duplicate, the id of the item it duplicates.
 *
 * Two items are the same event when all of these hold:
 * - **time**: they start within 2 hours of each other;
 * - **place**: their venues match (names folded: case, accents, punctuation and "the"/"de"-like
 *   words off; equal, or one's words all inside the other's: "Vortex" and "The Vortex Jazz
 *   Club"); when neither names a venue, their cities are equal; one venue named and the other
 *   not is not enough;
 * - **title**: after folding and dropping stop words (articles, "live", "feat", "presents",
 *   and words every listing uses: "night", "show", "concert", "session"), numbers both carry
 *   agree ("vol. 12" is not "vol. 13"), and either the shorter title's words are (almost) all
 *   in the longer one (≥ 80%, at least two words), or their character trigrams overlap with a
 *   Dice coefficient ≥ 0.6. dedupe_test.ts holds the pairs these thresholds were set by (a
 *   guest list or "(live)" added, words reordered, a typo: same; "Jazz brunch" against "Blues
 *   brunch", "Salsa night" against "Samba night", another act: different).
 *
 * Matches are joined transitively (union-find) and each group's canonical item is its first in
 * input order, so callers put the item they prefer to keep (an existing row, a richer source)
 * first. Work is blocked by place (the venue's first significant word, or the city when no
 * venue is named: so "Vortex" and "Jazz Club Vortex" are never compared) and, inside a block, by
 * a sliding 2-hour window over the sorted start times: 50,000 items take about a second here
 * (bench `scout.dedupe.ms`).
 *
 * @module
 */

export interface DedupeItem {
  id: string;
  title: string;
  /** ISO 8601 (any offset) or a Date. */
  starts_at: string | Date;
  venue_name: string | null;
  city: string | null;
}

const WINDOW_MS = 2 * 3_600_000;
const CONTAINMENT = 0.8;
const DICE = 0.6;

const TITLE_STOP = new Set(
  ("the a an and with at in on of for by to live feat ft featuring presents plus vs x " +
    "de da do dos das la le les el los del der die das und com con e y et en au aux " +
    // Words every listing uses: "Salsa night" and "Samba night" share nothing that matters.
    "night nights nite show shows concert concerts gig gigs evening session sessions event")
    .split(" "),
);
const VENUE_STOP = new Set(
  "the a an and at of de da do dos das la le les el los del der die das und e y et".split(" "),
);

function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ß/g, "ss")
    .replace(/&/g, " and ").replace(/[^a-z0-9]+/g, " ").trim();
}

function words(s: string | null, stop: Set<string>): string[] {
  if (!s) return [];
  const all = fold(s).split(" ").filter((w) => w);
  const out: string[] = [];
  for (const w of all) if (!stop.has(w) && !out.includes(w)) out.push(w);
  // A title of common words only ("Live show") is still a title.
  return out.length ? out : [...new Set(all)];
}

function trigrams(ws: string[]): Set<string> {
  const s = ` ${ws.join(" ")} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

interface Prepared {
  index: number;
  at: number;
  title: string[];
  grams: Set<string> | null;
  venue: string[];
  city: string;
}

const isNumber = (w: string) => /^\d+$/.test(w);

/** Share of the smaller list's words found in the larger. */
function containment(a: string[], b: string[]): number {
  const [small, big] = a.length <= b.length ? [a, b] : [b, a];
  if (!small.length) return 0;
  let hit = 0;
  for (const w of small) if (big.includes(w)) hit++;
  return hit / small.length;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let hit = 0;
  for (const g of small) if (big.has(g)) hit++;
  return (2 * hit) / (a.size + b.size);
}

/** The title rule of the module doc. */
export function similarTitles(a: string, b: string): boolean {
  const x = prepare({ id: "", title: a, starts_at: new Date(0), venue_name: null, city: null }, 0);
  const y = prepare({ id: "", title: b, starts_at: new Date(0), venue_name: null, city: null }, 0);
  return titlesMatch(x, y);
}

function titlesMatch(a: Prepared, b: Prepared): boolean {
  if (!a.title.length || !b.title.length) return false;
  // "Jam vol. 12" and "Jam vol. 13": numbers both titles carry must agree.
  const na = a.title.filter(isNumber), nb = b.title.filter(isNumber);
  if (na.length && nb.length && (na.length !== nb.length || na.some((n) => !nb.includes(n)))) {
    return false;
  }
  if (
    Math.min(a.title.length, b.title.length) >= 2 && containment(a.title, b.title) >= CONTAINMENT
  ) {
    return true;
  }
  a.grams ??= trigrams(a.title);
  b.grams ??= trigrams(b.title);
  return dice(a.grams, b.grams) >= DICE;
}

function placesMatch(a: Prepared, b: Prepared): boolean {
  if (a.venue.length && b.venue.length) {
    return containment(a.venue, b.venue) === 1;
  }
  if (!a.venue.length && !b.venue.length) return a.city !== "" && a.city === b.city;
  return false;
}

function prepare(item: DedupeItem, index: number): Prepared {
  const at = item.starts_at instanceof Date ? item.starts_at.getTime() : Date.parse(item.starts_at);
  return {
    index,
    at,
    title: words(item.title, TITLE_STOP),
    grams: null,
    venue: words(item.venue_name, VENUE_STOP),
    city: item.city ? fold(item.city) : "",
  };
}

/**
 * For each item that duplicates another, the id of its group's canonical item (the first of
 * the group in input order). Items that duplicate nothing, and canonical items, are not keys.
 */
export function dedupe(items: DedupeItem[]): Map<string, string> {
  const parent = new Int32Array(items.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  // The smaller index becomes the root, so a group's root is its first item.
  const union = (i: number, j: number) => {
    const a = find(i), b = find(j);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
  };

  const blocks = new Map<string, Prepared[]>();
  items.forEach((item, i) => {
    const p = prepare(item, i);
    if (!Number.isFinite(p.at) || !p.title.length) return;
    const key = p.venue.length ? `v:${p.venue[0]}` : p.city ? `c:${p.city}` : null;
    if (key === null) return;
    let block = blocks.get(key);
    if (!block) blocks.set(key, block = []);
    block.push(p);
  });
  for (const block of blocks.values()) {
    block.sort((a, b) => a.at - b.at);
    for (let i = 0; i < block.length; i++) {
      const a = block[i];
      for (let j = i + 1; j < block.length && block[j].at - a.at <= WINDOW_MS; j++) {
        const b = block[j];
        if (find(a.index) === find(b.index)) continue;
        if (placesMatch(a, b) && titlesMatch(a, b)) union(a.index, b.index);
      }
    }
  }
  const out = new Map<string, string>();
  for (let i = 0; i < items.length; i++) {
    const root = find(i);
    if (root !== i) out.set(items[i].id, items[root].id);
  }
  return out;
}
