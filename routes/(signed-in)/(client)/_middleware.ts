/** Clients' pages: the client profile and posting a gig. */
import { define } from "../../../utils.ts";
import { requireRole } from "../../../lib/web/guards.ts";

export const handler = define.middleware(requireRole("client"));
