/**
 * Shapes of the matching evaluation world. Column names follow the database so the bench
 * runner can insert rows as they are. Plain types only: this set must not depend on lib/.
 *
 * @module
 */
import type { City } from "./vocab.ts";

export type Split = "train" | "held_out";

export interface EvalMusician {
  id: string;
  stage_name: string;
  bio: string;
  instruments: string[];
  genres: string[];
  skills: string[];
  languages: string[];
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lng: number;
  travel_radius_km: number;
  fee_min_minor: number;
  fee_max_minor: number;
  currency: string;
  /** YYYY-MM-DD, in the musician's own calendar (compared with the gig's local date). */
  blocked_dates: string[];
  split: Split;
}

export interface EvalClient {
  id: string;
  display_name: string;
}

export type GigKind = "live_show" | "session" | "teaching" | "other";

export interface EvalGig {
  id: string;
  client_id: string;
  title: string;
  description: string;
  kind: GigKind;
  genres: string[];
  instruments: string[];
  /** ISO instant, UTC. */
  starts_at: string;
  /** IANA zone of the venue (the client's zone for remote gigs). */
  timezone: string;
  duration_minutes: number;
  remote: boolean;
  venue_name: string;
  city: string | null;
  country: string | null;
  lat: number | null;
  lng: number | null;
  budget_min_minor: number;
  budget_max_minor: number;
  currency: string;
  split: Split;
}

/** An existing confirmed booking: the musician is not free in [starts_at, ends_at). */
export interface EvalBusy {
  musician_id: string;
  client_id: string;
  starts_at: string;
  ends_at: string;
}

export type SignalKind = "shortlisted" | "declined" | "booked" | "withdrawn";

/** A past interaction. `declined` = the client declined the musician. */
export interface EvalSignal {
  kind: SignalKind;
  client_id: string;
  musician_id: string;
  /** 1..5, the client's released review of a completed booking; null otherwise. */
  rating: number | null;
  at: string;
}

export interface EvalWorld {
  /** YYYY-MM-DD the world was generated for. */
  today: string;
  musicians: EvalMusician[];
  clients: EvalClient[];
  gigs: EvalGig[];
  busy: EvalBusy[];
  history: EvalSignal[];
}

export type Grade = 0 | 1 | 2 | 3;

/** A client and the city they book in (the world's generators share it). */
export interface ClientHome {
  client: EvalClient;
  city: City;
}
