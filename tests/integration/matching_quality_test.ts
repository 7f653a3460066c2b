/**
 * Ranking quality as a regression guard: the labelled evaluation set (bench/matching_eval)
 * through the real candidate functions on the embedded database, both directions. The bench
 * (`deno task bench matching`) reports the same figures; this fails when they fall.
 */
import { assert } from "../_helpers/assert.ts";
import { evalWorld } from "../../bench/matching_eval/world.ts";
import { infeasibleReasons } from "../../bench/matching_eval/labels.ts";
import { loadEvalWorld, rankAll, score } from "../../bench/matching_quality.ts";

Deno.test("matching quality - NDCG@10 ≥ 0.9 both ways; HNSW and the exact scan agree", async () => {
  const w = evalWorld(new Date());
  const { db, driver } = await loadEvalWorld(w);
  try {
    const ranked = await rankAll(db, w);
    for (const d of ["gig_to_musicians", "musician_to_gigs"] as const) {
      const e = score(w, ranked, d);
      assert(e.ndcg10 >= 0.9, `${d}: NDCG@10 ${e.ndcg10.toFixed(3)}`);
      assert(e.recall20 >= 0.9, `${d}: recall@20 ${e.recall20.toFixed(3)}`);
    }
    const exact = new Map(
      (await rankAll(db, w, { exact: true })).map((r) => [`${r.direction}:${r.query}`, r]),
    );
    for (const r of ranked) {
      const e = exact.get(`${r.direction}:${r.query}`)!;
      assert(
        r.matches.slice(0, 10).map((m) => m.id).join() ===
          e.matches.slice(0, 10).map((m) => m.id).join(),
        `${r.direction} ${r.query}: the top 10 differ between the index and the exact scan`,
      );
    }
    // Every pair shown can happen by the set's own hard rules (fee and past declines are soft
    // for the ranker: graded, not hidden).
    const gigs = new Map(w.gigs.map((g) => [g.id, g]));
    const musicians = new Map(w.musicians.map((m) => [m.id, m]));
    let busy = 0;
    for (const r of ranked) {
      for (const m of r.matches) {
        const [g, mu] = r.direction === "gig_to_musicians"
          ? [gigs.get(r.query)!, musicians.get(m.id)!]
          : [gigs.get(m.id)!, musicians.get(r.query)!];
        const hard = infeasibleReasons(g, mu, w).filter((x) => x !== "fee" && x !== "declined");
        // The loader keeps one of two overlapping bookings (the database refuses both).
        if (hard.length === 1 && hard[0] === "busy") busy++;
        else assert(hard.length === 0, `${g.title} × ${mu.stage_name}: ${hard.join(", ")}`);
      }
    }
    assert(busy <= 2, `${busy} pairs listed while booked`);
  } finally {
    await driver.close();
  }
});
