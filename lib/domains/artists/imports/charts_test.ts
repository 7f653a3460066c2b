import { assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { ChartRow } from "../types.ts";
import { parseChartsCsv } from "./charts.ts";

const HEADER = "country,week,rank,track,artist,genre,streams";

Deno.test("parseChartsCsv - rows satisfy ChartRow; GLOBAL and lower case accepted", () => {
  const csv = [
    HEADER,
    `gb,2026-03-05,1,Night Drive,"Ava, Ben",synth-pop,"1,200,000"`,
    "global,2026/03/05,2,Other,Cy,house,900000",
  ].join("\n");
  const { rows, errors } = parseChartsCsv(csv);
  assertEquals(errors, []);
  for (const r of rows) assertEquals(ChartRow.parse(r), r);
  assertEquals(rows[0], {
    country: "GB",
    week: "2026-03-05",
    rank: 1,
    track: "Night Drive",
    artist: "Ava, Ben",
    genre: "synth-pop",
    streams: 1200000,
  });
  assertEquals([rows[1].country, rows[1].week], ["GLOBAL", "2026-03-05"]);
});

Deno.test("parseChartsCsv - the aliases published charts use", () => {
  const csv = "Region\tWeek_Start\tPosition\tTrack_Name\tArtist_Names\tGenre\tStreams\tURI\n" +
    "BR\t2026-03-05\t1\tSong\tAna\tsertanejo\t5\tspotify:track:x\n";
  const { rows, errors } = parseChartsCsv(csv);
  assertEquals(errors, []);
  assertEquals(rows[0].artist, "Ana");
  const dated = "Country Code,Date,#,Song,Artists,Primary Genre,Plays\nDE,2026-03-05,3,S,A,pop,1\n";
  assertEquals(parseChartsCsv(dated).rows[0].rank, 3);
});

Deno.test("parseChartsCsv - bad rows, each on its line and field", () => {
  const csv = [
    HEADER,
    "GB,2026-03-05,1,A,X,pop,10",
    "GB,2026-03-05,0,B,X,pop,10", // line 3: rank 0
    "GB,2026-03-05,2,,X,pop,10", // line 4: empty track
    "GB,2026-03-05,3,C,X,,10", // line 5: empty genre
    "GB,05/03/2026,4,D,X,pop,10", // line 6: date
    "GB,2026-03-05,1,E,X,pop,10", // line 7: repeats line 2
    "GB,2026-03-12,1,E,X,pop,10", // another week: fine
  ].join("\n");
  const { rows, errors } = parseChartsCsv(csv);
  assertEquals(rows, []);
  assertEquals(
    errors.map((e) => [e.line, e.field]),
    [[3, "rank"], [4, "track"], [5, "genre"], [6, "week"], [7, null]],
  );
  assertMatch(errors[0].message, /rank must be a chart place from 1 to 500/);
  assertMatch(errors[4].message, /Repeats line 2 \(the same country, week and rank\)/);
});

Deno.test("parseChartsCsv - a missing column is one error naming it", () => {
  const { errors } = parseChartsCsv(
    "country,week,rank,track,artist,streams\nGB,2026-03-05,1,A,B,1\n",
  );
  assertEquals(errors.length, 1);
  assertEquals([errors[0].line, errors[0].field], [1, "genre"]);
});
