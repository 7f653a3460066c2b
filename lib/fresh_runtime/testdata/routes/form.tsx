import { page } from "../../mod.ts";
import { define } from "../utils.ts";

export const handler = define.handlers({
  GET(ctx) {
    return ctx.render({ name: "" });
  },
  async POST(ctx) {
    const form = await ctx.req.formData();
    return page({ name: String(form.get("name") ?? "") }, {
      status: 201,
      headers: { "x-form": "posted" },
    });
  },
});

export default define.page<typeof handler>(({ data }) => (
  <form method="post">
    <input name="name" value={data.name} />
    <p class="greeting">Hello {data.name || "stranger"}</p>
  </form>
));
