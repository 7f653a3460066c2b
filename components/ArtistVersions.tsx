/**
 * An artist's versions as a timeline, newest first: the number, why it exists in words, the note,
 * who made or approved it, when, and what changed ("Tempo range: 90–110 BPM → 115–128 BPM").
 * The owner may bring an earlier version back (as a new version), after a confirmation.
 */
import type { JSX } from "preact";
import type { DiffLine } from "../lib/domains/artists/types.ts";
import type { Version } from "../lib/domains/artists/api.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { Badge, day } from "./ArtistShell.tsx";

export const CAUSE_WORDS: Record<Version["cause"], string> = {
  created: "Written from the brief",
  edited: "Edited by hand",
  plan: "A plan's proposal, approved",
  rollback: "An earlier version brought back",
};

export function DiffList({ diff, testId }: { diff: DiffLine[]; testId?: string }): JSX.Element {
  return (
    <ul class="mt-2 space-y-1 text-sm text-gray-800" data-testid={testId}>
      {/* A field whose words did not change (only its stored form did) says nothing. */}
      {diff.filter((d) => d.before !== d.after).map((d) => (
        <li key={d.field} class="break-words" data-field={d.field}>
          <strong>{d.label}:</strong>{" "}
          {d.before !== null && <span class="text-gray-600">{`${d.before} → `}</span>}
          <span>{d.after ?? "(removed)"}</span>
        </li>
      ))}
    </ul>
  );
}

export interface ArtistVersionsProps {
  artistId: string;
  current: number;
  owner: boolean;
  versions: Version[];
  csrf: string;
}

export function ArtistVersions(props: ArtistVersionsProps): JSX.Element {
  return (
    <ol class="space-y-4 border-l-2 border-indigo-100 pl-4" data-testid="version-list">
      {props.versions.map((v) => (
        <li
          key={v.version}
          class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
          data-testid="version"
          data-version={v.version}
          data-cause={v.cause}
        >
          <h2 class="flex flex-wrap items-center gap-2 font-semibold text-gray-900">
            Version {v.version}
            {v.version === props.current && <Badge tone="green">current</Badge>}
            <Badge tone={v.cause === "plan" ? "indigo" : "gray"} testId="version-cause">
              {CAUSE_WORDS[v.cause]}
            </Badge>
          </h2>
          <p class="mt-1 text-sm text-gray-600">
            {day(v.created_at)}
            {v.author ? ` · by ${v.author}` : ""}
          </p>
          {v.note && <p class="mt-2 text-gray-800">{v.note}</p>}
          {v.cause !== "created" && v.diff.length > 0 && (
            <DiffList diff={v.diff} testId="version-diff" />
          )}
          {v.cause === "created" && (
            <p class="mt-2 text-sm text-gray-600">
              The first persona: {v.diff.length} fields written.
            </p>
          )}
          {props.owner && v.version !== props.current && (
            <details class="mt-3 text-sm">
              <summary class="cursor-pointer text-indigo-700 underline">
                Restore this version…
              </summary>
              <form
                method="post"
                action={`/artists/${props.artistId}/versions`}
                class="mt-2 space-y-2"
              >
                <CsrfField token={props.csrf} />
                <input type="hidden" name="version" value={String(v.version)} />
                <p>
                  Version {v.version}'s persona comes back as a new version{" "}
                  ({props.current + 1}); version {props.current}{" "}
                  stays in this list. Songs made from now on follow it.
                </p>
                <Button variant="secondary" name="intent" value="restore">
                  Yes, restore version {v.version}
                </Button>
              </form>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
