/**
 * A malformed id names no row, so it is answered as an unknown one, everywhere: 404 naming the
 * parameter, on every documented API operation with an id in its path, on every page that takes
 * one in its path, and for the ids forms post (lib/web/params.ts `parseId`).
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { bearer, browser, CSRF, signUpPerson } from "../_helpers/fuzz.ts";
import { listOperations, openApiDocument } from "../../lib/web/api/spec.ts";
import type { Operation } from "../../lib/web/api/openapi.ts";
import { MessageIdParam } from "../../lib/domains/chat/schemas.ts";
import { MALFORMED_ID_STATUS } from "../../lib/web/params.ts";

/** Not ids: words, signs, fractions, too long, too many digits, a UUID with a character more. */
const MALFORMED = [
  "not-an-id",
  "-1",
  "1.5",
  "1e3",
  "99999999999999999999",
  `${crypto.randomUUID()}0`,
  "00000000-0000-0000-0000-00000000000g",
];

/** The path parameters of `op` that are ids: UUIDs (the document's default) and message ids. */
function idParams(op: Operation): string[] {
  return [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
    .filter((name) => !op.pathParams?.[name] || op.pathParams[name] === MessageIdParam);
}

/** `op.path` with `name` set to `value` and every other parameter to a well-formed id. */
function pathWith(op: Operation, name: string, value: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_, p: string) => {
    if (p === name) return encodeURIComponent(value);
    return op.pathParams?.[p] === MessageIdParam ? "1" : crypto.randomUUID();
  });
}

Deno.test({
  name: "malformed ids - every API operation and page answers 404 naming the id",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using app = await startTestApp({ API_RATE_LIMIT: "0", WORKER: "off" });
  const person = await signUpPerson(app, "Ida", "client");
  const doc = openApiDocument() as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };

  await t.step("API: 404 with error.field the parameter, and 404 documented", async () => {
    const problems: string[] = [];
    let probes = 0;
    for (const op of listOperations()) {
      const where = `${op.method.toUpperCase()} ${op.path}`;
      for (const name of idParams(op)) {
        if (!("404" in doc.paths[op.path][op.method].responses)) {
          problems.push(`${where}: takes {${name}} but does not document 404`);
        }
        for (const value of MALFORMED) {
          probes++;
          const res = await app.fetch(pathWith(op, name, value), {
            method: op.method.toUpperCase(),
            headers: {
              ...bearer(person.token),
              ...(op.body ? { "content-type": "application/json" } : {}),
            },
            body: op.body ? "{}" : undefined,
          });
          const json = await res.json().catch(() => ({}));
          const ok = res.status === MALFORMED_ID_STATUS && json.error?.field === name;
          if (!ok) {
            problems.push(`${where} {${name}}=${value}: ${res.status} ${json.error?.field}`);
          }
        }
      }
    }
    assert(probes > 100, `probed ${probes} malformed ids`);
    assertEquals(problems, []);
  });

  await t.step("pages: GET and POST with a malformed id in the path are 404", async () => {
    const session = browser(app, person.token);
    const pages = [
      "/gigs/{}",
      "/musicians/{}",
      "/bookings/{}",
      "/messages/{}",
      "/messages/application/{}",
      "/messages/booking/{}",
      "/notifications/{}",
      "/dj/runs/{}",
    ];
    const posted = new Set(["/gigs/{}", "/bookings/{}", "/messages/{}"]);
    const problems: string[] = [];
    for (const page of pages) {
      for (const value of MALFORMED) {
        const path = page.replace("{}", encodeURIComponent(value));
        const got = await app.fetch(path, { headers: session });
        await got.body?.cancel();
        if (got.status !== 404) problems.push(`GET ${path}: ${got.status}`);
        if (!posted.has(page)) continue;
        const sent = await app.fetch(path, {
          method: "POST",
          headers: { ...session, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: CSRF, intent: "cancel" }),
        });
        await sent.body?.cancel();
        if (sent.status !== 404) problems.push(`POST ${path}: ${sent.status}`);
      }
    }
    assertEquals(problems, []);
  });

  await t.step("forms: a malformed id in a field is 404, as an unknown one", async () => {
    const session = {
      ...browser(app, person.token),
      "content-type": "application/x-www-form-urlencoded",
    };
    const post = async (path: string, fields: Record<string, string>) => {
      const res = await app.fetch(path, {
        method: "POST",
        headers: session,
        body: new URLSearchParams({ _csrf: CSRF, ...fields }),
      });
      await res.body?.cancel();
      return res.status;
    };
    for (const value of MALFORMED) {
      assertEquals(
        await post(`/gigs/${crypto.randomUUID()}`, { intent: "shortlist", application_id: value }),
        404,
        `application_id=${value}`,
      );
      assertEquals(await post("/notifications", { intent: "read", id: value }), 404, value);
    }
    // An unknown (well-formed) id: the same answer.
    assertEquals(await post("/notifications", { intent: "read", id: crypto.randomUUID() }), 404);
  });
});
