/**
 * Invented stage names that sound at home in the market's language: a given name and a surname
 * built from small per-language syllable banks (sometimes a one-word stage name). The same seed
 * gives the same name; a name that is, contains or is close to a real artist's (similarity.ts)
 * is never returned: the next candidate is tried until one is clear.
 *
 * @module
 */
import { capitalise, seededRandom } from "../../gigs/facts.ts";
import { realArtistFor } from "./similarity.ts";

interface Bank {
  /** Given-name starts and ends: start + end is a name ("Ma" + "rela"). */
  given: [string[], string[]];
  /** Surname starts and ends. */
  surname: [string[], string[]];
}

const BANKS: Record<string, Bank> = {
  en: {
    given: [
      ["Mar", "El", "Cal", "Jun", "Rob", "Ev", "Lan", "Fen", "Nor", "Ros", "Del", "Wil"],
      ["a", "ie", "en", "o", "ora", "yn", "is", "ette", "ey", "ara"],
    ],
    surname: [
      ["Hollo", "Black", "Wyn", "Ash", "Brook", "Fair", "Hal", "Thorn", "Marl", "Stan"],
      ["way", "wood", "ley", "field", "ford", "mere", "ton", "croft", "well", "by"],
    ],
  },
  es: {
    given: [
      ["Mar", "Luc", "Cam", "Sol", "Nel", "Rom", "Val", "Dal", "Gal", "Mir", "Ir", "Tal"],
      ["a", "ina", "ela", "iel", "ena", "ita", "ia", "io", "o", "ino"],
    ],
    surname: [
      ["Mon", "Val", "Cas", "Ri", "Al", "Sa", "Bel", "Olme", "Lu", "Var"],
      ["tero", "dera", "tilla", "vera", "mira", "linas", "monte", "cedo", "rán", "gas"],
    ],
  },
  pt: {
    given: [
      ["Tal", "Luc", "Mar", "Teod", "Jul", "Bel", "Raf", "Dan", "Is", "Clar", "Fel", "Nic"],
      ["a", "ana", "ina", "el", "ão", "ia", "ilo", "ise", "iane", "o"],
    ],
    surname: [
      ["Barr", "Silv", "Fons", "Mor", "Rib", "Lob", "Vasc", "Camp", "Alv", "Teix"],
      ["eira", "eto", "ares", "ais", "ello", "ado", "edo", "ilho", "ena", "oso"],
    ],
  },
  fr: {
    given: [
      ["Clar", "Mat", "Él", "Jul", "Lis", "Rom", "Gasp", "Cam", "Nin", "Sol", "Am", "Bast"],
      ["ine", "is", "ise", "ien", "ane", "ard", "elle", "ille", "on", "ence", "in"],
    ],
    surname: [
      ["Dela", "Mar", "Beau", "Fon", "Lam", "Ver", "Cha", "Belle", "Du", "Mon"],
      ["croix", "chand", "mont", "taine", "bert", "nier", "pelle", "fort", "val", "ceau"],
    ],
  },
  de: {
    given: [
      ["Jon", "Mar", "Fin", "Hann", "Luk", "Gret", "Kar", "Fried", "Tim", "Rol", "El", "Wend"],
      ["as", "ie", "ja", "es", "a", "el", "o", "ina", "i", "ine"],
    ],
    surname: [
      ["Lin", "Hart", "Stein", "Wald", "Fal", "Brun", "Kessel", "Sonn", "Ehr", "Rosen"],
      ["denau", "mann", "berg", "heim", "rath", "ner", "ler", "tag", "hardt", "feld"],
    ],
  },
  it: {
    given: [
      [
        "Giul",
        "Matt",
        "Luc",
        "Chiar",
        "Feder",
        "Aless",
        "Stef",
        "Ricc",
        "Carl",
        "Ir",
        "Vit",
        "Ner",
      ],
      ["ia", "eo", "a", "o", "ico", "io", "ano", "ina", "ella", "etta"],
    ],
    surname: [
      ["Ross", "Bianch", "Ferr", "Mar", "Gall", "Colon", "Bell", "Visc", "Lomb", "Sant"],
      ["etti", "ini", "ante", "elli", "o", "ani", "ardi", "ucci", "one", "ese"],
    ],
  },
  /** Open syllables that read easily in most languages. */
  xx: {
    given: [
      ["Ki", "Na", "Mi", "Yu", "Sa", "Ta", "Ri", "Lo", "Ha", "Ae", "Zo", "I"],
      ["ra", "ko", "ni", "mi", "ya", "no", "na", "ri", "ka", "lu"],
    ],
    surname: [
      ["Ka", "Mo", "Sa", "No", "Ta", "Ri", "Ha", "Vo", "Ke", "Li"],
      ["naro", "rela", "mika", "vani", "tore", "sela", "doro", "wen", "lani", "mura"],
    ],
  },
};

/** The syllable bank for a language code (the open-syllable one when none is written for it). */
export function bankFor(language: string): Bank {
  return BANKS[language] ?? BANKS.xx;
}

function candidate(rand: () => number, bank: Bank): string {
  const part = ([starts, ends]: [string[], string[]]) =>
    capitalise(starts[Math.floor(rand() * starts.length)] + ends[Math.floor(rand() * ends.length)])
      .replace(/(.)\1\1/g, "$1$1");
  const given = part(bank.given);
  const surname = part(bank.surname);
  // One name in four is a single word, as many stage names are.
  return rand() < 0.25
    ? (given.length >= 4 ? given : given + surname.toLowerCase())
    : `${given} ${surname}`;
}

/** A stage name for `seed` in `language`, clear of every known real artist's name. */
export function inventName(seed: string, language: string): string {
  const bank = bankFor(language);
  for (let attempt = 0; attempt < 200; attempt++) {
    const name = candidate(seededRandom(`name|${seed}|${attempt}`), bank);
    if (name.length >= 3 && name.length <= 40 && !realArtistFor(name)) return name;
  }
  // Unreachable in practice (the banks hold thousands of names, the real list some hundreds).
  throw new Error(`no clear stage name for ${seed}`);
}
