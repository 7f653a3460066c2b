/** GET /api/openapi.json: the OpenAPI 3.1 document. */
import { define } from "../../utils.ts";
import { openApiDocument } from "../../lib/web/api/spec.ts";

export const handler = define.handlers({
  GET: () =>
    Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
});
