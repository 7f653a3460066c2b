/**
 * The competitor summary without a model: sentences templated from the genre momentum, each
 * point citing the very rows its numbers come from (the leader's top rows, a rising genre's rows
 * this week, a falling genre's rows in the week compared, the artist's own genre). Deterministic,
 * and held to the same schema as a live answer (summary_task.ts). Track and artist names appear
 * only in points, so the summary's sentence count does not depend on their punctuation.
 *
 * @module
 */
import { capitalise, countryName, joinList } from "../../gigs/facts.ts";
import { clip } from "../../writing/tasks/writing.ts";
import type { ChartRef, Momentum } from "./momentum.ts";
import type { ChartCite, CompetitorSummary, SummaryInput } from "./summary_schema.ts";

const pp = (x: number) => (Number.isInteger(x) ? String(Math.abs(x)) : Math.abs(x).toFixed(1));
const pct = (x: number) => `${pp(x)}%`;
const cites = (rows: readonly ChartRef[]): ChartCite[] =>
  rows.map(({ country, week, rank }) => ({ country, week, rank }));
const named = (r: Pick<ChartRef, "track" | "artist" | "rank">) =>
  `“${clip(r.track, 80)}” by ${clip(r.artist, 80)} at #${r.rank}`;

function place(code: string): string {
  return code === "GLOBAL" ? "the global" : `the ${countryName(code) ?? code}`;
}

/**
 * The momentum entry that best stands for the artist's genres, and how to name it: a genre of
 * the same name first (in the persona's order), else one whose name contains it or is in it.
 */
function ownGenre(momentum: Momentum[], genres: string[]): { m: Momentum; label: string } | null {
  const wanted = genres.map((g) => g.trim().toLowerCase());
  for (const g of wanted) {
    const m = momentum.find((x) => x.genre === g);
    if (m) return { m, label: `the artist's ${m.genre}` };
  }
  for (const g of wanted) {
    const m = momentum.find((x) => x.genre.includes(g) || g.includes(x.genre));
    if (m) return { m, label: `${m.genre} (nearest to the artist's ${g})` };
  }
  return null;
}

function trendWords(m: Momentum): string {
  if (m.change_pp === null || m.trend === null) return "no earlier week to compare";
  if (m.trend === "steady") return `steady over ${m.weeks_compared} weeks`;
  const dir = m.trend === "rising" ? "up" : "down";
  return `${dir} ${pp(m.change_pp)} points over ${m.weeks_compared} weeks`;
}

export function offlineSummary(input: SummaryInput): CompetitorSummary {
  const { market, genres } = input.persona;
  const momentum = input.momentum.filter((m) => m.country === market);
  const chart = input.chart.filter((r) => r.country === market);
  const where = place(market);
  const leader = momentum.find((m) => m.share > 0 && m.rows.length > 0);
  if (!leader) {
    return {
      summary: `No weekly chart for ${where} market has been imported yet. ` +
        "Import a chart CSV to see which genres lead and which are rising.",
      points: [],
    };
  }
  const week = leader.week;
  const compared = leader.from_week !== null;
  const sentences: string[] = [];
  const points: CompetitorSummary["points"] = [];

  sentences.push(
    `In ${where} chart for the week of ${week}, ${leader.genre} holds the largest ` +
      `rank-weighted share (${pct(leader.share)}).`,
  );
  points.push({
    text: `${capitalise(leader.genre)} leads with ${pct(leader.share)} of the chart ` +
      `(${trendWords(leader)}), topped by ${named(leader.rows[0])}.`,
    cites: cites(leader.rows),
  });

  const rising = momentum.filter((m) => m.trend === "rising" && m.rows.length > 0)
    .sort((a, b) => (b.change_pp ?? 0) - (a.change_pp ?? 0)).slice(0, 2);
  const falling = momentum.filter((m) => m.trend === "falling" && m.rows_before.length > 0)
    .sort((a, b) => (a.change_pp ?? 0) - (b.change_pp ?? 0)).slice(0, 1);
  if (!compared) {
    sentences.push("Only one week of charts is imported, so there is no trend to read yet.");
  } else if (rising.length) {
    const list = rising.map((m) => `${m.genre} (+${pp(m.change_pp ?? 0)} points)`);
    sentences.push(
      `Over ${leader.weeks_compared} weeks, ${joinList(list)} ${
        rising.length > 1 ? "are" : "is"
      } rising.`,
    );
  } else {
    sentences.push(`No genre gained much ground over ${leader.weeks_compared} weeks.`);
  }
  // The leader's point already gives its rise.
  for (const m of rising.filter((m) => m !== leader)) {
    points.push({
      text: `${capitalise(m.genre)} is rising: ${pct(m.share)} of the chart, up ` +
        `${pp(m.change_pp ?? 0)} points since the week of ${m.from_week}, with ${
          named(m.rows[0])
        }.`,
      cites: cites(m.rows),
    });
  }
  for (const m of falling) {
    sentences.push(
      `${capitalise(m.genre)} is losing ground (down ${pp(m.change_pp ?? 0)} points).`,
    );
    points.push({
      text: `${capitalise(m.genre)} is falling: ${pct(m.share)} of the chart against ` +
        `${pct(m.share_before ?? 0)} in the week of ${m.from_week}, when ` +
        `${named(m.rows_before[0])} led it.`,
      cites: cites(m.rows_before),
    });
  }

  const found = ownGenre(momentum, genres);
  const own = found?.m;
  const ownRows = own && (own.rows.length ? own.rows : own.rows_before);
  if (found && own && ownRows?.length) {
    sentences.push(
      `${capitalise(found.label)} holds ${pct(own.share)} of the chart (${trendWords(own)}).`,
    );
    points.push({
      text: `${capitalise(found.label)}: ${pct(own.share)} of the chart, ${trendWords(own)}; ` +
        `the nearest competition is ${named(ownRows[0])}${
          own.rows.length ? "" : ` in the week of ${own.from_week}`
        }.`,
      cites: cites(ownRows),
    });
  } else {
    const top = chart[0] ?? { ...leader.rows[0], genre: leader.genre };
    sentences.push(`None of the artist's genres (${joinList(genres)}) is in this chart.`);
    points.push({
      text: `None of ${joinList(genres)} charts in ${where} top ${
        chart.length || leader.rows.length
      }; the chart is led by ${named(top)} (${top.genre}).`,
      cites: cites([top]),
    });
  }
  return {
    summary: clip(sentences.slice(0, 5).join(" "), 1200),
    points: points.slice(0, 6).map((p) => ({ ...p, text: clip(p.text, 400) })),
  };
}
