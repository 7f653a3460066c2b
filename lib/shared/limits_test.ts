/** Attachment types by name, the picker's `accept`, and how byte limits are written. */
import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_TYPES,
  attachmentType,
  isAttachmentType,
  megabytes,
} from "./limits.ts";

Deno.test("limits - attachment types: given, or guessed from the name for bare files", () => {
  assertEquals(attachmentType({ type: "Image/PNG; x=1", name: "a.bin" }), "image/png");
  assertEquals(attachmentType({ type: "", name: "Song.MP3" }), "audio/mpeg");
  assertEquals(
    attachmentType({ type: "application/octet-stream", name: "a.pdf" }),
    "application/pdf",
  );
  assertEquals(attachmentType({ type: "", name: "tool.exe" }), "application/octet-stream");
  assert(!isAttachmentType("image/svg+xml"), "SVG (script inside) is not attachable");
  for (const type of Object.values(ATTACHMENT_EXTENSIONS)) assert(isAttachmentType(type), type);
  const accept = ATTACHMENT_ACCEPT.split(",");
  for (const type of ATTACHMENT_TYPES) assert(accept.includes(type), `accept lists ${type}`);
  assert(accept.includes(".pdf"), "accept lists extensions for pickers that go by them");
});

Deno.test("limits - megabytes", () => {
  assertEquals([20 * 1024 * 1024, 2 * 1024 * 1024, 1.5 * 1024 * 1024].map(megabytes), [
    "20 MB",
    "2 MB",
    "1.5 MB",
  ]);
});
