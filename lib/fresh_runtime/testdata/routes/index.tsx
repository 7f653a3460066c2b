import { Card } from "../components/Card.tsx";
import { define } from "../utils.ts";

export default define.page(({ state }) => (
  <main>
    <h1 class="text-2xl font-bold">Home</h1>
    <Card title="Welcome" />
    <p class="trail">{state.trail.join(">")}</p>
  </main>
));
