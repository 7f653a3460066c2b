/** The built-in provider's card number field, on its hosted checkout and plan pages. */
import type { JSX } from "preact";

export function TestCardField(): JSX.Element {
  return (
    <label class="block">
      Card number
      <input
        name="card"
        inputMode="numeric"
        autoComplete="cc-number"
        required
        class="block w-full rounded-md border px-3 py-2"
        placeholder="4242 4242 4242 4242"
      />
    </label>
  );
}
