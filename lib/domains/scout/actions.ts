/**
 * What the scout's pages do with a source (the forms' `intent`): check now, pause, resume,
 * delete; each answers the sentence the page flashes.
 *
 * @module
 */
import { z } from "zod";
import type { Claims, Tx } from "../../ports/db/mod.ts";
import { deleteSource, getSource, queueSource, updateSource } from "./sources.ts";

export const SourceIntent = z.enum(["check", "pause", "resume", "delete"]);
export type SourceIntent = z.infer<typeof SourceIntent>;

export async function actOnSource(
  tx: Tx,
  claims: Claims,
  id: string,
  intent: SourceIntent,
): Promise<string> {
  const source = await getSource(tx, claims, id);
  switch (intent) {
    case "check":
      return await queueSource(tx, id)
        ? `Checking “${source.name}” now: reload in a moment to see what it found.`
        : `“${source.name}” is being checked already.`;
    case "pause":
      await updateSource(tx, claims, id, { enabled: false });
      return `“${source.name}” is paused: it will not be read until you resume it.`;
    case "resume":
      await updateSource(tx, claims, id, { enabled: true });
      return `“${source.name}” is on again: it will be read in a minute.`;
    case "delete":
      await deleteSource(tx, claims, id);
      return `“${source.name}” and its gigs were deleted.`;
  }
}
