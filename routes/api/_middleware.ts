/** Every /api route answers known failures as JSON 4xx naming the field; never a 500 for bad input. */
import { define } from "../../utils.ts";
import { toApiResponse } from "../../lib/api/http.ts";

export const handler = define.middleware(async function apiErrors(ctx) {
  try {
    return await ctx.next();
  } catch (err) {
    const res = toApiResponse(err);
    if (res) return res;
    throw err;
  }
});
