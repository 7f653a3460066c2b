import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { StorageError } from "../../ports/storage/port.ts";
import { EVIDENCE_MAX_BYTES, readEvidenceFiles } from "./evidence.ts";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode("%PDF-1.7\n%%EOF\n");
const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type = "") =>
  new File([bytes], name, { type });

async function refused(files: File[], status: number, text: string) {
  const err = await readEvidenceFiles(files, "evidence").then(() => null, (e) => e);
  assert(err instanceof StorageError, `refused: ${err}`);
  assertEquals([err.status, err.field], [status, "evidence"]);
  assert(err.message.includes(text), err.message);
}

Deno.test("evidence files - images and PDFs pass, typed by their name when bare", async () => {
  const ok = await readEvidenceFiles([
    file(PNG, "photo.png", "image/png"),
    file(PDF, "rider.PDF"),
    file(PNG, " \u0007shot.png ", "application/octet-stream"),
  ]);
  assertEquals(ok.map((f) => [f.name, f.type]), [
    ["photo.png", "image/png"],
    ["rider.PDF", "application/pdf"],
    ["shot.png", "image/png"],
  ]);
});

Deno.test("evidence files - each refusal names the field and says why", async () => {
  await refused([file(new Uint8Array(), "empty.png", "image/png")], 400, "empty");
  await refused(
    [file(PNG, "a.png"), file(PNG, "b.png"), file(PNG, "c.png"), file(PNG, "d.png")],
    400,
    "at most 3",
  );
  await refused(
    [file(new Uint8Array(EVIDENCE_MAX_BYTES + 1), "big.png", "image/png")],
    413,
    "10 MB",
  );
  await refused([file(PDF, "song.mp3", "audio/mpeg")], 415, "images");
  await refused(
    [file(new TextEncoder().encode("<svg/>"), "x.svg", "image/svg+xml")],
    415,
    "images",
  );
  await refused(
    [file(new TextEncoder().encode("<html>"), "contract.pdf", "application/pdf")],
    415,
    "not a valid PDF",
  );
  await refused([file(PDF, "photo.png", "image/png")], 415, "not a valid PNG");
});
