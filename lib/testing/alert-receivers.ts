// Real receivers on loopback for the alerting tests (and the e2e spec): an SMTP server
// (smtp-server), a webhook receiver that checks the HMAC signature, and syslog listeners.
import { createHmac, timingSafeEqual } from "node:crypto";
import dgram from "node:dgram";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/** Quoted-printable and base64 parts as text (enough for what nodemailer writes). */
function decodePart(part: string): { type: string; body: string } {
  const split = part.indexOf("\r\n\r\n");
  const headers = part.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  let body = part.slice(split + 4);
  const type = /content-type:\s*([^;\r\n]+)/i.exec(headers)?.[1]?.trim().toLowerCase() ?? "";
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(headers)?.[1]?.toLowerCase() ?? "";
  if (encoding === "quoted-printable")
    body = Buffer.from(
      body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  else if (encoding === "base64") body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return { type, body: body.replace(/\r\n/g, "\n").trim() };
}

export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const headerEnd = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, headerEnd).replace(/\r\n[ \t]+/g, " ");
  const subject = /^subject:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? "";
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  const parts = boundary
    ? raw
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => decodePart(p.replace(/^\r\n/, "")))
    : [decodePart(raw)];
  return {
    ...envelope,
    subject,
    raw,
    text: parts.find((p) => p.type === "text/plain")?.body ?? "",
    html: parts.find((p) => p.type === "text/html")?.body ?? "",
  };
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  /** Next mail (resolves at once when one is waiting beyond `already`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

export async function startSmtpReceiver(
  options: { port?: number; user?: string; password?: string } = {},
): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: !options.user,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error("Invalid user name or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        mails.push(
          parseMail(Buffer.concat(chunks).toString("utf8"), {
            from,
            to: session.envelope.rcptTo.map((r) => r.address),
          }),
        );
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    waitFor: (count, timeoutMs = 10_000) =>
      waitUntil(() => mails.length >= count, waiters, timeoutMs).then(() => mails.slice(0, count)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function waitUntil(ready: () => boolean, waiters: (() => void)[], timeoutMs: number): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("nothing arrived in time")), timeoutMs);
    const check = () => {
      if (ready()) {
        clearTimeout(timer);
        resolve();
      } else waiters.push(check);
    };
    waiters.push(check);
  });
}

export interface WebhookReceiver {
  url: string;
  /** Bodies whose signature matched. */
  received: { body: unknown; signatureValid: boolean; headers: http.IncomingHttpHeaders }[];
  /** "ok" answers 204; "fail" 500; "hang" never answers. */
  mode: "ok" | "fail" | "hang";
  stop(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", received: [], mode: "ok", stop: async () => {} };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      if (receiver.mode === "hang") {
        hanging.add(response);
        return;
      }
      if (receiver.mode === "fail") {
        response.writeHead(500).end("down");
        return;
      }
      const body = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
      const given = Buffer.from(String(request.headers["x-linewatch-signature"] ?? ""));
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      receiver.received.push({
        body: JSON.parse(body.toString("utf8")) as unknown,
        signatureValid,
        headers: request.headers,
      });
      response.writeHead(signatureValid ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/linewatch?token=abc123`;
  receiver.stop = () =>
    new Promise<void>((resolve) => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

export interface SyslogReceiver {
  port: number;
  lines: string[];
  stop(): Promise<void>;
}

export async function startSyslogUdp(): Promise<SyslogReceiver> {
  const socket = dgram.createSocket("udp4");
  const lines: string[] = [];
  socket.on("message", (m) => lines.push(m.toString("utf8")));
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    port: socket.address().port,
    lines,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** RFC 6587 octet counting: "LEN SP MSG". */
export async function startSyslogTcp(): Promise<SyslogReceiver> {
  const lines: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    socket.on("data", (d) => {
      buffer += d.toString("utf8");
      for (;;) {
        const m = /^(\d+) /.exec(buffer);
        if (!m) break;
        const length = Number(m[1]);
        const start = m[0].length;
        if (Buffer.byteLength(buffer.slice(start)) < length) break;
        lines.push(buffer.slice(start, start + length));
        buffer = buffer.slice(start + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    lines,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
