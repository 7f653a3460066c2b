export default function Boom(): never {
  throw new Error("secret internals: db password hunter2");
}
