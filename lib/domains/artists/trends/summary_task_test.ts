import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { strictJsonSchema } from "../../../ports/ai/port.ts";
import { scriptedAi } from "../../../ports/ai/test_utils.ts";
import type { ChartRow } from "../types.ts";
import {
  citableRows,
  citedRowsExist,
  CompetitorSummary,
  competitorSummarySchema,
  competitorSummaryTask,
  type SummaryInput,
  summaryInput,
  summaryPrompt,
  writeCompetitorSummary,
} from "./summary_task.ts";

function chart(country: string, week: string, genres: string[]): ChartRow[] {
  return genres.map((genre, i) => ({
    country,
    week,
    rank: i + 1,
    track: `${genre} hit ${i + 1}`,
    artist: `Act ${i + 1}`,
    genre,
    streams: 1000 - i,
  }));
}

const ROWS = [
  ...chart("GB", "2026-02-05", ["pop", "pop", "rock", "funk"]),
  ...chart("GB", "2026-03-05", ["rock", "pop", "rock", "pop"]),
  ...chart("BR", "2026-03-05", ["sertanejo"]),
];
const INPUT = summaryInput({ genres: ["Synth-Pop", "funk"], market: "GB" }, ROWS);

type Node = Record<string, unknown>;
function assertStrict(node: Node, path = "$"): void {
  for (const k of ["minLength", "maxLength", "$schema", "format", "default"]) {
    assert(!(k in node), `${path}: ${k}`);
  }
  if (node.type === "object") {
    const keys = Object.keys(node.properties as Node);
    assertEquals([...(node.required as string[])].sort(), [...keys].sort(), `${path} required`);
    assertEquals(node.additionalProperties, false, `${path} additionalProperties`);
    for (const [k, v] of Object.entries(node.properties as Node)) assertStrict(v as Node, k);
  }
  if (node.items) assertStrict(node.items as Node, `${path}[]`);
}

Deno.test("competitor summary - the schema suits strict structured output", () => {
  assertStrict(strictJsonSchema(CompetitorSummary));
  assertStrict(strictJsonSchema(competitorSummarySchema(INPUT)));
});

Deno.test("competitor summary (offline) - templated from momentum, citing the rows used", () => {
  assertEquals(INPUT.chart.length, 4);
  assertEquals(INPUT.momentum.map((m) => m.country), ["GB", "GB", "GB"]);
  const s = competitorSummaryTask.offline(INPUT);
  competitorSummarySchema(INPUT).parse(s);
  assert(citedRowsExist(s, citableRows(INPUT)));
  assertMatch(s.summary, /^In the United Kingdom chart for the week of 2026-03-05, rock holds/);
  assertMatch(s.summary, /rock \(\+40 points\) is rising/);
  const sentences = s.summary.split(/(?<=\.)\s+/);
  assert(sentences.length >= 2 && sentences.length <= 5, s.summary);
  const texts = s.points.map((p) => p.text);
  assertEquals(texts.length, 3);
  assertMatch(texts[0], /^Rock leads with 60% of the chart \(up 40 points over 4 weeks\)/);
  assertEquals(s.points[0].cites, [
    { country: "GB", week: "2026-03-05", rank: 1 },
    { country: "GB", week: "2026-03-05", rank: 3 },
  ]);
  // Pop fell most (70% → 40%): cited from the week compared with.
  assertMatch(texts[1], /^Pop is falling: 40% of the chart against 70% in the week of 2026-02-05/);
  assertEquals(s.points[1].cites.map((c) => [c.week, c.rank]), [
    ["2026-02-05", 1],
    ["2026-02-05", 2],
  ]);
  // The artist's funk has left the chart: cited from the week it was in.
  assertMatch(texts[2], /^The artist's funk: 0% of the chart, down 10 points over 4 weeks; /);
  assertEquals(s.points[2].cites, [{ country: "GB", week: "2026-02-05", rank: 4 }]);
  assertEquals(competitorSummaryTask.offline(INPUT), s, "deterministic");
});

Deno.test("competitor summary (offline) - a rising genre below the leader; a near genre", () => {
  const rows = [
    ...chart("GB", "2026-02-05", ["pop", "pop", "pop", "rock"]), // pop 90, rock 10
    ...chart("GB", "2026-03-05", ["pop", "rock", "pop", "rock"]), // pop 60, rock 40
  ];
  const input = summaryInput({ genres: ["Synth-Pop"], market: "GB" }, rows);
  const s = competitorSummaryTask.offline(input);
  competitorSummarySchema(input).parse(s);
  assertMatch(s.summary, /rock \(\+30 points\) is rising\./);
  const rising = s.points.find((p) => p.text.startsWith("Rock is rising"))!;
  assertMatch(rising.text, /40% of the chart, up 30 points since the week of 2026-02-05/);
  assertEquals(rising.cites.map((c) => c.rank), [2, 4]);
  assertMatch(
    s.points.at(-1)!.text,
    /^Pop \(nearest to the artist's synth-pop\): 60% of the chart/,
  );
});

Deno.test("competitor summary (offline) - one week, other genres, no chart at all", () => {
  const one = summaryInput({ genres: ["jazz"], market: "BR" }, ROWS);
  const s = competitorSummaryTask.offline(one);
  competitorSummarySchema(one).parse(s);
  assertMatch(s.summary, /Only one week of charts/);
  assertMatch(s.points.at(-1)!.text, /^None of jazz charts in the Brazil top 1; .*sertanejo hit 1/);
  const none = summaryInput({ genres: ["jazz"], market: "US" }, ROWS);
  const empty = competitorSummaryTask.offline(none);
  competitorSummarySchema(none).parse(empty);
  assertEquals(empty.points, []);
  assertMatch(empty.summary, /No weekly chart for the United States market/);
});

Deno.test("citedRowsExist - refuses a point citing a row that was not given", () => {
  const s = competitorSummaryTask.offline(INPUT);
  const rows = citableRows(INPUT);
  assert(citedRowsExist(s, rows));
  const invented = {
    ...s,
    points: [...s.points, {
      text: "Made-up row",
      cites: [{ country: "GB", week: "2026-03-05", rank: 9 }],
    }],
  };
  assert(!citedRowsExist(invented, rows));
  assert(!citedRowsExist(s, []));
  const parsed = competitorSummarySchema(INPUT).safeParse(invented);
  assert(!parsed.success);
  assertMatch(parsed.error.issues[0].message, /GB 2026-03-05 #9 is not one of the rows given/);
});

Deno.test("writeCompetitorSummary - a live answer with an unknown cite is retried, then offline", async () => {
  const good = {
    summary: "Rock leads the UK chart. Pop is falling fast.",
    points: [{
      text: "Rock is at #1 this week.",
      cites: [{ country: "GB", week: "2026-03-05", rank: 1 }],
    }],
  };
  const bad = {
    ...good,
    points: [{ ...good.points[0], cites: [{ ...good.points[0].cites[0], rank: 7 }] }],
  };
  const ai = scriptedAi([JSON.stringify(bad), JSON.stringify(good)]);
  const run = await writeCompetitorSummary(ai, INPUT);
  assertEquals([run.source, run.attempts, run.value], ["live", 2, good]);
  assertMatch(ai.calls[1].prompt, /#7 is not one of the rows given/);
  assertMatch(ai.calls[0].prompt, /"rank":3,"track":"rock hit 3"/);

  const worse = await writeCompetitorSummary(
    scriptedAi([JSON.stringify(bad), JSON.stringify(bad)]),
    INPUT,
  );
  assertEquals([worse.source, worse.value], ["offline", competitorSummaryTask.offline(INPUT)]);
});

Deno.test("summaryPrompt - states the market, the artist's genres and the rows", () => {
  const input: SummaryInput = { ...INPUT, persona: { genres: ["pop", "rock"], market: "GB" } };
  const p = summaryPrompt(input);
  assertMatch(p, /^Market: GB\nThe artist's genres: pop, rock\n/);
  assertMatch(p, /"genre":"rock","week":"2026-03-05","from_week":"2026-02-05","share":60/);
  assertMatch(p, /Latest chart \(top 4\)/);
});
