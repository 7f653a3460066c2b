/** bench/results.json (format: ../shared/BENCH.md): summarise runs, read, merge and write. */

export interface Result {
  name: string;
  value: number;
  unit: string;
  runs: number;
  spread: number;
}

export interface ResultsFile {
  generated_at: string;
  runtime: string;
  results: Result[];
}

export const RESULTS_PATH = new URL("./results.json", import.meta.url);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** One metric from its per-run values: median, and (max - min) / median as the spread. */
export function summarise(name: string, unit: string, values: number[]): Result {
  if (values.length === 0) throw new Error(`${name}: no runs`);
  const value = median(values);
  const spread = value === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / value;
  return {
    name,
    value: round(value, unit === "ratio" ? 3 : 1),
    unit,
    runs: values.length,
    spread: round(spread, 3),
  };
}

export async function readResults(path: URL = RESULTS_PATH): Promise<ResultsFile | null> {
  try {
    return JSON.parse(await Deno.readTextFile(path)) as ResultsFile;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw new Error(`Cannot read ${path.pathname}: ${err instanceof Error ? err.message : err}`);
  }
}

/** Replaces the entries named in `fresh` (in place), appends new ones, keeps the others. */
export function mergeResults(old: Result[], fresh: Result[]): Result[] {
  const byName = new Map(fresh.map((r) => [r.name, r]));
  const merged = old.map((r) => byName.get(r.name) ?? r);
  const seen = new Set(old.map((r) => r.name));
  for (const r of fresh) if (!seen.has(r.name)) merged.push(r);
  return merged;
}

export async function writeResults(
  fresh: Result[],
  path: URL = RESULTS_PATH,
): Promise<ResultsFile> {
  const old = await readResults(path);
  const file: ResultsFile = {
    generated_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    runtime: `deno ${Deno.version.deno}`,
    results: mergeResults(old?.results ?? [], fresh),
  };
  // One result per line, as in BENCH.md: readable diffs between runs.
  const q = JSON.stringify;
  const line = (r: Result) =>
    [`"name": ${q(r.name)}`, `"value": ${r.value}`, `"unit": ${q(r.unit)}`, `"runs": ${r.runs}`]
      .concat(`"spread": ${r.spread}`).join(", ");
  const results = file.results.map((r) => `    {${line(r)}}`).join(",\n");
  const head = `"generated_at": ${q(file.generated_at)},\n  "runtime": ${q(file.runtime)}`;
  await Deno.writeTextFile(path, `{\n  ${head},\n  "results": [\n${results}\n  ]\n}\n`);
  return file;
}
