/**
 * A phrasebook: how one language writes each draft from the digested facts (context.ts). Each
 * language writes its own sentences, so word order, agreement and idiom stay that language's.
 *
 * @module
 */
import type { GigFacts } from "../../gigs/facts.ts";
import type { ProposalFacts, Rand, WhoFacts } from "./context.ts";
import type { GigRef } from "../gig_ref.ts";

export interface BioText {
  headline: string;
  sentences: string[];
}

export interface ProposalText {
  subject: string;
  greeting: string;
  /** Who they are and why this gig: the first paragraph. */
  intro: string[];
  /** Logistics, fee and the next step: the second paragraph. */
  details: string[];
  signoff: string;
}

/** A venue's gig, digested for its announcement and social post. */
export interface VenueFacts {
  gig: GigFacts;
  ref: GigRef;
  /** The gig's name on a poster: its title, or what it is ("Jazz brunch") when the title is a listing. */
  title: string;
  /** The same inside a sentence: the title, or "a jazz brunch", "einen Jazz-Brunch". */
  name: string;
  /** It starts at 17:00 or later: "all night" fits. */
  evening: boolean;
  genres: string;
  place: string;
  /** The place is a city ("in Lisbon"), not a venue ("at Casa Azul"). */
  placeIsCity: boolean;
  host: string | null;
  duration: string;
  description: string;
}

export interface AnnouncementText {
  headline: string;
  sentences: string[];
  call_to_action: string;
}

export interface Phrasebook {
  bio(c: WhoFacts, r: Rand): BioText;
  proposal(c: ProposalFacts, r: Rand): ProposalText;
  announcement(v: VenueFacts, r: Rand): AnnouncementText;
  social(v: VenueFacts, r: Rand): string;
  /** "2 hours", "90 minutos". */
  duration(minutes: number): string;
  /** The words for "live music", for a hashtag. */
  liveMusic: string;
}
