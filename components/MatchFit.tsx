/** A match's fit as people read it: "Fit 87 · Strong match", or "Can't make it" for an impossible pair. */
import type { JSX } from "preact";

export interface MatchFitProps {
  fit: number;
  strong: boolean;
  /** False: the musician can't play this gig (instrument, date or distance); the reason says why. */
  feasible?: boolean;
}

export function MatchFit({ fit, strong, feasible = true }: MatchFitProps): JSX.Element {
  if (!feasible) {
    return (
      <strong class="rounded bg-red-50 px-1.5 text-red-800" data-testid="match-fit">
        Can't make it
      </strong>
    );
  }
  return (
    <strong
      class={`rounded px-1.5 ${
        strong ? "bg-green-100 text-green-900" : "bg-gray-100 text-gray-800"
      }`}
      data-testid="match-fit"
      title="How well this fits, out of 100: 80 and over is a strong match"
    >
      Fit {fit}
      {strong ? " · Strong match" : ""}
    </strong>
  );
}
