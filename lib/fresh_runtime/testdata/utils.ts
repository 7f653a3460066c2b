import { createDefine } from "../mod.ts";

/** Fixture app state: the middleware trail shows the order middleware ran in. */
export interface State {
  trail: string[];
}

export const define = createDefine<State>();
