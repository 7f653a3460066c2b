/** Request shapes of the marketplace API that are not domain inputs (lib/domains/gigs has those). */
import { z } from "zod";
import { ClientProfileInput, GigUpdate, MusicianProfileInput } from "../../domains/gigs/mod.ts";
import { MAX_LIMIT } from "../../domains/matching/queries.ts";
import { DISPLAY_NAME_MAX_CHARS } from "../../shared/limits.ts";
import { Uuid } from "../../shared/schemas.ts";

export const ProfileUpdateBody = z.object({
  display_name: z.string().trim().min(1, "Enter a display name").max(DISPLAY_NAME_MAX_CHARS)
    .optional(),
  is_musician: z.boolean().optional(),
  is_client: z.boolean().optional(),
  musician: MusicianProfileInput.optional().describe(
    "The whole musician profile (created if missing)",
  ),
  client: ClientProfileInput.optional().describe("The whole client profile (created if missing)"),
}).refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Nothing to change" });

export const GigPatchBody = z.union([
  z.object({ status: z.enum(["published", "closed", "cancelled"]).describe("A state transition") })
    .strict(),
  GigUpdate,
]);

/** The most matches a request may ask for (the search re-ranks more candidates than that). */
const MAX_MATCHES = MAX_LIMIT;

/** `?limit=` of GET /api/matches/gigs and GET /api/gigs/:id/matches. */
export const LimitQuery = z.object({
  limit: z.coerce.number().int().min(1, `limit is 1 to ${MAX_MATCHES}`)
    .max(MAX_MATCHES, `limit is 1 to ${MAX_MATCHES}`).default(20),
});

/** Only pairs that can happen (instrument, date, travel radius); best first. */
export const MatchList = z.array(
  z.object({
    id: Uuid(),
    score: z.number().describe("The calibrated fit, 0–1"),
    fit: z.number().int().describe("The fit out of 100: 80 and over is a strong match"),
    strong: z.boolean(),
    reason: z.string().describe('The deciding facts first: "Plays saxophone · jazz · …"'),
  }),
);

export const ApplicationAction = z.enum(["shortlist", "decline", "withdraw", "accept"]);
export const BookingAction = z.enum(["complete", "cancel", "reviews"]);
