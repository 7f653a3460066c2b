import { assertEquals } from "../../tests/_helpers/assert.ts";
import { startJob, type StartRequest } from "./start_job.ts";

const REQ: StartRequest = {
  url: "/api/dj/runs",
  csrf: "tok",
  body: { prompt: "calm piano" },
  key: "run",
  page: (id) => `/dj/runs/${id}`,
  failure: (status) => `The DJ failed (${status})`,
};

const answer = (status: number, body: string): typeof fetch => () =>
  Promise.resolve(new Response(body, { status, headers: { "content-type": "application/json" } }));

Deno.test("startJob - posts the body as JSON with the CSRF token and opens the new row's page", async () => {
  let seen: { url: string; init?: RequestInit } | null = null;
  const fetcher: typeof fetch = (url, init) => {
    seen = { url: String(url), init };
    return answer(201, JSON.stringify({ run: { id: "r1" } }))(url, init);
  };
  assertEquals(await startJob(REQ, fetcher), { page: "/dj/runs/r1" });
  assertEquals(seen!.url, "/api/dj/runs");
  assertEquals(seen!.init?.method, "POST");
  assertEquals(seen!.init?.headers, { "content-type": "application/json", "x-csrf-token": "tok" });
  assertEquals(seen!.init?.body, '{"prompt":"calm piano"}');
});

Deno.test("startJob - an error goes beside its field, or on the form", async () => {
  const field = answer(
    400,
    JSON.stringify({ error: { message: "Prompt: too short", field: "prompt" } }),
  );
  assertEquals(await startJob(REQ, field), { errors: { prompt: "Prompt: too short" } });
  const general = answer(429, JSON.stringify({ error: { message: "No songs left" } }));
  assertEquals(await startJob(REQ, general), { errors: { _form: "No songs left" } });
});

Deno.test("startJob - without a message, the caller's names the status; offline, the connection", async () => {
  assertEquals(await startJob(REQ, answer(502, "<html>")), {
    errors: { _form: "The DJ failed (502)" },
  });
  // A success without the row is a failure too.
  assertEquals(await startJob(REQ, answer(200, "{}")), {
    errors: { _form: "The DJ failed (200)" },
  });
  const offline: typeof fetch = () => Promise.reject(new TypeError("Failed to fetch"));
  assertEquals(await startJob(REQ, offline), {
    errors: { _form: "No connection to the server. Try again." },
  });
});
