import Counter from "../islands/Counter.tsx";

// Passing a function to an island must fail loudly at render time.
const noop = () => {};

export default function BadProps() {
  return <Counter start={1} label="x" {...{ onChange: noop }} />;
}
