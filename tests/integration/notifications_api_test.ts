/**
 * The notification centre and preferences through the JSON API of a real server, with the worker
 * delivering to fakes on 127.0.0.1: SMS through Twilio with the site's links, a refused e-mail
 * shown on /dev/outbox with its error, and the live unread count after "mark all read".
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { fakeHttp } from "../_helpers/fake_http.ts";
import type { RealtimeEvent } from "../../lib/ports/realtime/port.ts";

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, ms = 8000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

Deno.test({
  name: "notifications API, preferences and delivery",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using twilio = fakeHttp(() => Response.json({ sid: "SM1" }, { status: 201 }));
  await using mailApi = fakeHttp(() => Response.json({ message: "bad key" }, { status: 401 }));
  await using app = await startTestApp({
    SITE_URL: "http://soundcheck.test",
    TWILIO_ACCOUNT_SID: "AC1",
    TWILIO_AUTH_TOKEN: "tok",
    TWILIO_FROM: "+15005550006",
    TWILIO_API_URL: twilio.url,
    EMAIL_API_URL: mailApi.url,
    EMAIL_API_KEY: "re_wrong",
  });
  const { auth, db, realtime } = app.platform;
  const s = await auth.signUp({
    email: "ana@example.test",
    password: "notify-password-1",
    metadata: { display_name: "Ana" },
  });
  const claims = (await auth.verify(s.accessToken))!;
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${s.accessToken}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await app.fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };
  const notify = (kind: string, title: string, link: string) =>
    db.asService((tx) =>
      tx.query(
        "insert into public.notifications (user_id, kind, title, link) values ($1, $2, $3, $4)",
        [claims.sub, kind, title, link],
      )
    );

  await t.step("preferences: defaults, validation naming the field, saving", async () => {
    const r = await call("GET", "/api/notification-preferences");
    assertEquals(r.status, 200);
    assertEquals(r.json.phone, null);
    const accepted = r.json.preferences.find((p: { kind: string }) => p.kind === "accepted");
    assertEquals([accepted.in_app, accepted.email, accepted.sms], [true, true, false]);

    const bad = [
      [{ phone: "12345" }, "phone"],
      [{ preferences: [{ kind: "nope", email: true }] }, "preferences.0.kind"],
      [{ preferences: [{ kind: "message", sms: true }] }, "preferences.0.sms"],
      [{ preferences: [{ kind: "accepted", sms: true }] }, "phone"],
      [{ preferences: [{ kind: "accepted", sms: "yes" }] }, "preferences.0.sms"],
    ] as const;
    for (const [body, field] of bad) {
      const res = await call("PUT", "/api/notification-preferences", body);
      assertEquals([res.status, res.json.error?.field], [400, field], JSON.stringify(body));
    }
    const ok = await call("PUT", "/api/notification-preferences", {
      phone: "+351 912 345 678",
      preferences: [{ kind: "accepted", sms: true }, { kind: "match", in_app: false }],
    });
    assertEquals(ok.status, 200, JSON.stringify(ok.json));
    assertEquals(ok.json.phone, "+351912345678");
    const byKind = new Map(ok.json.preferences.map((p: { kind: string }) => [p.kind, p]));
    assertEquals(byKind.get("accepted"), {
      kind: "accepted",
      label: "Booked",
      description: "A client accepted your application",
      sms_available: true,
      email_digest: false,
      in_app: true,
      email: true,
      sms: true,
      customised: true,
    });
  });

  await t.step("delivery: SMS through Twilio, a refused e-mail kept visible", async () => {
    await notify("accepted", "You are booked: Jazz night", "/bookings/b1");
    await notify("match", "A gig that fits you", "/gigs/g1");
    const sms = await eventually(() => twilio.calls[0]);
    const form = new URLSearchParams(sms.body);
    assertEquals(form.get("To"), "+351912345678");
    assertEquals(
      form.get("Body"),
      "Soundcheck: You are booked: Jazz night http://soundcheck.test/bookings/b1",
    );
    await eventually(() => (mailApi.calls.length > 0 ? true : undefined));
    const page = await eventually(async () => {
      const html = await (await app.fetch("/dev/outbox")).text();
      // The SMS reached the fake before its row was marked sent: wait for both outcomes.
      return html.includes("Gave up") && html.includes("via twilio") ? html : undefined;
    });
    assertMatch(page, /Gave up: email-api answered 401/);
    assertMatch(page, /via twilio/);
    assertEquals(mailApi.calls.length, 1, "a refused key is not retried");
  });

  await t.step("notification centre: filter, pages, mark read, live unread count", async () => {
    for (let i = 0; i < 12; i++) await notify("review", `Review ${i}`, `/bookings/r${i}`);
    const first = await call("GET", "/api/notifications?limit=5");
    assertEquals(first.status, 200);
    // welcome + accepted + 12 reviews; the match was in-app off.
    assertEquals(first.json.unread, 14);
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const r: { json: { items: { id: string }[]; nextBefore: string | null } } = await call(
        "GET",
        `/api/notifications?limit=5${before ? `&before=${before}` : ""}`,
      );
      seen.push(...r.json.items.map((n) => n.id));
      before = r.json.nextBefore;
    } while (before);
    assertEquals(seen.length, 14);
    assertEquals(new Set(seen).size, 14, "no duplicates across pages");

    const one = await call("POST", `/api/notifications/${seen[0]}/read`);
    assertEquals([one.status, one.json.unread], [200, 13]);
    assert(one.json.notification.read_at, "read_at is set");
    const unread = await call("GET", "/api/notifications?unread=true&limit=100");
    assertEquals(unread.json.items.length, 13);

    assertEquals(
      (await call("POST", `/api/notifications/${crypto.randomUUID()}/read`)).json.error.field,
      "id",
    );
    const stale = await call("GET", `/api/notifications?before=${crypto.randomUUID()}`);
    assertEquals([stale.status, stale.json.error.field], [404, "before"]);
    const bad = await call("GET", "/api/notifications?before=nope&limit=0");
    assertEquals(bad.status, 400);

    const events: RealtimeEvent[] = [];
    const off = realtime!.subscribe(`user:${claims.sub}`, (e) => events.push(e));
    const all = await call("POST", "/api/notifications/read-all");
    assertEquals(all.json, { marked: 13, unread: 0 });
    const live = await eventually(() => events.find((e) => e.event === "unread"));
    assertEquals(live.payload, { unread: 0 });
    off();
  });

  await t.step("pages: the centre and the settings need a session", async () => {
    for (const path of ["/notifications", "/settings/notifications"]) {
      const res = await app.fetch(path);
      assertEquals(res.status, 303);
      assertMatch(res.headers.get("location") ?? "", /^\/signin\?next=/);
      await res.body?.cancel();
    }
  });
});
