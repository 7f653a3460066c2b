/**
 * Chat fixtures: client/musician pairs that share an application (so a conversation), written
 * straight into the tables as the database owner in one statement per table, fast enough for
 * the bench's 500 conversations (the conversations themselves come from the migration's
 * trigger); signed-up people; and API calls as them.
 */
import type { Claims, Driver } from "../../lib/ports/db/types.ts";
import type { TestApp } from "./app.ts";
import { Message } from "../../lib/domains/chat/schemas.ts";

export interface ChatPairIds {
  clientId: string;
  musicianId: string;
}

export interface SeededConversation extends ChatPairIds {
  conversationId: string;
  applicationId: string;
  gigId: string;
}

/**
 * For each pair: a musician profile (if missing), a published gig of the client's and the
 * musician's application to it. Returns the conversations in the order of `pairs`.
 */
export async function seedConversations(
  driver: Driver,
  pairs: ChatPairIds[],
  opts: { title?: string } = {},
): Promise<SeededConversation[]> {
  const clients = pairs.map((p) => p.clientId);
  const musicians = pairs.map((p) => p.musicianId);
  const title = opts.title ?? "Friday jazz night";
  return await driver.transaction(async (tx) => {
    await tx.query(
      `update public.profiles set is_client = true where id = any($1::uuid[])`,
      [clients],
    );
    await tx.query(
      `insert into public.musician_profiles (id, stage_name, instruments, genres, published)
       select m, p.display_name, '{piano}', '{jazz}', true
         from unnest($1::uuid[]) m join public.profiles p on p.id = m
       on conflict (id) do nothing`,
      [musicians],
    );
    const gigs = await tx.query<{ id: string; i: number }>(
      `insert into public.gigs (client_id, title, description, genres, starts_at, city, country,
                                budget_max_minor, currency, status, published_at, apply_by)
       select c, $2 || ' #' || i, 'Two sets of standards for a friendly room.', '{jazz}',
              now() + interval '30 days', 'Berlin', 'DE', 50000, 'EUR', 'published', now(),
              now() + interval '20 days'
         from unnest($1::uuid[]) with ordinality as t(c, i)
       returning id, (regexp_match(title, '#(\\d+)$'))[1]::int as i`,
      [clients, title],
    );
    const gigIds = gigs.sort((a, b) => a.i - b.i).map((g) => g.id);
    // AFTER triggers run at the end of the statement: the conversations are read in a second one.
    await tx.query(
      `insert into public.applications (gig_id, musician_id, proposal, quoted_fee_minor, currency)
       select g, m, 'I would love to play this gig with my trio.', 40000, 'EUR'
         from unnest($1::uuid[], $2::uuid[]) as t(g, m)`,
      [gigIds, musicians],
    );
    const rows = await tx.query<
      { conversation_id: string; application_id: string; gig_id: string }
    >(
      `select c.id as conversation_id, c.application_id, c.gig_id
         from public.conversations c where c.gig_id = any($1::uuid[])`,
      [gigIds],
    );
    const byGig = new Map(rows.map((r) => [r.gig_id, r]));
    return pairs.map((p, i) => {
      const r = byGig.get(gigIds[i]);
      if (!r) throw new Error(`no conversation for pair ${i}`);
      return {
        ...p,
        conversationId: r.conversation_id,
        applicationId: r.application_id,
        gigId: r.gig_id,
      };
    });
  });
}

/** A signed-up user with their access token (bearer for the API, cookie for pages). */
export interface ChatPerson {
  id: string;
  token: string;
  claims: Claims;
}

/** Signs `name` up through the app's auth port (e-mail `<name>@example.test`). */
export async function chatPerson(app: TestApp, name: string): Promise<ChatPerson> {
  const s = await app.platform.auth.signUp({
    email: `${name.toLowerCase()}@example.test`,
    password: "chat-password-1",
    metadata: { display_name: name },
  });
  const claims = (await app.platform.auth.verify(s.accessToken))!;
  return { id: claims.sub, token: s.accessToken, claims };
}

/** A JSON answer: an error body, or anything else for the test to parse with the API's schema. */
export interface ApiJson {
  error?: { status: number; message: string; field?: string };
  [key: string]: unknown;
}

export interface ApiAnswer {
  status: number;
  json: ApiJson;
  /** The body of a non-JSON answer (a file). */
  bytes: Uint8Array | null;
  headers: Headers;
}

/** The client and musician of one conversation, a stranger, and API calls as any of them. */
export interface ChatWorld {
  client: ChatPerson;
  musician: ChatPerson;
  stranger: ChatPerson;
  conversation: SeededConversation;
  /** A JSON (or FormData) request with the person's bearer token. */
  call(who: ChatPerson | null, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  /** Sends `body` into the conversation as `who`; throws unless it answers 201. */
  send(who: ChatPerson, body: string, extra?: Record<string, unknown>): Promise<Message>;
}

export async function chatWorld(app: TestApp): Promise<ChatWorld> {
  const client = await chatPerson(app, "Clara");
  const musician = await chatPerson(app, "Milo");
  const stranger = await chatPerson(app, "Eve");
  const [conversation] = await seedConversations(app.platform.db.driver, [
    { clientId: client.id, musicianId: musician.id },
  ]);
  const call: ChatWorld["call"] = async (who, method, path, body) => {
    const headers: Record<string, string> = who ? { authorization: `Bearer ${who.token}` } : {};
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await app.fetch(path, { method, headers, body: payload });
    if ((res.headers.get("content-type") ?? "").includes("json")) {
      return { status: res.status, json: await res.json(), bytes: null, headers: res.headers };
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, json: {}, bytes, headers: res.headers };
  };
  const send: ChatWorld["send"] = async (who, body, extra = {}) => {
    const path = `/api/conversations/${conversation.conversationId}/messages`;
    const r = await call(who, "POST", path, { body, ...extra });
    if (r.status !== 201) throw new Error(`send answered ${r.status}: ${JSON.stringify(r.json)}`);
    return Message.parse(r.json);
  };
  return { client, musician, stranger, conversation, call, send };
}

/** Resolves with the first value `probe` returns that is not undefined, polling every 10 ms. */
export async function eventually<T>(probe: () => T | undefined, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
