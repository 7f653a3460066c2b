/** Musicians' pages: the musician profile and the gigs matched to it. */
import { define } from "../../../utils.ts";
import { requireRole } from "../../../lib/web/guards.ts";

export const handler = define.middleware(requireRole("musician"));
