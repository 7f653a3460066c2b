/** An HTTP server on 127.0.0.1 standing in for a provider's API: records calls, answers `reply`. */

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

export interface FakeHttp extends AsyncDisposable {
  url: string;
  calls: Call[];
}

/** `reply` gets the call and its 1-based number. */
export function fakeHttp(reply: (call: Call, n: number) => Response): FakeHttp {
  const calls: Call[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const call = {
      method: req.method,
      path: new URL(req.url).pathname,
      headers: req.headers,
      body: await req.text(),
    };
    calls.push(call);
    return reply(call, calls.length);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    calls,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
