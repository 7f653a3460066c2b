import { useSignal } from "@preact/signals";
import { IS_BROWSER } from "../../runtime.ts";

export interface GreetingProps {
  name: string;
}

/** A named-export island using signals and a browser-safe lib import. */
export function Greeting({ name }: GreetingProps) {
  const shown = useSignal(false);
  return (
    <p class="greeting italic">
      <button type="button" onClick={() => shown.value = !shown.value}>
        {shown.value ? "hide" : "show"}
      </button>
      {shown.value ? <span class="greeting-name">{name}</span> : null}
      <span class="where">{IS_BROWSER ? "browser" : "server"}</span>
    </p>
  );
}
