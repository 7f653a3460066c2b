import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { CsvError, readCsv, sniffDelimiter } from "./csv.ts";

const read = (text: string) => [...readCsv(text)].map((r) => [r.line, ...r.fields]);

Deno.test("readCsv - quoted fields keep commas, doubled quotes and line breaks", () => {
  const text = 'a,b,c\n"x, y","say ""hi""","two\nlines"\nlast,row,here\n';
  assertEquals(read(text), [
    [1, "a", "b", "c"],
    [2, "x, y", 'say "hi"', "two\nlines"],
    [4, "last", "row", "here"],
  ]);
});

Deno.test("readCsv - CRLF, a BOM, blank and trailing lines, empty fields", () => {
  const text = '\uFEFFa,b\r\n1,\r\n\r\n,2\r\n"",x\r\n\r\n';
  assertEquals(read(text), [[1, "a", "b"], [2, "1", ""], [4, "", "2"], [5, "", "x"]]);
  // No final line break, and a trailing delimiter at the very end.
  assertEquals(read("a,b\n1,"), [[1, "a", "b"], [2, "1", ""]]);
  // A lone CR ends a line too.
  assertEquals(read("a\r1\r2"), [[1, "a"], [2, "1"], [3, "2"]]);
});

Deno.test("readCsv - a CRLF inside quotes counts as one line", () => {
  assertEquals(read('h\n"1\r\n2\r\n3"\nnext\n'), [[1, "h"], [2, "1\r\n2\r\n3"], [5, "next"]]);
});

Deno.test("sniffDelimiter - from the header only, ignoring quoted text", () => {
  assertEquals(sniffDelimiter("a;b;c\n1,5;2,5;3"), ";");
  assertEquals(sniffDelimiter("a\tb\tc\n1,2"), "\t");
  assertEquals(sniffDelimiter('"a,b,c";d;e\n'), ";");
  assertEquals(sniffDelimiter("\uFEFFdate,track\n"), ",");
  assertEquals(sniffDelimiter("single\n"), ",");
  assertEquals(read("a;b\n1,5;x\n"), [[1, "a", "b"], [2, "1,5", "x"]]);
  assertEquals(read('a\tb\n"t\tq"\tx\n'), [[1, "a", "b"], [2, "t\tq", "x"]]);
});

Deno.test("readCsv - an unterminated quote names the line it opens on", () => {
  let err: unknown;
  try {
    read('a,b\n1,2\n3,"open\n4,5\n');
  } catch (e) {
    err = e;
  }
  assert(err instanceof CsvError, String(err));
  assertEquals(err.line, 3);
  assert(/Line 3: a quoted field is never closed/.test(err.message), err.message);
});

Deno.test("readCsv - text after a closing quote is kept and flagged", () => {
  const [, rec] = [...readCsv('a,b\n"12"3,x\n')];
  assertEquals(rec.fields, ["123", "x"]);
  assertEquals(rec.problem, "text after a closing quote in field 1");
});
