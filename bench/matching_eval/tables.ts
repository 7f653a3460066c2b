/**
 * The label rules' own vocabulary: how a booker folds tag variants ("Keys", "keyboards",
 * "piano") and which genres are one family. Written for the evaluation set, independent of the
 * ranking code's tables on purpose (a shared table would let a bug grade itself).
 *
 * @module
 */

/** Lower-case, "&" as "n" (R&B = rnb), everything but letters and digits dropped. */
export function normKey(tag: string): string {
  return tag.toLowerCase().replace(/&/g, "n").replace(/[^a-z0-9]/g, "");
}

/** Variant (as normKey) → canonical instrument. A keyboard player can take a piano gig. */
export const INSTRUMENT_SYNONYMS: Readonly<Record<string, string>> = {
  keys: "keys",
  keyboard: "keys",
  keyboards: "keys",
  piano: "keys",
  pianist: "keys",
  keyboardist: "keys",
  guitar: "guitar",
  guitarist: "guitar",
  electricguitar: "guitar",
  acousticguitar: "guitar",
  bass: "bass",
  bassguitar: "bass",
  electricbass: "bass",
  bassist: "bass",
  doublebass: "double bass",
  uprightbass: "double bass",
  contrabass: "double bass",
  drums: "drums",
  drummer: "drums",
  drumkit: "drums",
  sax: "saxophone",
  saxophone: "saxophone",
  saxophonist: "saxophone",
  altosax: "saxophone",
  tenorsax: "saxophone",
  tenorsaxophone: "saxophone",
  trumpet: "trumpet",
  trumpeter: "trumpet",
  vocals: "vocals",
  vocalist: "vocals",
  singer: "vocals",
  leadvocals: "vocals",
  violin: "violin",
  violinist: "violin",
  fiddle: "violin",
  cello: "cello",
  cellist: "cello",
  dj: "dj",
  turntables: "dj",
  djdecks: "dj",
  percussion: "percussion",
  percussionist: "percussion",
  congas: "percussion",
};

/** Variant (as normKey) → canonical genre. */
export const GENRE_SYNONYMS: Readonly<Record<string, string>> = {
  jazz: "jazz",
  swing: "swing",
  bebop: "bebop",
  bossanova: "bossa nova",
  bossa: "bossa nova",
  rock: "rock",
  indie: "indie",
  indierock: "indie",
  punk: "punk",
  punkrock: "punk",
  metal: "metal",
  heavymetal: "metal",
  soul: "soul",
  funk: "funk",
  rnb: "r&b",
  rhythmandblues: "r&b",
  gospel: "gospel",
  electronic: "electronic",
  edm: "electronic",
  house: "house",
  deephouse: "house",
  techno: "techno",
  classical: "classical",
  baroque: "baroque",
  opera: "opera",
  folk: "folk",
  country: "country",
  bluegrass: "bluegrass",
  singersongwriter: "singer-songwriter",
  fado: "fado",
  latin: "latin",
  salsa: "salsa",
  samba: "samba",
  hiphop: "hip-hop",
  rap: "rap",
};

/** Canonical genre → family. A family's head genre has the family's name. */
export const GENRE_FAMILY: Readonly<Record<string, string>> = {
  jazz: "jazz",
  swing: "jazz",
  bebop: "jazz",
  "bossa nova": "jazz",
  rock: "rock",
  indie: "rock",
  punk: "rock",
  metal: "rock",
  soul: "soul",
  funk: "soul",
  "r&b": "soul",
  gospel: "soul",
  electronic: "electronic",
  house: "electronic",
  techno: "electronic",
  classical: "classical",
  baroque: "classical",
  opera: "classical",
  folk: "folk",
  country: "folk",
  bluegrass: "folk",
  "singer-songwriter": "folk",
  fado: "folk",
  latin: "latin",
  salsa: "latin",
  samba: "latin",
  "hip-hop": "hip-hop",
  rap: "hip-hop",
};

export function foldInstrument(tag: string): string {
  const k = normKey(tag);
  return INSTRUMENT_SYNONYMS[k] ?? k;
}

export function foldGenre(tag: string): string {
  const k = normKey(tag);
  return GENRE_SYNONYMS[k] ?? k;
}

/** Unknown genres are their own family, so they never match anything else by accident. */
export function genreFamily(tag: string): string {
  const g = foldGenre(tag);
  return GENRE_FAMILY[g] ?? `?${g}`;
}
