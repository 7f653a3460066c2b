/** Path ids: one parser, one answer for a malformed id (404 naming the parameter). */
import { assertEquals } from "../../tests/_helpers/assert.ts";
import { HttpError } from "./errors.ts";
import { MALFORMED_ID_STATUS, notFound, parseId, parseMessageId } from "./params.ts";
import { MessageIdParam } from "../domains/chat/schemas.ts";

function refusal(fn: () => unknown): { status: number; message: string; field?: string } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    return { status: e.status, message: e.message, field: e.field };
  }
}

Deno.test("parseId - a UUID comes back lower-case", () => {
  const id = crypto.randomUUID();
  assertEquals(parseId(id.toUpperCase(), "Gig"), id);
});

Deno.test("parseId - anything else is a 404 as for an unknown id, naming the parameter", () => {
  assertEquals(MALFORMED_ID_STATUS, 404);
  for (const raw of [undefined, null, "", "not-a-uuid", `${crypto.randomUUID()}0`]) {
    assertEquals(refusal(() => parseId(raw, "Gig")), {
      status: 404,
      message: "Gig not found",
      field: "id",
    });
  }
  assertEquals(
    refusal(() => parseId("x", "Application", "application_id"))?.field,
    "application_id",
  );
  const unknown = notFound("Gig");
  assertEquals([unknown.status, unknown.message, unknown.field], [404, "Gig not found", "id"]);
});

Deno.test("parseMessageId - digits only; what it takes, the documented schema takes too", () => {
  assertEquals(parseMessageId("42"), 42);
  assertEquals(MessageIdParam.parse("42"), 42);
  for (const raw of ["-1", "1.5", "1e3", "x", "", "9".repeat(20)]) {
    assertEquals(refusal(() => parseMessageId(raw))?.status, 404, raw);
    assertEquals(refusal(() => parseMessageId(raw))?.message, "Message not found", raw);
  }
});
