import Counter from "../islands/Counter.tsx";
import { Greeting } from "../islands/Greeting.tsx";
import Panel from "../islands/Panel.tsx";

export default function CounterPage() {
  return (
    <main>
      <h1>Islands</h1>
      <Counter start={3} label="clicks" />
      <Greeting name={"</script><!-- \u2028"} />
      <Panel title="panel" />
    </main>
  );
}
