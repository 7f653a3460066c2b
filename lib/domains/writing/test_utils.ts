/**
 * For the writing tests: `humanProblems` lists what gives a draft away as machine-made (a band
 * introducing itself as one person, a gig's title in quotes, leftovers of templates, the wrong
 * language), and `randomMusician` / `randomGig` make many varied profiles and gigs to run it on.
 *
 * @module
 */
import type { GigFacts, MusicianFacts } from "../gigs/facts.ts";
import { seededRandom } from "../gigs/facts.ts";
import { detectLanguage, type WriteLang } from "./language.ts";

export interface HumanCheck {
  lang: WriteLang;
  /** The act's stage name, and whether it is a group. */
  name?: string;
  group?: boolean;
  /** The draft speaks as the act ("I"/"we"): a proposal. */
  firstPerson?: boolean;
  /** A gig title that must not be quoted (nor, for a proposal, copied word for word). */
  gigTitle?: string;
  noVerbatimTitle?: boolean;
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const esc = (s: string) => s.replace(ESCAPE, "\\$&");

const SOLO_INTRO: Record<WriteLang, string[]> = {
  en: ["I'm", "I am", "My name is"],
  es: ["Soy", "Me llamo"],
  fr: ["Je suis", "Je m'appelle"],
  de: ["Ich bin", "ich bin"],
  pt: ["Sou", "Chamo-me"],
};
const WE: Record<WriteLang, RegExp> = {
  en: /\b(we|we're|we'd|we'll|our|us)\b/i,
  es: /\b(somos|nuestro|nuestra|nos|tocamos|hacemos)\b/i,
  fr: /\b(nous|notre)\b/i,
  de: /\b(wir|unser|unsere)\b/i,
  pt: /\b(somos|nosso|nossa|tocamos|fazemos)\b/i,
};

/** What reads as machine-made in `text`; empty when it reads like a person wrote it. */
export function humanProblems(text: string, o: HumanCheck): string[] {
  const p: string[] = [];
  if (/\bas an ai\b|language model|\[insert|\[[a-z _]+\]|lorem ipsum/i.test(text)) {
    p.push("placeholder or AI talk");
  }
  if (/\b(undefined|null|NaN)\b/.test(text)) p.push("a missing value printed");
  if (/ {2,}/.test(text)) p.push("double space");
  if (/\s[,.]\s|,,|\.\.(?!\.)|\(\s*\)/.test(text)) p.push("stray punctuation");
  const repeat = text.match(/(?<!\p{L})(\p{L}+)\s+\1(?!\p{L})/iu);
  if (repeat && !/^(ha|la)$/i.test(repeat[1])) p.push(`repeated word "${repeat[0]}"`);
  if (/[.!?]\s+\p{Ll}/u.test(text)) p.push("a sentence starting in lower case");
  if (/\{[a-z_]+\}/.test(text)) p.push("a template placeholder left in");
  if (o.name && o.group && o.firstPerson) {
    for (const intro of SOLO_INTRO[o.lang]) {
      if (new RegExp(`${esc(intro)}\\s+(the\\s+)?${esc(o.name)}`, "i").test(text)) {
        p.push(`a group introduced as one person ("${intro} ${o.name}")`);
      }
    }
    if (!WE[o.lang].test(text)) p.push("a group that never says we");
  }
  if (o.name && o.group && o.lang === "en") {
    const single = new RegExp(`${esc(o.name)} (is|are) an? [\\w &'-]*\\b\\w+(ist|er|player)\\b`);
    if (single.test(text)) p.push("a group described as one player");
  }
  if (
    o.name && !o.group && o.firstPerson && new RegExp(`\\bwe're ${esc(o.name)}`, "i").test(text)
  ) {
    p.push("a solo act that says we");
  }
  const title = o.gigTitle?.trim();
  if (title) {
    const quoted = new RegExp(`["“«„'‘]\\s?${esc(title)}\\s?["”»“'’]`, "i");
    if (quoted.test(text)) p.push("the gig's title in quotes");
    if (
      o.noVerbatimTitle && title.split(/\s+/).length >= 3 &&
      text.toLowerCase().includes(title.toLowerCase())
    ) {
      p.push("the gig's title copied word for word");
    }
  }
  const detected = detectLanguage(text);
  if (detected !== o.lang) p.push(`written in ${detected ?? "an unclear language"}, not ${o.lang}`);
  return p;
}

const FIRST = ["Ella", "Tom", "Inês", "Jonas", "Camille", "Lucía", "Kwame", "Aoife", "Rui", "Dana"];
const LAST = ["Hart", "Reis", "Weber", "Laurent", "Fernández", "Mensah", "Byrne", "Kim", "Okafor"];
const GROUPS = [
  (a: string, b: string) => `${a} ${b} Trio`,
  (_a: string, b: string) => `The ${b}s`,
  (a: string) => `${a} & The Night Shift`,
  (_a: string, b: string) => `${b} Quartet`,
  (a: string) => `Los ${a}s`,
  (_a: string, b: string) => `${b} Brass`,
  (a: string, b: string) => `${a} ${b} Band`,
  (_a: string, b: string) => `Les Frères ${b}`,
  (a: string) => `Duo ${a}`,
];
const INSTRUMENTS = [
  "guitar",
  "vocals",
  "piano",
  "double bass",
  "drums",
  "saxophone",
  "violin",
  "cello",
  "trumpet",
  "dj",
  "production",
  "keys",
  "pedal steel",
  "accordion",
  "harp",
  "songwriter",
];
const GENRES = [
  "jazz",
  "soul",
  "latin",
  "classical",
  "electronic",
  "folk",
  "rock",
  "pop",
  "world",
  "hip hop",
  "R&B",
  "country",
  "fado",
];
const SKILLS = [
  "arranging",
  "improvisation",
  "sight-reading",
  "music direction",
  "irish trad",
  "looping",
  "backing vocals",
];
const CITIES: [string, string, number, number][] = [
  ["Lisbon", "PT", 38.72, -9.14],
  ["Madrid", "ES", 40.42, -3.7],
  ["Paris", "FR", 48.86, 2.35],
  ["Berlin", "DE", 52.52, 13.4],
  ["Dublin", "IE", 53.35, -6.26],
  ["São Paulo", "BR", -23.55, -46.63],
];
const BIOS: (string | null)[] = [
  null,
  "",
  "Grew up playing in family bands and never stopped; weddings are a speciality.",
  "Toco desde los quince años en bares y festivales de todo el país, y me encanta el directo.",
  "Nous jouons depuis dix ans dans les clubs de la ville et nous adorons les mariages.",
  "Wir sind eine vierköpfige Band und spielen seit Jahren auf Hochzeiten und Firmenfeiern.",
  "Toco há vinte anos em bares e casamentos, e adoro o contacto com o público.",
  "We are a five-piece band that has played the festival circuit for a decade.",
];

function one<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length) % xs.length];
}
function some<T>(r: () => number, xs: readonly T[], max: number): T[] {
  const n = 1 + Math.floor(r() * max);
  return [...new Set(Array.from({ length: n }, () => one(r, xs)))];
}

/** A varied musician profile, the same for the same `seed`. */
export function randomMusician(seed: number): MusicianFacts {
  const r = seededRandom(`m${seed}`);
  const [a, b] = [one(r, FIRST), one(r, LAST)];
  const group = r() < 0.45;
  const [city, country, lat, lng] = one(r, CITIES);
  const fee = r() < 0.8 ? 20000 + Math.floor(r() * 10) * 10000 : null;
  return {
    stage_name: group ? one(r, GROUPS)(a, b) : `${a} ${b}`,
    bio: one(r, BIOS),
    instruments: some(r, INSTRUMENTS, 4),
    genres: some(r, GENRES, 3),
    skills: r() < 0.7 ? some(r, SKILLS, 3) : [],
    languages: some(r, ["English", "Spanish", "Portuguese", "French", "German", "Irish"], 3),
    city: r() < 0.9 ? city : null,
    country: r() < 0.9 ? country : null,
    lat: lat + r() * 0.2,
    lng: lng + r() * 0.2,
    travel_radius_km: r() < 0.8 ? one(r, [25, 50, 150, 500]) : null,
    fee_min_minor: fee,
    fee_max_minor: fee && r() < 0.7 ? fee + 30000 : null,
    currency: fee ? one(r, ["EUR", "EUR", "GBP"]) : null,
  };
}

const TITLES = [
  "Friday night jazz trio",
  "Sunday brunch duo",
  "Wedding ceremony strings",
  "Session drummer for indie-pop EP",
  "Late jam session host",
  "Rooftop summer party DJ",
  "Noche de rumba en la terraza",
  "Soirée chanson au Petit Caveau",
  "Firmenfeier mit Live-Band",
  "Jantar de fado no Bairro Alto",
  "Corporate gala dinner band",
  "Christmas market carols",
];
const DESCRIPTIONS: (string | null)[] = [
  null,
  "Three sets of standards for a listening crowd of 120. Dinner for the band included.",
  "Relaxed music for our brunch, two sets between 11:30 and 14:00.",
  "Buscamos un grupo para animar la fiesta de la terraza con rumba y pop.",
  "Nous cherchons un pianiste pour une soirée chanson dans notre cave.",
  "Für unsere Firmenfeier suchen wir eine Band, die Pop und Soul spielt.",
  "Procuramos uma fadista e um guitarrista para o jantar de sexta-feira.",
];

/** A varied gig, the same for the same `seed`. */
export function randomGig(seed: number): GigFacts {
  const r = seededRandom(`g${seed}`);
  const [city, country, lat, lng] = one(r, CITIES);
  const remote = r() < 0.1;
  const day = 1 + Math.floor(r() * 27);
  const hour = one(r, [10, 11, 14, 19, 20, 21, 22]);
  return {
    title: one(r, TITLES),
    description: one(r, DESCRIPTIONS),
    kind: one(r, ["live_show", "live_show", "session", "teaching", "other"]),
    genres: r() < 0.9 ? some(r, GENRES, 2) : [],
    instruments: r() < 0.9 ? some(r, INSTRUMENTS, 3) : [],
    starts_at: `2027-03-${String(day).padStart(2, "0")}T${hour}:30:00Z`,
    timezone: one(r, ["Europe/Lisbon", "Europe/Berlin", "America/Sao_Paulo", null]),
    duration_minutes: one(r, [45, 60, 90, 120, 150, 180, 240]),
    remote,
    venue_name: r() < 0.8 ? one(r, ["Blue Lamp", "Casa Azul", "Hot Clube", "The Loft"]) : null,
    city: remote ? null : city,
    country: remote ? null : country,
    lat: remote ? null : lat,
    lng: remote ? null : lng,
    budget_min_minor: r() < 0.6 ? 20000 : null,
    budget_max_minor: r() < 0.8 ? 20000 + Math.floor(r() * 8) * 10000 : null,
    currency: one(r, ["EUR", "EUR", "GBP", "USD"]),
    client_name: r() < 0.5 ? "Casa Azul Eventos" : null,
  };
}
