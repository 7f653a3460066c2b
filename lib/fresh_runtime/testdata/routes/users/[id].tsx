import { HttpError, page } from "../../../mod.ts";
import { define } from "../../utils.ts";

export const handler = define.handlers({
  GET(ctx) {
    const { id } = ctx.params;
    if (id === "missing") throw new HttpError(404, "No such user");
    if (id === "escape") return ctx.redirect("//evil.example/x");
    return page({ id, trail: ctx.state.trail.join(">") });
  },
});

export default define.page<typeof handler>(({ data }) => (
  <p class="user">
    User {data.id} via {data.trail}
  </p>
));
