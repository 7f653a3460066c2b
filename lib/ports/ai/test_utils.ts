/**
 * Helpers for the AI tests: a live port with scripted answers, and a musician and a gig to
 * write about.
 *
 * @module
 */
import type { GigFacts, MusicianFacts } from "../../domains/gigs/facts.ts";
import { type AiPort, AiUnavailableError, type GenerateRequest, parseOutput } from "./port.ts";

/** A live port whose calls are kept and whose answers are scripted. */
export interface ScriptedAi extends AiPort {
  calls: GenerateRequest<unknown>[];
}

/**
 * Each call takes the next answer: a string is the model's raw reply (validated as the real
 * adapter does), an Error is thrown as it is; none left is an empty reply.
 */
export function scriptedAi(answers: (string | Error)[], tokens = 42): ScriptedAi {
  const calls: GenerateRequest<unknown>[] = [];
  return {
    mode: "live",
    model: "fake-model",
    embeddingModel: "fake-embed",
    calls,
    generate<T>(req: GenerateRequest<T>) {
      calls.push(req as GenerateRequest<unknown>);
      const answer = answers.shift() ?? "";
      if (answer instanceof Error) return Promise.reject(answer);
      try {
        const value = parseOutput(answer, req.schema);
        return Promise.resolve({ value, model: "fake-model", source: "live" as const, tokens });
      } catch (err) {
        return Promise.reject(err);
      }
    },
    embed() {
      return Promise.reject(new Error("not used"));
    },
    // As the offline port answers: callers take their offline path; override to script them.
    moderate() {
      return Promise.reject(new AiUnavailableError("scripted: no moderation"));
    },
    image() {
      return Promise.reject(new AiUnavailableError("scripted: no image model"));
    },
  };
}

export const ella: MusicianFacts = {
  stage_name: "Ella Hart",
  bio: "Ella grew up in Porto playing fado with her grandmother. She now leads a jazz trio.",
  instruments: ["Guitar", "vocals"],
  genres: ["jazz", "soul", "latin"],
  skills: ["improvisation", "sight-reading", "arranging"],
  languages: ["English", "Portuguese"],
  city: "Lisbon",
  country: "PT",
  lat: 38.72,
  lng: -9.14,
  travel_radius_km: 150,
  fee_min_minor: 30000,
  fee_max_minor: 80000,
  currency: "EUR",
};

export const casaAzul: GigFacts = {
  title: "Friday Jazz at Casa Azul",
  description: "A relaxed dinner set in our courtyard restaurant. Standards and bossa nova.",
  kind: "live_show",
  genres: ["jazz"],
  instruments: ["guitar"],
  starts_at: "2026-12-11T19:30:00Z",
  timezone: "Europe/Lisbon",
  duration_minutes: 120,
  remote: false,
  venue_name: "Casa Azul",
  city: "Lisbon",
  country: "PT",
  lat: 38.71,
  lng: -9.13,
  budget_min_minor: 40000,
  budget_max_minor: 60000,
  currency: "EUR",
};

export const rockNight: GigFacts = {
  ...casaAzul,
  title: "Saturday rock party",
  description: "Covers band for a birthday party: people will want to dance.",
  genres: ["rock", "pop"],
  instruments: ["drums"],
  duration_minutes: 180,
  venue_name: "The Loft",
  city: "Porto",
};
