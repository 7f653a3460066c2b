/** Every Edge Function by name: the web server mounts each at /functions/v1/<name>. */
import { handler as aiWrite } from "./ai-write/index.ts";
import { handler as dj } from "./dj/index.ts";
import { handler as health } from "./health/index.ts";
import { handler as worker } from "./worker/index.ts";

export const functions: Record<string, (req: Request) => Promise<Response>> = {
  "ai-write": aiWrite,
  dj,
  health,
  worker,
};
