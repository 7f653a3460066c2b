import Counter from "../islands/Counter.tsx";
import { Greeting } from "../islands/Greeting.tsx";
import Panel from "../islands/Panel.tsx";

// Everything that could break out of the props <script>: the runtime must escape it.
const tricky = "</script><!-- \u2028";

export default function CounterPage() {
  return (
    <main>
      <h1>Islands</h1>
      <Counter start={3} label="clicks" />
      <Greeting name={tricky} />
      <Panel title="panel" />
    </main>
  );
}
