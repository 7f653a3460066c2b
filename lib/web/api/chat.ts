/**
 * Request plumbing of the chat API: the send body (JSON, or multipart with a file). Path ids go
 * through `parseId`/`parseMessageId` (lib/web/params.ts), as everywhere.
 */
import { HttpError } from "../errors.ts";
import { isForm, isJson, readForm, readJson } from "../body.ts";
import { SendMessageInput } from "../../domains/chat/schemas.ts";
import type { SendMessageInput as SendInput } from "../../domains/chat/schemas.ts";

/**
 * The send body: `application/json` ({ body, client_token }) or `multipart/form-data` with the
 * same fields plus an optional `file`. 415 for other types, 400 naming the field.
 */
export async function readSendBody(req: Request): Promise<{ input: SendInput; file: File | null }> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let raw: unknown;
  let file: File | null = null;
  if (isJson(type)) {
    raw = await readJson(req);
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      throw new HttpError(400, "Send a JSON object", { field: "body" });
    }
  } else if (isForm(type)) {
    const form = await readForm(req);
    const f = form.get("file");
    if (f instanceof File && f.size > 0) file = f;
    else if (f instanceof File && f.name) {
      throw new HttpError(400, "The file is empty", { field: "file" });
    }
    raw = { body: form.get("body") ?? "", client_token: form.get("client_token") ?? undefined };
  } else {
    throw new HttpError(415, "Send application/json or multipart/form-data", {
      field: "content-type",
    });
  }
  return { input: SendMessageInput.parse(raw), file };
}
