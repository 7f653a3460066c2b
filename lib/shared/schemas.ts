/**
 * The shared rules as zod schemas, for the modules that parse with zod (request bodies, query
 * strings, rows). Islands do not bundle zod: they use ids.ts and limits.ts directly.
 *
 * ```ts
 * const Input = z.object({ gig_id: Uuid("Not a gig id") });
 * ```
 *
 * @module
 */
import { z } from "zod";
import { UUID_PATTERN } from "./ids.ts";

/**
 * A UUID field (body, query string or row). In the OpenAPI document it is `format: uuid`, which
 * the fuzz suite also reads to send malformed ids. A malformed id in a path is no field: routes
 * answer it with `parseId` (a 404), never with this schema.
 */
export function Uuid(message = "Not an id"): z.ZodString {
  return z.string().regex(UUID_PATTERN, message).meta({ format: "uuid" });
}
