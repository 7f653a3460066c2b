/**
 * The master page's settings form (a plain form post, so it works without JavaScript) read into
 * MasterSettings: the target preset or a custom value, the ceiling, the intensity in percent and
 * the reference (`preset:<genre>` or `song:<id>`). Refusals come back per field, with what was
 * typed kept.
 *
 * @module
 */
import { MasterSettings } from "./schemas.ts";

/** The form's fields as posted (strings), to show again. */
export interface MasterFormValues {
  target: string;
  custom_lufs: string;
  ceiling_dbtp: string;
  intensity: string;
  reference: string;
}

export const DEFAULT_FORM: MasterFormValues = {
  target: "-14",
  custom_lufs: "",
  ceiling_dbtp: "-1",
  intensity: "100",
  reference: "preset:pop",
};

const FIELD_OF: Record<string, keyof MasterFormValues> = {
  target_lufs: "target",
  ceiling_dbtp: "ceiling_dbtp",
  intensity: "intensity",
  reference: "reference",
};

const MESSAGES: Record<keyof MasterFormValues, string> = {
  target: "Choose a target, or a custom value from −24 to −6 LUFS",
  custom_lufs: "A loudness from −24 to −6 LUFS",
  ceiling_dbtp: "A ceiling from −3 to −0.1 dBTP",
  intensity: "An intensity from 0 to 100 %",
  reference: "Choose a genre preset or one of your finished songs",
};

const num = (s: string) => (s.trim() === "" ? NaN : Number(s.trim().replace("−", "-")));

export function readMasterForm(form: FormData): {
  values: MasterFormValues;
  settings?: MasterSettings;
  errors?: Partial<Record<keyof MasterFormValues, string>>;
} {
  const get = (k: keyof MasterFormValues) => {
    const v = form.get(k);
    return typeof v === "string" ? v.slice(0, 100) : DEFAULT_FORM[k];
  };
  const values: MasterFormValues = {
    target: get("target"),
    custom_lufs: typeof form.get("custom_lufs") === "string" ? get("custom_lufs") : "",
    ceiling_dbtp: get("ceiling_dbtp"),
    intensity: get("intensity"),
    reference: get("reference"),
  };
  const custom = values.target === "custom";
  const [kind, ref] = [
    values.reference.split(":")[0],
    values.reference.slice(values.reference.indexOf(":") + 1),
  ];
  const parsed = MasterSettings.safeParse({
    target_lufs: num(custom ? values.custom_lufs : values.target),
    ceiling_dbtp: num(values.ceiling_dbtp),
    intensity: num(values.intensity) / 100,
    reference: kind === "song"
      ? { kind, song_id: ref }
      : { kind: kind === "preset" ? kind : "?", genre: ref },
  });
  if (parsed.success) return { values, settings: parsed.data };
  const errors: Partial<Record<keyof MasterFormValues, string>> = {};
  for (const issue of parsed.error.issues) {
    let field = FIELD_OF[String(issue.path[0])] ?? "reference";
    if (field === "target" && custom) field = "custom_lufs";
    errors[field] ??= MESSAGES[field];
  }
  return { values, errors };
}
