/**
 * A readable difference between two versions of a persona: one line per changed field, with the
 * field's label and its values in words ("90–110 BPM" → "115–128 BPM"), and a one-sentence
 * summary for the version list. A first version (no `before`) lists every field as new.
 *
 * @module
 */
import type { Cadence, DiffLine, Persona } from "../types.ts";
import { languageName, marketName } from "./market.ts";

type Field = keyof Persona;

/** The persona's fields in the order a person reads them, with their labels. */
export const FIELD_LABELS: Record<Field, string> = {
  name: "Name",
  backstory: "Backstory",
  genres: "Genres",
  influences: "Influences",
  vocal_style: "Vocal style",
  visual_identity: "Visual identity",
  content_pillars: "Content pillars",
  audience: "Audience",
  voice: "Voice",
  moods: "Moods",
  tempo_range: "Tempo range",
  cadence: "Cadence",
  market: "Market",
  language: "Language",
};

const FIELDS = Object.keys(FIELD_LABELS) as Field[];

const plural = (n: number, one: string, many: string) =>
  `${Number.isInteger(n) ? n : Number(n.toFixed(2))} ${n === 1 ? one : many}`;

/** "1 release a month · 3 posts a week". */
export function formatCadence(c: Cadence): string {
  return `${plural(c.releases_per_month, "release", "releases")} a month · ` +
    `${plural(c.posts_per_week, "post", "posts")} a week`;
}

/** "90–110 BPM", or "120 BPM" when the range is one tempo. */
export function formatTempo(t: Persona["tempo_range"]): string {
  return t.min === t.max ? `${t.min} BPM` : `${t.min}–${t.max} BPM`;
}

/** A field's value in words. */
export function formatField<F extends Field>(field: F, value: Persona[F]): string {
  switch (field) {
    case "tempo_range":
      return formatTempo(value as Persona["tempo_range"]);
    case "cadence":
      return formatCadence(value as Cadence);
    case "market": {
      const code = value as string;
      if (code === "GLOBAL") return "Worldwide";
      const name = marketName(code);
      return name === code ? code : `${name.replace(/^the /, "")} (${code})`;
    }
    case "language": {
      const code = value as string;
      const name = languageName(code);
      return name === code ? code : `${name} (${code})`;
    }
    default:
      return Array.isArray(value) ? value.join(", ") : String(value);
  }
}

/** JSON with object keys sorted: a persona read back from jsonb has its keys in another order. */
function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a < b ? -1 : 1))
        : v,
  );
}

/** One line per field that differs between `before` and `after` (every field when new). */
export function personaDiff(before: Persona | null, after: Persona): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const field of FIELDS) {
    const was = before ? formatField(field, before[field]) : null;
    const now = formatField(field, after[field]);
    if (was === now && canonical(before?.[field]) === canonical(after[field])) continue;
    lines.push({ field, label: FIELD_LABELS[field], before: was, after: now });
  }
  return lines;
}

/** The diff in one sentence: "Changed the tempo range and moods." */
export function summariseDiff(lines: DiffLine[]): string {
  if (!lines.length) return "No changes.";
  if (lines.every((l) => l.before === null)) {
    const name = lines.find((l) => l.field === "name")?.after;
    return name ? `Created ${name}.` : "Created the persona.";
  }
  const labels = lines.map((l) => l.label.toLowerCase());
  const shown = labels.length > 4 ? labels.slice(0, 3) : labels;
  const rest = labels.length - shown.length;
  const list = rest
    ? `${shown.join(", ")} and ${rest} more fields`
    : shown.length > 1
    ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`
    : shown[0];
  const name = lines.find((l) => l.field === "name");
  if (name && lines.length === 1) return `Renamed from ${name.before} to ${name.after}.`;
  return `Changed the ${list}.`;
}
