/**
 * Sending with an optional file, as the JSON API and the page's form both do: the file is uploaded
 * as the sender first, then `send_message` records the message; a refused send removes the file
 * again so nothing is half-written.
 *
 * @module
 */
import type { Claims, Db } from "../../ports/db/mod.ts";
import type { StoragePort } from "../../ports/storage/port.ts";
import { discardAttachment, uploadAttachment } from "./attachments.ts";
import { sendMessage } from "./messages.ts";
import type { Message, SendMessageInput } from "./schemas.ts";

export interface SendDeps {
  db: Db;
  storage: StoragePort;
}

export async function sendWithFile(
  deps: SendDeps,
  caller: { claims: Claims; accessToken: string },
  conversationId: string,
  input: SendMessageInput,
  file: File | null,
): Promise<Message> {
  const attachment = file
    ? await uploadAttachment(deps.storage, caller, conversationId, file)
    : null;
  try {
    return await deps.db.asUser(caller.claims, (tx) =>
      sendMessage(tx, conversationId, {
        body: input.body,
        attachment,
        clientToken: input.client_token,
      }));
  } catch (e) {
    if (attachment) await discardAttachment(deps.storage, caller, attachment.path);
    throw e;
  }
}
