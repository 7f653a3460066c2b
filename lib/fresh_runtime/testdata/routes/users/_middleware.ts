import { define } from "../../utils.ts";

export const handler = define.middleware([
  (ctx) => {
    ctx.state.trail.push("users-a");
    return ctx.next();
  },
  (ctx) => {
    ctx.state.trail.push("users-b");
    return ctx.next();
  },
]);
