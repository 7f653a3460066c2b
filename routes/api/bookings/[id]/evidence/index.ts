/**
 * GET /api/bookings/:id/evidence: the dispute's files (the parties and admins).
 * POST /api/bookings/:id/evidence: either party adds files to the open dispute (multipart/form-data,
 * one or more `file` parts: images or PDFs of at most 10 MB, up to 3 at once, 10 per dispute).
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import type { RouteConfig } from "../../../../../lib/fresh_runtime/mod.ts";
import { paymentDeps } from "../../../../../lib/domains/payments/mod.ts";
import {
  addEvidence,
  listEvidence,
  readEvidenceFiles,
} from "../../../../../lib/domains/payments/evidence.ts";
import { EVIDENCE_BODY_LIMIT, readEvidenceBody } from "../../../../../lib/web/dispute_evidence.ts";

export const config: RouteConfig = { bodyLimit: EVIDENCE_BODY_LIMIT };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Booking");
    return Response.json(await listEvidence(paymentDeps(ctx.state.platform), user.claims, id), {
      headers: { "cache-control": "no-store" },
    });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Booking");
    const files = await readEvidenceFiles(await readEvidenceBody(ctx.req));
    const { platform } = ctx.state;
    const added = await addEvidence(paymentDeps(platform), platform.storage, user, id, files);
    return Response.json(added, { status: 201 });
  },
});
