import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { AuditFilter, changes } from "./audit_log.ts";
import { describeLetter, formatAge } from "./queues.ts";

Deno.test("admin audit - changes lists only the keys that differ, absent ones as a dash", () => {
  assertEquals(
    changes(
      { status: "failed", attempts: 5, channel: "email", job: { a: 1 } },
      { status: "pending", attempts: 0, channel: "email", deleted: true },
    ),
    [
      { key: "status", before: "failed", after: "pending" },
      { key: "attempts", before: "5", after: "0" },
      { key: "job", before: '{"a":1}', after: "—" },
      { key: "deleted", before: "—", after: "true" },
    ],
  );
  assertEquals(changes(null, null), []);
  assertEquals(changes("x", "y"), [{ key: "value", before: "x", after: "y" }]);
});

Deno.test("admin audit - the filter: empty means none, actions are dotted words", () => {
  assertEquals(AuditFilter.parse({ actor: " ", action: "", target: "", before: "" }), {});
  assertEquals(AuditFilter.parse({ action: "queue.", before: "12" }), {
    action: "queue.",
    before: 12,
  });
  for (const bad of [{ action: "DROP TABLE" }, { before: "-1" }, { before: "1.5" }]) {
    assertEquals(AuditFilter.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

Deno.test("admin queues - a dead letter as the worker wrote it, and one it did not", () => {
  const l = describeLetter({
    msg_id: "7",
    enqueued_at: "2026-12-01T10:00:00Z",
    message: {
      queue: "ai",
      msg_id: 3,
      attempts: 5,
      error: "provider down",
      message: {
        kind: "dj_run",
        job_id: "j1",
        stage: "search",
        idempotency_key: "k",
        long: "x".repeat(80),
      },
    },
  });
  assertEquals([l.msgId, l.kind, l.error, l.attempts], [7, "dj_run", "provider down", 5]);
  assertEquals(l.summary.map(([k]) => k), ["job_id", "stage", "long"]);
  assertEquals(l.summary[2][1].length, 60);
  const raw = describeLetter({ msg_id: 1, enqueued_at: new Date(), message: [1, 2] });
  assertEquals([raw.kind, raw.error, raw.summary], [null, "No error was recorded.", [[
    "message",
    "[1,2]",
  ]]]);
  assertEquals(
    [formatAge(null), formatAge(5), formatAge(600), formatAge(7200), formatAge(400_000)],
    [
      "—",
      "just now",
      "10 min",
      "2 h",
      "4 days",
    ],
  );
});
