/**
 * The offline AI adapter: a deterministic lexical embedding; no generator, moderator or image model
 * (each AI task has its own offline producer, see task.ts; moderation falls back to the caller's
 * rules and images to drawn SVGs).
 *
 * The embedding hashes normalised terms into `EMBEDDING_DIMS` signed buckets (the "hashing trick")
 * and L2-normalises, so cosine similarity is a weighted term overlap. Text built by
 * the database (`private.*_embedding_text`) labels its lines (`Genres: …`, `Instruments: …`,
 * `Location: …`); terms on labelled lines weigh more than free text. Synonyms and inflections collapse onto one term
 * ("guitarist" → guitar, "drummer" → drums, "hip-hop" → hiphop), so a jazz guitarist's profile
 * and a gig wanting "guitar" for a "jazz" night land close together.
 *
 * @module
 */
import { type AiPort, AiUnavailableError, type Embedded, EMBEDDING_DIMS } from "./port.ts";

export const OFFLINE_EMBEDDING_MODEL = "offline-lexical-v1";
export const OFFLINE_WRITER_MODEL = "offline-writer-v1";

/** Weight of a term by the labelled line it appears on; unlabelled text weighs 1. */
export const FIELD_WEIGHTS: Record<string, number> = {
  genres: 3,
  instruments: 3,
  skills: 1.5,
  kind: 1,
  languages: 0.5,
  title: 1.5,
  // Where someone is belongs to what they offer: the nearest neighbours of a gig are then near it
  // too, which keeps the re-ranked top results inside a small candidate set (lib/domains/matching).
  location: 8,
};

/** Multi-word phrases first, so "drum and bass" never becomes drums + bass. */
const PHRASES: [RegExp, string][] = [
  [/\bdrum\s*(?:and|&|n|'n')\s*bass\b/g, " dnb "],
  [/\bhip[\s-]?hop\b/g, " hiphop "],
  [/\br\s*&\s*b\b|\brnb\b|\brhythm and blues\b/g, " rnb "],
  [/\brock\s*(?:and|&|'n'|n)\s*roll\b/g, " rocknroll "],
  [/\bdouble[\s-]bass\b|\bupright[\s-]bass\b|\bcontrabass\b/g, " doublebass "],
  [/\bbass[\s-]guitar\b|\belectric bass\b/g, " bass "],
  [/\bacoustic guitar\b|\belectric guitar\b|\bclassical guitar\b/g, " guitar "],
  [/\bdrum kit\b|\bdrum set\b/g, " drums "],
  [/\bsinger[\s-]songwriter\b/g, " songwriter vocals "],
  [/\bbig[\s-]band\b/g, " bigband jazz "],
  [/\bk[\s-]pop\b/g, " kpop "],
  [/\bbossa[\s-]nova\b/g, " bossanova "],
  [/\bsight[\s-]reading\b/g, " sightreading "],
  [/\bmusic(?:al)? director\b/g, " musicaldirector "],
  [/\blive looping\b/g, " looping "],
];

/** One canonical term per instrument, genre and role word. */
const SYNONYMS: Record<string, string> = {
  guitarist: "guitar",
  guitars: "guitar",
  drummer: "drums",
  drum: "drums",
  percussionist: "percussion",
  conga: "percussion",
  congas: "percussion",
  bongos: "percussion",
  cajon: "percussion",
  bassist: "bass",
  bassplayer: "bass",
  pianist: "piano",
  keys: "piano",
  keyboard: "piano",
  keyboards: "piano",
  keyboardist: "piano",
  organist: "organ",
  vocalist: "vocals",
  vocal: "vocals",
  singer: "vocals",
  singing: "vocals",
  voice: "vocals",
  saxophonist: "saxophone",
  sax: "saxophone",
  saxes: "saxophone",
  violinist: "violin",
  fiddle: "violin",
  fiddler: "violin",
  cellist: "cello",
  trumpeter: "trumpet",
  trombonist: "trombone",
  flautist: "flute",
  flutist: "flute",
  clarinetist: "clarinet",
  clarinettist: "clarinet",
  harpist: "harp",
  violist: "viola",
  ukulele: "uke",
  banjoist: "banjo",
  deejay: "dj",
  djs: "dj",
  djing: "dj",
  turntable: "dj",
  turntables: "dj",
  turntablist: "dj",
  decks: "dj",
  producer: "production",
  producing: "production",
  songwriting: "songwriter",
  composer: "composition",
  composing: "composition",
  arranger: "arranging",
  arrangement: "arranging",
  arrangements: "arranging",
  improviser: "improvisation",
  improvising: "improvisation",
  improv: "improvisation",
  teacher: "teaching",
  tutor: "teaching",
  lessons: "teaching",
  lesson: "teaching",
  classic: "classical",
  orchestral: "classical",
  orchestra: "classical",
  electronica: "electronic",
  edm: "electronic",
  techno: "electronic",
  house: "electronic",
  hiphop: "hiphop",
  rap: "hiphop",
  rapper: "hiphop",
  metalcore: "metal",
  heavy: "metal",
  punk: "punk",
  soulful: "soul",
  funky: "funk",
  bluesy: "blues",
  jazzy: "jazz",
  folky: "folk",
  acoustic: "acoustic",
  latino: "latin",
  salsa: "latin",
  bossanova: "latin",
  samba: "latin",
  reggaeton: "latin",
  weddings: "wedding",
  gigs: "gig",
  shows: "show",
  concert: "show",
  concerts: "show",
  session: "studio",
  sessions: "studio",
  recording: "studio",
};

const STOPWORDS = new Set(
  (
    "a an and are as at be been but by for from had has have he her his i in into is it its me my " +
    "of on or our she so than that the their them then there these they this to was we were what " +
    "when where which who will with you your yours also can just more most very about over after " +
    "before up out all any each few other some such only own same too s t don should now per via " +
    "i'm i've we're you're it's am do does did doing would could might must shall may let lets get " +
    "got us one two three four five new"
  ).split(" "),
);

/** Lower case, no accents, no punctuation; phrases joined, synonyms and plurals folded. */
export function terms(text: string): string[] {
  let s = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  const out: string[] = [];
  for (const raw of s.split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || STOPWORDS.has(raw) || /^\d+$/.test(raw)) continue;
    out.push(fold(raw));
  }
  return out;
}

function fold(word: string): string {
  const syn = SYNONYMS[word];
  if (syn) return syn;
  // Plurals: "drums" and "vocals" stay as they are (they are the canonical forms).
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !KEEP_S.has(word)) {
    const single = word.slice(0, -1);
    return SYNONYMS[single] ?? single;
  }
  return word;
}

const KEEP_S = new Set(["drums", "vocals", "blues", "bass", "keys", "strings", "brass", "bus"]);

/** FNV-1a, 32 bit: stable across runs and platforms. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Term → accumulated weight, from labelled lines ("Genres: jazz, soul") and free text. */
export function weightedTerms(text: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = line.match(/^\s*([A-Za-z ]{2,20}):\s*(.*)$/);
    const label = m ? m[1].trim().toLowerCase() : "";
    const w = FIELD_WEIGHTS[label] ?? 1;
    for (const t of terms(m ? m[2] : line)) weights.set(t, (weights.get(t) ?? 0) + w);
  }
  return weights;
}

/**
 * The lexical embedding of one text: each term lands in two signed buckets (two hashes halve the
 * damage of a collision); a term's weight is damped with a square root so that repeating a word
 * does not drown the rest; the vector is L2-normalised. Empty text gives the zero vector.
 */
export function lexicalEmbedding(text: string, dims = EMBEDDING_DIMS): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const [term, weight] of weightedTerms(text)) {
    const w = Math.sqrt(weight);
    const h1 = fnv1a(term);
    const h2 = fnv1a(`#${term}`);
    v[h1 % dims] += (h1 & 0x80000000 ? -1 : 1) * w;
    v[h2 % dims] += (h2 & 0x80000000 ? -1 : 1) * w * 0.5;
  }
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) { for (let i = 0; i < dims; i++) v[i] = Math.round((v[i] / norm) * 1e6) / 1e6; }
  return v;
}

/**
 * The offline port: lexical embeddings; `generate`, `moderate` and `image` reject with
 * `AiUnavailableError` (no model is configured), the one signal every caller already handles.
 */
export function createOfflineAi(): AiPort {
  return {
    mode: "offline",
    model: OFFLINE_WRITER_MODEL,
    embeddingModel: OFFLINE_EMBEDDING_MODEL,
    generate() {
      return Promise.reject(
        new AiUnavailableError("No AI provider configured (set OPENAI_API_KEY or OPENAI_BASE_URL)"),
      );
    },
    embed(texts: string[]): Promise<Embedded> {
      return Promise.resolve({
        vectors: texts.map((t) => lexicalEmbedding(t)),
        model: OFFLINE_EMBEDDING_MODEL,
        dims: EMBEDDING_DIMS,
      });
    },
    moderate() {
      return Promise.reject(
        new AiUnavailableError("No moderation offline: apply the offline rules instead"),
      );
    },
    image() {
      return Promise.reject(new AiUnavailableError("No image model offline: draw one instead"));
    },
  };
}
