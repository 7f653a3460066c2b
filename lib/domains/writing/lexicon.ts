/**
 * The words the offline writer needs in each language: what a musician does with each
 * instrument ("toca el contrabajo", "joue de la contrebasse"), genres, kinds of group, events,
 * and the cities people type in English. Anything not listed is used as the user typed it.
 *
 * Verbs instead of role nouns keep Spanish, French, German and Portuguese free of a gender the
 * profile does not state ("toca la guitarra", not "un/una guitarrista").
 *
 * @module
 */
import { canonical } from "../gigs/facts.ts";
import type { WriteLang } from "./language.ts";
import type { ActKind } from "./voice.ts";

type Words = Record<WriteLang, string>;

/** What the musician does: play an instrument (its object per language), or one of the verbs. */
export type Doing =
  | { verb: "play"; obj: Words }
  | { verb: "sing" | "dj" | "produce" | "write" };

// Objects of "play": en bare, es/pt with or without article as usual there, fr with "de",
// de as a bare noun.
const PLAY: Record<string, Words> = {
  guitar: w("guitar", "la guitarra", "de la guitare", "Gitarre", "guitarra"),
  bass: w("bass", "el bajo", "de la basse", "Bass", "baixo"),
  doublebass: w("double bass", "el contrabajo", "de la contrebasse", "Kontrabass", "contrabaixo"),
  piano: w("piano", "el piano", "du piano", "Klavier", "piano"),
  organ: w("organ", "el órgano", "de l'orgue", "Orgel", "órgão"),
  drums: w("drums", "la batería", "de la batterie", "Schlagzeug", "bateria"),
  saxophone: w("saxophone", "el saxo", "du saxophone", "Saxofon", "saxofone"),
  violin: w("violin", "el violín", "du violon", "Geige", "violino"),
  viola: w("viola", "la viola", "de l'alto", "Bratsche", "viola d'arco"),
  cello: w("cello", "el violonchelo", "du violoncelle", "Cello", "violoncelo"),
  trumpet: w("trumpet", "la trompeta", "de la trompette", "Trompete", "trompete"),
  trombone: w("trombone", "el trombón", "du trombone", "Posaune", "trombone"),
  flute: w("flute", "la flauta", "de la flûte", "Querflöte", "flauta"),
  clarinet: w("clarinet", "el clarinete", "de la clarinette", "Klarinette", "clarinete"),
  harp: w("harp", "el arpa", "de la harpe", "Harfe", "harpa"),
  percussion: w("percussion", "percusión", "des percussions", "Percussion", "percussão"),
  accordion: w("accordion", "el acordeón", "de l'accordéon", "Akkordeon", "acordeão"),
  uke: w("ukulele", "el ukelele", "du ukulélé", "Ukulele", "ukulele"),
  banjo: w("banjo", "el banjo", "du banjo", "Banjo", "banjo"),
  mandolin: w("mandolin", "la mandolina", "de la mandoline", "Mandoline", "bandolim"),
  synth: w("synths", "sintetizadores", "des synthés", "Synthesizer", "sintetizadores"),
};
const AS_TYPED_PLAY: Record<string, Words> = {
  keys: w("keys", "los teclados", "des claviers", "Keyboard", "teclados"),
  keyboard: w("keys", "los teclados", "des claviers", "Keyboard", "teclados"),
  keyboards: w("keys", "los teclados", "des claviers", "Keyboard", "teclados"),
};

function w(en: string, es: string, fr: string, de: string, pt: string): Words {
  return { en, es, fr, de, pt };
}

/** What playing `instrument` is, in every language. */
export function doingOf(instrument: string): Doing {
  const raw = instrument.trim().toLowerCase();
  const c = canonical(instrument);
  if (c === "vocals") return { verb: "sing" };
  if (c === "dj") return { verb: "dj" };
  if (c === "production") return { verb: "produce" };
  if (c === "songwriter") return { verb: "write" };
  const known = AS_TYPED_PLAY[raw] ?? PLAY[c];
  if (known) return { verb: "play", obj: known };
  const fr = /^[aeiouhéè]/i.test(raw) ? `de l'${raw}` : `du ${raw}`;
  return { verb: "play", obj: w(raw, raw, fr, capitaliseWord(raw), raw) };
}

function capitaliseWord(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

const GENRES: Record<string, Words> = {
  jazz: w("jazz", "jazz", "jazz", "Jazz", "jazz"),
  soul: w("soul", "soul", "soul", "Soul", "soul"),
  latin: w("Latin", "música latina", "latino", "Latin", "música latina"),
  world: w("world music", "músicas del mundo", "world", "Weltmusik", "world music"),
  folk: w("folk", "folk", "folk", "Folk", "folk"),
  classical: w("classical", "música clásica", "classique", "Klassik", "música clássica"),
  electronic: w(
    "electronic",
    "música electrónica",
    "électro",
    "elektronische Musik",
    "música eletrónica",
  ),
  pop: w("pop", "pop", "pop", "Pop", "pop"),
  rock: w("rock", "rock", "rock", "Rock", "rock"),
  blues: w("blues", "blues", "blues", "Blues", "blues"),
  metal: w("metal", "metal", "metal", "Metal", "metal"),
  country: w("country", "country", "country", "Country", "country"),
  hiphop: w("hip-hop", "hip-hop", "hip-hop", "Hip-Hop", "hip-hop"),
  rnb: w("R&B", "R&B", "R&B", "R&B", "R&B"),
  funk: w("funk", "funk", "funk", "Funk", "funk"),
  reggae: w("reggae", "reggae", "reggae", "Reggae", "reggae"),
  gospel: w("gospel", "gospel", "gospel", "Gospel", "gospel"),
  punk: w("punk", "punk", "punk", "Punk", "punk"),
  disco: w("disco", "disco", "disco", "Disco", "disco"),
};

/** A genre in `lang`: "classical" → "música clásica", "Klassik"; unknown ones as typed. */
export function genreIn(genre: string, lang: WriteLang): string {
  const known = GENRES[canonical(genre)];
  if (known) return known[lang];
  const raw = genre.trim().toLowerCase();
  return lang === "de" ? capitaliseWord(raw) : raw;
}

/** A kind of group, with its grammatical gender where the language has one. */
export interface Noun {
  word: string;
  gender: "m" | "f" | "n";
}

const KINDS: Record<ActKind, Record<WriteLang, Noun>> = {
  duo: k(["duo", "n"], ["dúo", "m"], ["duo", "m"], ["Duo", "n"], ["duo", "m"]),
  trio: k(["trio", "n"], ["trío", "m"], ["trio", "m"], ["Trio", "n"], ["trio", "m"]),
  quartet: k(["quartet", "n"], ["cuarteto", "m"], ["quartet", "m"], ["Quartett", "n"], [
    "quarteto",
    "m",
  ]),
  quintet: k(["quintet", "n"], ["quinteto", "m"], ["quintette", "m"], ["Quintett", "n"], [
    "quinteto",
    "m",
  ]),
  sextet: k(["sextet", "n"], ["sexteto", "m"], ["sextet", "m"], ["Sextett", "n"], [
    "sexteto",
    "m",
  ]),
  band: k(["band", "n"], ["grupo", "m"], ["groupe", "m"], ["Band", "f"], ["banda", "f"]),
  ensemble: k(["ensemble", "n"], ["conjunto", "m"], ["ensemble", "m"], ["Ensemble", "n"], [
    "ensemble",
    "m",
  ]),
  orchestra: k(["orchestra", "n"], ["orquesta", "f"], ["orchestre", "m"], ["Orchester", "n"], [
    "orquestra",
    "f",
  ]),
  brass: k(["brass band", "n"], ["banda de metales", "f"], ["fanfare", "f"], ["Brassband", "f"], [
    "fanfarra",
    "f",
  ]),
  choir: k(["choir", "n"], ["coro", "m"], ["chœur", "m"], ["Chor", "m"], ["coro", "m"]),
  collective: k(["collective", "n"], ["colectivo", "m"], ["collectif", "m"], ["Kollektiv", "n"], [
    "coletivo",
    "m",
  ]),
};

type NounPair = [string, Noun["gender"]];
function k(en: NounPair, es: NounPair, fr: NounPair, de: NounPair, pt: NounPair) {
  const n = ([word, gender]: NounPair): Noun => ({ word, gender });
  return { en: n(en), es: n(es), fr: n(fr), de: n(de), pt: n(pt) };
}

export function kindNoun(kind: ActKind, lang: WriteLang): Noun {
  return KINDS[kind][lang];
}

// Cities people type in English, as each language writes them.
const CITIES: Record<string, Partial<Words>> = {
  lisbon: { es: "Lisboa", fr: "Lisbonne", de: "Lissabon", pt: "Lisboa" },
  lisboa: { en: "Lisbon", fr: "Lisbonne", de: "Lissabon" },
  porto: { es: "Oporto" },
  berlin: { es: "Berlín", pt: "Berlim" },
  hamburg: { es: "Hamburgo", fr: "Hambourg", pt: "Hamburgo" },
  munich: { es: "Múnich", de: "München", pt: "Munique" },
  vienna: { es: "Viena", fr: "Vienne", de: "Wien", pt: "Viena" },
  london: { es: "Londres", fr: "Londres", pt: "Londres" },
  paris: { es: "París" },
  barcelona: { fr: "Barcelone" },
  seville: { es: "Sevilla", fr: "Séville", de: "Sevilla", pt: "Sevilha" },
  amsterdam: { es: "Ámsterdam", pt: "Amesterdão" },
  dublin: { es: "Dublín" },
  brussels: { es: "Bruselas", fr: "Bruxelles", de: "Brüssel", pt: "Bruxelas" },
  cologne: { es: "Colonia", de: "Köln", pt: "Colónia" },
  rome: { es: "Roma", de: "Rom", pt: "Roma" },
  milan: { es: "Milán", de: "Mailand", pt: "Milão" },
  geneva: { es: "Ginebra", fr: "Genève", de: "Genf", pt: "Genebra" },
  "new york": { es: "Nueva York", pt: "Nova Iorque" },
  "new orleans": { es: "Nueva Orleans", fr: "La Nouvelle-Orléans", pt: "Nova Orleães" },
  prague: { es: "Praga", de: "Prag", pt: "Praga" },
  warsaw: { es: "Varsovia", fr: "Varsovie", de: "Warschau", pt: "Varsóvia" },
  copenhagen: { es: "Copenhague", fr: "Copenhague", de: "Kopenhagen", pt: "Copenhaga" },
};

/** `city` as `lang` writes it ("Lisbon" → "Lisboa"); unknown cities as typed. */
export function cityIn(city: string | null | undefined, lang: WriteLang): string | null {
  const c = city?.trim();
  if (!c) return null;
  return CITIES[c.toLowerCase()]?.[lang] ?? c;
}

/** "PT" → "Portugal", "Portugal", "Portugal", "Portugal", "Portugal"; in `lang`. */
export function countryIn(code: string | null | undefined, lang: WriteLang): string | null {
  if (!code) return null;
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

const LANGUAGE_CODES: Record<string, string> = {
  english: "en",
  spanish: "es",
  french: "fr",
  german: "de",
  portuguese: "pt",
  italian: "it",
  dutch: "nl",
  catalan: "ca",
  irish: "ga",
  arabic: "ar",
  hindi: "hi",
  japanese: "ja",
  korean: "ko",
  mandarin: "zh",
  chinese: "zh",
  polish: "pl",
  swedish: "sv",
  greek: "el",
  turkish: "tr",
  russian: "ru",
};

/** A spoken language as typed in English ("Portuguese") named in `lang` ("portugués"). */
export function spokenLanguageIn(name: string, lang: WriteLang): string {
  const code = LANGUAGE_CODES[name.trim().toLowerCase()];
  if (!code || lang === "en") return name.trim();
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(code) ?? name.trim();
  } catch {
    return name.trim();
  }
}
