/**
 * A small metrics registry speaking Prometheus' text exposition format (version 0.0.4): counters,
 * gauges and histograms with fixed buckets, each with a fixed set of label names. Series are kept
 * in maps keyed by their label values, so recording is a lookup and a few additions; the text is
 * built only when scraped. Scrape-time gauges (queue depth, …) are filled by `onScrape` hooks.
 *
 * @module
 */

/** The content type of `Registry.expose()`'s text. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// Joins label values into a map key; the rendered labels are kept beside it, never split back.
const SEP = "\u0001";

/** Label values by name; every label of the metric must be given. */
export type Labels<L extends string> = { readonly [K in L]: string };

/** `\`, `"` and newlines escaped, as the text format wants label values. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

/** `\` and newlines escaped, as the text format wants HELP lines. */
function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === "\n" ? "\\n" : "\\\\"));
}

/** A sample value as the format spells it (`+Inf`, `-Inf`, `NaN`). */
export function formatValue(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  return String(n);
}

abstract class Metric<L extends string, S> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  abstract readonly type: "counter" | "gauge" | "histogram";
  /** Series by their label values joined; each keeps its `{…}` text, built once. */
  protected readonly series = new Map<string, { labels: string; data: S }>();

  constructor(name: string, help: string, labelNames: readonly L[]) {
    if (!METRIC_NAME.test(name)) throw new Error(`metric name "${name}" is not valid`);
    for (const l of labelNames) {
      if (!LABEL_NAME.test(l) || l.startsWith("__") || l === "le") {
        throw new Error(`${name}: label name "${l}" is not valid`);
      }
    }
    this.name = name;
    this.help = help;
    this.labelNames = labelNames;
  }

  protected abstract fresh(): S;

  /** The series of `labels`, created on first use. */
  protected at(labels: Labels<L>): S {
    const key = this.key(labels);
    let s = this.series.get(key);
    if (!s) {
      const parts = this.labelNames.map((n) => `${n}="${escapeLabelValue(String(labels[n]))}"`);
      s = { labels: parts.join(","), data: this.fresh() };
      this.series.set(key, s);
    }
    return s.data;
  }

  protected find(labels: Labels<L>): S | undefined {
    return this.series.get(this.key(labels))?.data;
  }

  private key(labels: Labels<L>): string {
    const names = this.labelNames;
    if (names.length === 1) return labels[names[0]];
    let key = "";
    for (let i = 0; i < names.length; i++) key += (i ? SEP : "") + labels[names[i]];
    return key;
  }

  /** `{a="x",b="y"}` with `extra` appended (a bucket's `le`), or "" when there is no label. */
  protected static braces(labels: string, extra?: string): string {
    const all = extra ? (labels ? `${labels},${extra}` : extra) : labels;
    return all ? `{${all}}` : "";
  }

  protected header(): string {
    return `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} ${this.type}\n`;
  }

  abstract render(): string;
}

/** A value that only goes up (reset when the process starts). */
export class Counter<L extends string = never> extends Metric<L, { n: number }> {
  readonly type = "counter";

  protected fresh() {
    return { n: 0 };
  }

  inc(labels: Labels<L>, by = 1): void {
    if (!(by >= 0)) throw new Error(`${this.name}: a counter cannot go down`);
    this.at(labels).n += by;
  }

  /** The current value of one series. */
  get(labels: Labels<L>): number {
    return this.find(labels)?.n ?? 0;
  }

  render(): string {
    let out = this.header();
    for (const { labels, data } of this.series.values()) {
      out += `${this.name}${Metric.braces(labels)} ${formatValue(data.n)}\n`;
    }
    return out;
  }
}

/** A value that goes up and down; `clear()` before refilling a scrape-time gauge. */
export class Gauge<L extends string = never> extends Metric<L, { v: number }> {
  readonly type = "gauge";

  protected fresh() {
    return { v: 0 };
  }

  set(labels: Labels<L>, value: number): void {
    this.at(labels).v = value;
  }

  get(labels: Labels<L>): number | undefined {
    return this.find(labels)?.v;
  }

  /** Drops every series (a queue that is gone must not linger with its last value). */
  clear(): void {
    this.series.clear();
  }

  render(): string {
    let out = this.header();
    for (const { labels, data } of this.series.values()) {
      out += `${this.name}${Metric.braces(labels)} ${formatValue(data.v)}\n`;
    }
    return out;
  }
}

interface HistogramSeries {
  /** Per bucket, observations that fell in it (not cumulative: summed when rendered). */
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted in fixed buckets, plus their sum and count. */
export class Histogram<L extends string = never> extends Metric<L, HistogramSeries> {
  readonly type = "histogram";
  readonly buckets: readonly number[];

  constructor(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]) {
    super(name, help, labelNames);
    if (buckets.length === 0 || buckets.some((b, i) => i > 0 && b <= buckets[i - 1])) {
      throw new Error(`${name}: buckets must be given in increasing order`);
    }
    this.buckets = buckets.filter((b) => b !== Infinity);
  }

  protected fresh(): HistogramSeries {
    return { counts: new Array(this.buckets.length).fill(0), sum: 0, count: 0 };
  }

  observe(labels: Labels<L>, value: number): void {
    const s = this.at(labels);
    // Buckets are few (about a dozen): a linear scan beats a binary search at this size.
    const b = this.buckets;
    for (let i = 0; i < b.length; i++) {
      if (value <= b[i]) {
        s.counts[i]++;
        break;
      }
    }
    s.sum += value;
    s.count++;
  }

  /** Sum and count of one series. */
  get(labels: Labels<L>): { sum: number; count: number } {
    const s = this.find(labels);
    return { sum: s?.sum ?? 0, count: s?.count ?? 0 };
  }

  render(): string {
    const les = this.buckets.map((b) => `le="${formatValue(b)}"`);
    const { name } = this;
    let out = this.header();
    for (const { labels, data: s } of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < les.length; i++) {
        cumulative += s.counts[i];
        out += `${name}_bucket${Metric.braces(labels, les[i])} ${cumulative}\n`;
      }
      out += `${name}_bucket${Metric.braces(labels, 'le="+Inf"')} ${s.count}\n`;
      const own = Metric.braces(labels);
      out += `${name}_sum${own} ${formatValue(s.sum)}\n${name}_count${own} ${s.count}\n`;
    }
    return out;
  }
}

/** Every metric of a process, and the hooks that refresh scrape-time gauges. */
export class Registry {
  readonly #metrics = new Map<string, Metric<string, unknown>>();
  readonly #hooks: (() => Promise<void> | void)[] = [];

  counter<L extends string = never>(name: string, help: string, labels: readonly L[] = []) {
    return this.#add(new Counter<L>(name, help, labels));
  }

  gauge<L extends string = never>(name: string, help: string, labels: readonly L[] = []) {
    return this.#add(new Gauge<L>(name, help, labels));
  }

  histogram<L extends string = never>(
    name: string,
    help: string,
    labels: readonly L[],
    buckets: readonly number[],
  ) {
    return this.#add(new Histogram<L>(name, help, labels, buckets));
  }

  /** Runs before every exposition (scrape-time gauges read the database here). */
  onScrape(hook: () => Promise<void> | void): void {
    this.#hooks.push(hook);
  }

  /** The text exposition of every metric, after the scrape hooks ran (in order). */
  async expose(): Promise<string> {
    for (const hook of this.#hooks) await hook();
    return this.render();
  }

  /** The text exposition as the metrics stand, without running the hooks. */
  render(): string {
    let out = "";
    for (const m of this.#metrics.values()) out += m.render();
    return out;
  }

  #add<M extends Metric<string, unknown>>(metric: M): M {
    if (this.#metrics.has(metric.name)) throw new Error(`metric ${metric.name} exists already`);
    this.#metrics.set(metric.name, metric);
    return metric;
  }
}
