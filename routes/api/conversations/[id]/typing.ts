/** POST /api/conversations/:id/typing: tell the other participant you are typing (never stored). */
import { define } from "../../../../utils.ts";
import { notFound, parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { NotParticipant, publishTyping, TypingInput } from "../../../../lib/domains/chat/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Conversation");
    const hasBody = ctx.req.headers.has("content-type");
    const { typing } = hasBody ? await readBody(ctx.req, TypingInput) : TypingInput.parse({});
    const { platform } = ctx.state;
    const { SUPABASE_URL: url, SUPABASE_ANON_KEY: anonKey } = platform.config;
    try {
      const event = await publishTyping(
        {
          db: platform.db,
          hub: platform.realtime,
          supabase: url && anonKey ? { url, anonKey } : null,
        },
        user,
        id,
        typing,
      );
      return Response.json(event, { status: 202 });
    } catch (e) {
      if (e instanceof NotParticipant) {
        throw notFound("Conversation");
      }
      throw e;
    }
  },
});
