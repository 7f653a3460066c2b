import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import type { Db, Tx } from "../db/mod.ts";
import { createDbPacer, createPacer } from "./pacer.ts";

Deno.test("pacer - one slot per interval per host, hosts apart", async () => {
  const pacer = createPacer(200);
  const t0 = Date.now();
  await Promise.all([pacer.acquire("a"), pacer.acquire("a"), pacer.acquire("b")]);
  const took = Date.now() - t0;
  assert(took >= 190 && took < 390, `two requests to "a" took ${took} ms`);
});

Deno.test("pacer - the database books slots; a failing database falls back to memory", async () => {
  const asked: unknown[][] = [];
  const db = {
    asService: <T>(fn: (tx: Tx) => Promise<T>) =>
      fn({
        query: <R>(_sql: string, params?: unknown[]) => {
          asked.push(params ?? []);
          return Promise.resolve([{ wait: asked.length === 1 ? 0 : 120 }] as R[]);
        },
        exec: () => Promise.resolve(),
      }),
  } as unknown as Db;
  const pacer = createDbPacer(db, 1000);
  const t0 = Date.now();
  await pacer.acquire("feeds.example");
  await pacer.acquire("feeds.example");
  assert(Date.now() - t0 >= 110, "the second waited as the database said");
  assertEquals(asked, [["feeds.example", 1000], ["feeds.example", 1000]]);

  const broken = { asService: () => Promise.reject(new Error("down")) } as unknown as Db;
  const fallback = createDbPacer(broken, 100);
  const t1 = Date.now();
  await fallback.acquire("x");
  await fallback.acquire("x");
  assert(Date.now() - t1 >= 90, "memory paces when the database cannot");
});
