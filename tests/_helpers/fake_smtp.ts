/**
 * A tiny SMTP server on 127.0.0.1 for adapter tests: speaks enough of RFC 5321 for nodemailer
 * (EHLO/HELO, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT), records what it
 * received, and can refuse recipients or answer a command with a chosen reply.
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  auth: string | null;
}

export interface FakeSmtpOptions {
  /** Recipients answered with 550 at RCPT. */
  refuse?: (rcpt: string) => boolean;
  /** Required credentials: advertises AUTH and checks them. */
  credentials?: { user: string; pass: string };
  /** Reply to DATA's end instead of 250 (e.g. "451 try later"). */
  afterData?: () => string | null;
}

export interface FakeSmtp extends AsyncDisposable {
  url: string;
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export function startFakeSmtp(opts: FakeSmtpOptions = {}): FakeSmtp {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const mails: ReceivedMail[] = [];
  const conns = new Set<Deno.Conn>();
  const enc = new TextEncoder();

  async function serve(conn: Deno.Conn) {
    conns.add(conn);
    const write = (line: string) => conn.write(enc.encode(`${line}\r\n`));
    const decoder = new TextDecoder();
    let buffer = "";
    let mode: "command" | "data" | "auth-user" | "auth-pass" = "command";
    let from = "";
    let to: string[] = [];
    let data: string[] = [];
    let auth: string | null = null;
    let loginUser = "";
    const authOk = (user: string, pass: string) => {
      auth = user;
      const c = opts.credentials;
      return !c || (c.user === user && c.pass === pass);
    };
    try {
      await write("220 fake.smtp.test ESMTP ready");
      const chunk = new Uint8Array(64 * 1024);
      for (;;) {
        const n = await conn.read(chunk);
        if (n === null) break;
        buffer += decoder.decode(chunk.subarray(0, n), { stream: true });
        let nl: number;
        while ((nl = buffer.indexOf("\r\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 2);
          if (mode === "data") {
            if (line === ".") {
              mode = "command";
              const reply = opts.afterData?.() ?? null;
              if (reply) {
                await write(reply);
              } else {
                mails.push({ from, to, data: data.join("\r\n"), auth });
                await write(`250 2.0.0 Ok: queued as FAKE${mails.length}`);
              }
              data = [];
            } else data.push(line.startsWith("..") ? line.slice(1) : line);
            continue;
          }
          if (mode === "auth-user") {
            loginUser = atob(line);
            mode = "auth-pass";
            await write(`334 ${btoa("Password:")}`);
            continue;
          }
          if (mode === "auth-pass") {
            mode = "command";
            await write(
              authOk(loginUser, atob(line)) ? "235 2.7.0 ok" : "535 5.7.8 bad credentials",
            );
            continue;
          }
          const [verb, ...rest] = line.split(" ");
          const arg = rest.join(" ");
          switch (verb.toUpperCase()) {
            case "EHLO":
              await write("250-fake.smtp.test");
              if (opts.credentials) await write("250-AUTH PLAIN LOGIN");
              await write("250 8BITMIME");
              break;
            case "HELO":
              await write("250 fake.smtp.test");
              break;
            case "AUTH": {
              const [mech, initial] = arg.split(" ");
              if (mech.toUpperCase() === "PLAIN" && initial) {
                const [, user, pass] = atob(initial).split("\0");
                await write(authOk(user, pass) ? "235 2.7.0 ok" : "535 5.7.8 bad credentials");
              } else if (mech.toUpperCase() === "LOGIN") {
                mode = "auth-user";
                await write(`334 ${btoa("Username:")}`);
              } else await write("504 5.5.4 unsupported");
              break;
            }
            case "MAIL":
              from = arg.replace(/^FROM:\s*/i, "").replace(/[<>]/g, "").split(" ")[0];
              to = [];
              await write("250 2.1.0 Ok");
              break;
            case "RCPT": {
              const rcpt = arg.replace(/^TO:\s*/i, "").replace(/[<>]/g, "").split(" ")[0];
              if (opts.refuse?.(rcpt)) await write("550 5.1.1 no such user");
              else {
                to.push(rcpt);
                await write("250 2.1.5 Ok");
              }
              break;
            }
            case "DATA":
              mode = "data";
              await write("354 End data with <CR><LF>.<CR><LF>");
              break;
            case "RSET":
              from = "";
              to = [];
              await write("250 2.0.0 Ok");
              break;
            case "NOOP":
              await write("250 2.0.0 Ok");
              break;
            case "QUIT":
              await write("221 2.0.0 Bye");
              return;
            default:
              await write("502 5.5.2 command not recognised");
          }
        }
      }
    } catch {
      // the client hung up
    } finally {
      conns.delete(conn);
      try {
        conn.close();
      } catch {
        // already closed
      }
    }
  }

  const accepting = (async () => {
    try {
      for await (const conn of listener) void serve(conn);
    } catch {
      // listener closed
    }
  })();

  const close = async () => {
    listener.close();
    for (const c of conns) {
      try {
        c.close();
      } catch {
        // already closed
      }
    }
    await accepting;
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    close,
    [Symbol.asyncDispose]: close,
  };
}
