export const handler = {
  GET(): Response {
    throw new Error("secret internals: db password hunter2");
  },
};
