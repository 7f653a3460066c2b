import { HttpError } from "../../mod.ts";
import { define } from "../utils.ts";

export const handler = define.handlers({
  GET() {
    throw new HttpError(403, "Members only");
  },
});
