import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { evaluate, gainOf, ndcgAt, recallAt } from "./metrics.ts";

const close = (a: number | null, b: number, eps = 1e-9) =>
  assert(a !== null && Math.abs(a - b) < eps, `${a} ≉ ${b}`);

Deno.test("gain is 2^grade − 1", () => {
  assertEquals([0, 1, 2, 3].map(gainOf), [0, 1, 3, 7]);
});

Deno.test("ndcg@3 by hand; the ideal counts candidates the ranker left out", () => {
  // Grades a=3, b=2, c=0, d=1; ranked a, b, c (d not returned).
  // DCG  = 7/log2(2) + 3/log2(3) + 0/log2(4)            = 7 + 1.8927893 = 8.8927893
  // IDCG = 7/log2(2) + 3/log2(3) + 1/log2(4) (3, 2, 1) = 7 + 1.8927893 + 0.5 = 9.3927893
  const grades = new Map([["a", 3], ["b", 2], ["c", 0], ["d", 1]]);
  close(ndcgAt(3, ["a", "b", "c"], grades), 8.8927893 / 9.3927893, 1e-7);
  close(ndcgAt(3, ["a", "b", "d"], grades), 1);
  // Worst first: c, d, b → (0 + 1/log2(3) + 3/2) / 9.3927893
  close(ndcgAt(3, ["c", "d", "b"], grades), (1 / Math.log2(3) + 1.5) / 9.3927893);
  assertEquals(ndcgAt(3, ["a"], new Map([["a", 0]])), null);
});

Deno.test("recall@k over min(k, |relevant|)", () => {
  const relevant = new Set(["a", "b", "e"]);
  close(recallAt(2, ["a", "c", "b", "d"], relevant), 1 / 2);
  close(recallAt(4, ["a", "c", "b", "d"], relevant), 2 / 3);
  close(recallAt(1, ["b"], relevant), 1);
  assertEquals(recallAt(5, ["a"], new Set()), null);
});

Deno.test("evaluate: means skip queries with nothing positive", () => {
  const grades: Record<string, Record<string, number>> = {
    q1: { a: 3, b: 0 },
    q2: { a: 0, b: 0 },
  };
  const out = evaluate(
    [{ id: "q1", ranked: ["b", "a"] }, { id: "q2", ranked: ["a", "b"] }],
    (q, c) => grades[q][c],
    () => ["a", "b"],
  );
  assertEquals(out.queries, 1);
  close(out.ndcg10, (7 / Math.log2(3)) / 7);
  close(out.recall20, 1);
});
