/**
 * iCalendar (RFC 5545) at the content-line level: unfolding, `NAME;PARAM=…:value` lines with
 * quoted parameter values, text unescaping, components as a tree, and DATE / DATE-TIME values.
 *
 * @module
 */

export interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface Component {
  type: string;
  props: Prop[];
  children: Component[];
  /** The (unfolded) line the component begins on, 1-based, for errors. */
  line: number;
}

/** One content line, or null when it is not one. */
function parseLine(line: string): Prop | null {
  let i = 0;
  const n = line.length;
  while (i < n && line[i] !== ";" && line[i] !== ":") i++;
  if (i === n || i === 0) return null;
  const name = line.slice(0, i).toUpperCase();
  const params: Record<string, string> = {};
  while (line[i] === ";") {
    i++;
    const eq = line.indexOf("=", i);
    if (eq < 0) return null;
    const key = line.slice(i, eq).toUpperCase();
    i = eq + 1;
    let val = "";
    for (;;) {
      if (line[i] === '"') {
        const q = line.indexOf('"', i + 1);
        if (q < 0) return null;
        val += line.slice(i + 1, q);
        i = q + 1;
      } else {
        let j = i;
        while (j < n && line[j] !== ";" && line[j] !== ":" && line[j] !== ",") j++;
        val += line.slice(i, j);
        i = j;
      }
      if (line[i] === ",") {
        val += ",";
        i++;
        continue;
      }
      break;
    }
    params[key] = val;
  }
  if (line[i] !== ":") return null;
  return { name, params, value: line.slice(i + 1) };
}

/**
 * The components of `text`: a tree under a synthetic root. Throws a sentence when the text is
 * not iCalendar at all (no BEGIN:VCALENDAR first).
 */
export function parseComponents(text: string): Component {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.replace(/\r\n?/g, "\n").replace(/\n[ \t]/g, "").split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0 || lines[first].trim().toUpperCase() !== "BEGIN:VCALENDAR") {
    throw new Error("this is not an iCalendar feed (it does not begin with BEGIN:VCALENDAR)");
  }
  const root: Component = { type: "ROOT", props: [], children: [], line: 0 };
  const stack: Component[] = [root];
  for (let k = first; k < lines.length; k++) {
    const l = lines[k];
    if (!l) continue;
    const p = parseLine(l);
    if (!p) continue;
    if (p.name === "BEGIN") {
      const c: Component = {
        type: p.value.trim().toUpperCase(),
        props: [],
        children: [],
        line: k + 1,
      };
      stack[stack.length - 1].children.push(c);
      stack.push(c);
    } else if (p.name === "END") {
      // Close up to the matching BEGIN; a stray END is ignored.
      const type = p.value.trim().toUpperCase();
      const at = stack.findLastIndex((c) => c.type === type);
      if (at > 0) stack.length = at;
    } else stack[stack.length - 1].props.push(p);
  }
  return root;
}

/** TEXT value unescaping: `\n` `\N` → line break, `\,` `\;` `\\` → the character. */
export function unescapeText(v: string): string {
  if (!v.includes("\\")) return v;
  return v.replace(/\\([nN,;\\:])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

export function prop(c: Component, name: string): Prop | undefined {
  return c.props.find((p) => p.name === name);
}

export function props(c: Component, name: string): Prop[] {
  return c.props.filter((p) => p.name === name);
}

/** A DATE or DATE-TIME value: wall ms (as if UTC) plus whether it was a date or a `Z` time. */
export interface IcalDate {
  wall: number;
  date: boolean;
  utc: boolean;
}

export function parseIcalDate(v: string): IcalDate | null {
  const m = v.trim().match(/^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/i);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const h = Number(m[4] ?? 0), mi = Number(m[5] ?? 0), s = Number(m[6] ?? 0);
  if (h > 24 || mi > 59 || s > 60) return null;
  return { wall: Date.UTC(y, mo - 1, d, h, mi, s), date: m[4] === undefined, utc: Boolean(m[7]) };
}

/** "PT2H30M", "P1D", "-PT15M" → ms, or null. */
export function parseDuration(v: string): number | null {
  const m = v.trim().match(
    /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i,
  );
  if (!m || v.trim().length <= 2) return null;
  const ms = ((Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0)) * 86400 + Number(m[4] ?? 0) * 3600 +
    Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0)) * 1000;
  return m[1] === "-" ? -ms : ms;
}
