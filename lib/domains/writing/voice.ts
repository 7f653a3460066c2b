/**
 * Who is speaking: one musician or a group. A band writes "We're …" and its bio says "The
 * quartet …"; only a solo act writes "I'm …". Told from the stage name ("Marcus Bell Trio",
 * "The Liffey Ramblers", "Kalle & The Night Shift"), the bio ("we are a four-piece") and the
 * skills ("function band").
 *
 * @module
 */
import type { MusicianFacts } from "../gigs/facts.ts";

export const ACT_KINDS = [
  "duo",
  "trio",
  "quartet",
  "quintet",
  "sextet",
  "band",
  "ensemble",
  "orchestra",
  "brass",
  "choir",
  "collective",
] as const;
export type ActKind = typeof ACT_KINDS[number];

export interface Act {
  /** More than one person: write "we", never "I'm <name>". */
  group: boolean;
  /** What kind of group, when it says so; "band" when it does not. */
  kind: ActKind | null;
  /** Members, when the name or bio tells. */
  members: number | null;
  /** The name reads as a plural ("The Liffey Ramblers"): "are", not "is". */
  pluralName: boolean;
}

// The words that name a group, in the five languages the writer knows.
const KIND_WORDS: [RegExp, ActKind, number | null][] = [
  [/\b(duo|dúo|duet|duett)\b/i, "duo", 2],
  [/\b(trio|trío)\b/i, "trio", 3],
  [/(quartet|quartett|quarteto|cuarteto|quatuor)\b/i, "quartet", 4],
  [/(quintet|quintett|quinteto|quintette)\b/i, "quintet", 5],
  [/(sextet|sextett|sexteto|sextuor)\b/i, "sextet", 6],
  [/\b(brass|fanfare|fanfarra|blaskapelle)\b/i, "brass", null],
  [/\b(orchestra|orchester|orquesta|orquestra|orchestre|big ?band)\b/i, "orchestra", null],
  [/\b(choir|chor|coro|chœur|choeur|singers)\b/i, "choir", null],
  [/\b(ensemble|conjunto)\b/i, "ensemble", null],
  [/\b(collective|kollektiv|colectivo|coletivo|collectif)\b/i, "collective", null],
  [/\b(band|banda|groupe|gruppe|combo)\b/i, "band", null],
];

const PLURAL_FAMILY =
  /\b(brothers|sisters|bros|frères|freres|sœurs|soeurs|hermanos|hermanas|irmãos|irmãs|brüder|schwestern)\b/i;
/** "The Liffey Ramblers", "Los Lobos", "Die Ärzte": an article and a plural noun. */
const PLURAL_THE = /^(the|los|las|les|os|as|die)\s+\S.*\S(s|es|en|x)$/i;
const AND_THE = /\s(&|and|y|e|et|und)\s+(the|los|las|les|os|as|die)\s/i;

const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const PIECE = /\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)[- ]piece\b/i;
const BIO_WE =
  /\b(we are|we're|we play|our band|nosotros|somos un|somos una|nous sommes|wir sind|nós somos)\b/i;
// "X is a jazz quartet", not "she leads a trio": the group word right after "is a" (a few words in).
const BIO_IS_GROUP =
  /\b(is|are|es|est|ist|é|são|son|sont|sind)\s+(a|an|un|una|une|ein|eine|um|uma)\s+(\S+\s+){0,3}?(duo|dúo|trio|trío|quartet\w*|quarteto|cuarteto|quintet\w*|quinteto|band|banda|groupe|ensemble|orchestra|choir|collective|[\w-]+-piece)\b/i;

/** Who is speaking for `m`. */
export function actOf(m: Pick<MusicianFacts, "stage_name" | "bio" | "skills">): Act {
  const name = m.stage_name.trim();
  const bio = (m.bio ?? "").slice(0, 1500);
  let kind: ActKind | null = null;
  let members: number | null = null;
  for (const [re, k, n] of KIND_WORDS) {
    if (re.test(name)) {
      kind = k;
      members = n;
      break;
    }
  }
  const pluralName = PLURAL_FAMILY.test(name) || PLURAL_THE.test(name) || AND_THE.test(name);
  const piece = bio.match(PIECE) ?? name.match(PIECE);
  if (piece) {
    const raw = piece[1].toLowerCase();
    members = NUMBER_WORDS[raw] ?? Number(raw);
  }
  const bioGroup = BIO_IS_GROUP.exec(bio);
  const bioSaysGroup = Boolean(bioGroup) && startsWithName(bio, bioGroup!.index, name);
  const skillsSayGroup = m.skills.some((s) => /\b(function band|our band)\b/i.test(s));
  const group = kind !== null || pluralName || (members ?? 1) > 1 || BIO_WE.test(bio) ||
    bioSaysGroup || skillsSayGroup;
  if (group && kind === null && bioGroup) {
    for (const [re, k, n] of KIND_WORDS) {
      if (re.test(bioGroup[0])) {
        kind = k;
        members ??= n;
        break;
      }
    }
  }
  if (group && kind === null) kind = kindOfMembers(members);
  return { group, kind, members, pluralName };
}

/** The bio's "is a … quartet" is about the act when the sentence starts with its name or "we". */
function startsWithName(bio: string, at: number, name: string): boolean {
  const sentenceStart = Math.max(bio.lastIndexOf(".", at), bio.lastIndexOf("!", at)) + 1;
  const head = bio.slice(sentenceStart, at).trim().toLowerCase();
  return head.startsWith(name.toLowerCase()) || /^(we|the band|the group)\b/.test(head);
}

function kindOfMembers(n: number | null): ActKind {
  return n === 2 ? "duo" : n === 3 ? "trio" : n === 4 ? "quartet" : n === 5 ? "quintet" : "band";
}
