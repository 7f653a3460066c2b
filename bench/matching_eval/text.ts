/**
 * Bios and gig posts as people write them: instruments, styles and places in prose, plus a few
 * distracting words (another instrument, another city) the ranker's embedding must not chase.
 *
 * @module
 */
import type { City } from "./vocab.ts";

export type Pick = <T>(xs: readonly T[]) => T;

const BIO_OPENERS = [
  (inst: string, c: City, hood: string) => `${cap(inst)} based in ${c.name} (${hood}).`,
  (inst: string, c: City) => `${c.name}-based ${inst} player, gigging for about ten years.`,
  (inst: string, c: City, hood: string) => `I play ${inst} and live in ${hood}, ${c.name}.`,
  (inst: string, c: City) => `Working ${inst} player in ${c.name}, originally from up north.`,
];

const BIO_STYLES = [
  (g: string) => `Mostly ${g}; happiest on a small stage with a good room.`,
  (g: string) => `My home is ${g}, but I read charts and fit into most bands.`,
  (g: string) => `Weddings, clubs and festivals, usually ${g}.`,
  (g: string) => `Grew up on ${g} records and never really left.`,
];

/** Distracting sentences: another instrument, another city, another style. */
const BIO_NOISE = [
  "My brother is the drummer in the family; I stay away from the kit.",
  "Spent two winters in Berlin playing techno parties, not my thing anymore.",
  "Studied piano as a kid, but please don't book me for keys.",
  "Big fan of Lisbon's fado houses, though I don't sing.",
  "Not a DJ, sorry!",
  "Toured New York once with a salsa band as the roadie.",
  "Happy to travel for festivals if the fee covers it.",
  "Own van, own PA, no drama.",
  "I also teach beginners online.",
  "Lover of opera, though you will never hear me sing one.",
];

export function musicianBio(
  pick: Pick,
  c: City,
  inst: string,
  genres: string,
  extra: string,
): string {
  const hood = pick(c.hoods);
  const parts = [pick(BIO_OPENERS)(inst, c, hood), pick(BIO_STYLES)(genres)];
  if (extra) parts.push(extra);
  parts.push(pick(BIO_NOISE));
  return parts.join(" ");
}

const GIG_OPENERS: Record<string, ((venue: string, place: string) => string)[]> = {
  live_show: [
    (v, p) => `Live night at ${v} in ${p}.`,
    (v, p) => `We run a monthly series at ${v}, ${p}, and this month we need help.`,
    (v, p) => `Private party in ${p}, the venue is ${v}.`,
  ],
  session: [
    (v, p) => `Studio session at ${v} (${p}) for an EP.`,
    (v, p) => `Recording a single at ${v}, ${p}; charts sent in advance.`,
  ],
  teaching: [
    (v, p) => `Workshop for teenagers at ${v}, ${p}.`,
    (v, p) => `Group masterclass at ${v} in ${p}.`,
  ],
  other: [
    (v, p) => `Wedding reception at ${v}, ${p}.`,
    (v, p) => `Corporate dinner at ${v} in ${p}; background sets.`,
  ],
};

const GIG_NOISE = [
  "Our usual drummer cancelled, but the line-up is otherwise set.",
  "Last time we had a DJ, the crowd wanted something live.",
  "Guests are flying in from London and Paris.",
  "No PA needed, the room has one. Parking is tricky.",
  "Dress code: smart. Dinner included.",
  "The piano in the room is out of tune, so bring your own if you need one.",
];

export function gigDescription(
  pick: Pick,
  kind: string,
  venue: string,
  place: string,
  instruments: string,
  genres: string,
): string {
  const want = instruments ? `Looking for: ${instruments}` : "Any act welcome";
  const style = genres ? `, ${genres} set` : "";
  return `${pick(GIG_OPENERS[kind])(venue, place)} ${want}${style}. ${pick(GIG_NOISE)}`;
}

export function listPhrase(xs: string[], joiner = "and"): string {
  if (xs.length <= 1) return xs[0] ?? "";
  return `${xs.slice(0, -1).join(", ")} ${joiner} ${xs[xs.length - 1]}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
