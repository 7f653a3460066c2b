/**
 * The offline writer's phrasebooks, one per language, and the facts a venue's drafts need.
 *
 * @module
 */
import type { GigFacts } from "../../gigs/facts.ts";
import { detectLanguage, readsForeign, type WriteLang } from "../language.ts";
import { gigRef } from "../gig_ref.ts";
import { genreList } from "../grammar.ts";
import { cityIn, countryIn, type Noun } from "../lexicon.ts";
import { localHour } from "../../../shared/format.ts";
import { firstSentences } from "../tasks/writing.ts";
import { de } from "./de.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { pt } from "./pt.ts";
import type { Phrasebook, VenueFacts } from "./types.ts";

export { proposalFacts, seedFor, whoFacts } from "./context.ts";
export type { ProposalFacts, Rand, WhoFacts } from "./context.ts";
export type { Phrasebook, VenueFacts } from "./types.ts";

export const PHRASEBOOKS: Record<WriteLang, Phrasebook> = { en, es, fr, de, pt };

/** A listing's title that names who is wanted, not an event the audience would come to. */
const RECRUITING =
  /\b(wanted|needed|looking for|host|players?|drummer|guitarist|bassist|pianist|singer|vocalist|strings|duo|trio|quartet|band|musicians?|session|se busca|busco|buscamos|recherche|gesucht|procura-se|procuramos)\b/i;

/** "a jazz brunch", "un brunch de jazz", "einen Jazz-Brunch" (the object of "presents"). */
function withArticle(bare: string, noun: Noun, lang: WriteLang): string {
  const f = noun.gender === "f";
  switch (lang) {
    case "en":
      return `${/^[aeiou]/i.test(bare) ? "an" : "a"} ${bare}`;
    case "es":
    case "fr":
      return `${f ? "una" : "un"} ${bare}`.replace(/^una /, lang === "fr" ? "une " : "una ");
    case "pt":
      return `${f ? "uma" : "um"} ${bare}`;
    case "de":
      return `${f ? "eine" : noun.gender === "m" ? "einen" : "ein"} ${bare}`;
  }
}

const OUR_VENUE: Record<WriteLang, string> = {
  en: "our venue",
  es: "nuestra sala",
  fr: "notre salle",
  de: "unserer Location",
  pt: "nosso espaço",
};

/** What a venue's announcement and post say about its own gig. */
export function venueFacts(g: GigFacts, lang: WriteLang): VenueFacts {
  const ref = gigRef(g, lang);
  const title = g.title.trim();
  // A listing's title, or one in another language than the draft: name the event instead.
  const descLang = detectLanguage(g.description);
  const listing = RECRUITING.test(title) || readsForeign(title, lang) ||
    (descLang !== null && descLang !== lang);
  const poster = listing ? ref.bare : title;
  const city = cityIn(g.city, lang);
  const venue = g.venue_name?.trim() ?? "";
  // "Friday Jazz at Casa Azul comes to Casa Azul": name the city instead when the title has it.
  const inName = venue !== "" && poster.toLowerCase().includes(venue.toLowerCase());
  const place = (inName ? city : venue) ||
    [city, countryIn(g.country, lang)].filter(Boolean).join(", ") || OUR_VENUE[lang];
  const own = firstSentences(g.description, 2, 400);
  const ownLang = detectLanguage(own);
  return {
    gig: g,
    ref,
    title: poster ? poster[0].toUpperCase() + poster.slice(1) : poster,
    name: listing ? withArticle(ref.bare, ref.noun, lang) : title,
    evening: localHour(g.starts_at, g.timezone) >= 17,
    genres: genreList(g.genres.slice(0, 2), lang),
    place,
    placeIsCity: place === city,
    host: g.venue_name?.trim() || g.client_name?.trim() || null,
    duration: PHRASEBOOKS[lang].duration(g.duration_minutes),
    description: ownLang === lang || (ownLang === null && lang === "en") ? own : "",
  };
}
