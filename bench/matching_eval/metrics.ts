/**
 * Ranking metrics for the matching evaluation: NDCG@k with exponential gain and recall@k.
 *
 * @module
 */

/** Gain of a grade: 2^grade − 1 (grade 3 → 7, 2 → 3, 1 → 1, 0 → 0). */
export function gainOf(grade: number): number {
  return 2 ** grade - 1;
}

function dcg(grades: number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) sum += gainOf(grades[i]) / Math.log2(i + 2);
  return sum;
}

/**
 * NDCG@k. `grades` maps every graded candidate of the query to its grade (unlisted ids count
 * as 0); the ideal DCG is over ALL of them, not only the returned ones, so a ranker that leaves
 * good candidates out is penalised. Null when the query has no positive grade (skipped by means).
 */
export function ndcgAt(k: number, rankedIds: string[], grades: Map<string, number>): number | null {
  const ideal = dcg([...grades.values()].sort((a, b) => b - a), k);
  if (ideal <= 0) return null;
  return dcg(rankedIds.slice(0, k).map((id) => grades.get(id) ?? 0), k) / ideal;
}

/** Recall@k = |top k ∩ relevant| / min(k, |relevant|); null when nothing is relevant. */
export function recallAt(k: number, rankedIds: string[], relevant: Set<string>): number | null {
  if (relevant.size === 0) return null;
  const hits = rankedIds.slice(0, k).filter((id) => relevant.has(id)).length;
  return hits / Math.min(k, relevant.size);
}

export interface Evaluation {
  /** Mean NDCG@10 over queries with a positive grade. */
  ndcg10: number;
  /** Mean recall@20 over queries with a relevant (grade ≥ 2) candidate. */
  recall20: number;
  /** Queries that counted for NDCG (the rest had nothing positive). */
  queries: number;
}

/** Scores ranked lists. Relevant for recall = grade ≥ 2. */
export function evaluate(
  queries: { id: string; ranked: string[] }[],
  gradeOf: (queryId: string, candidateId: string) => number,
  candidatesOf: (queryId: string) => string[],
): Evaluation {
  const ndcgs: number[] = [];
  const recalls: number[] = [];
  for (const q of queries) {
    const grades = new Map(candidatesOf(q.id).map((c) => [c, gradeOf(q.id, c)]));
    const relevant = new Set([...grades].filter(([, g]) => g >= 2).map(([c]) => c));
    const n = ndcgAt(10, q.ranked, grades);
    const r = recallAt(20, q.ranked, relevant);
    if (n !== null) ndcgs.push(n);
    if (r !== null) recalls.push(r);
  }
  const mean = (xs: number[]) => xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
  return { ndcg10: mean(ndcgs), recall20: mean(recalls), queries: ndcgs.length };
}
