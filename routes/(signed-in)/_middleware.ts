/** Everything in this group is for signed-in users: anonymous visitors go to the sign-in page. */
import { define } from "../../utils.ts";
import { requireUser } from "../../lib/web/guards.ts";

export const handler = define.middleware(requireUser);
