// Syslog for SIEMs: RFC 5424 lines over UDP (one datagram each) or TCP (RFC 6587 octet counting).
import dgram from "node:dgram";
import net from "node:net";
import os from "node:os";
import { syslogLine, type AlertPayload } from "../message";
import { checkedAddress } from "./target";
import type { ChannelTarget } from "@/lib/domain/alert-channels";

export async function sendSyslog(channel: ChannelTarget, payload: AlertPayload, timeoutMs: number): Promise<void> {
  const c = channel.config as { host: string; port: number; transport: "udp" | "tcp"; facility: number };
  const address = await checkedAddress(c.host);
  const line = syslogLine(payload, { hostname: os.hostname(), facility: c.facility });
  const message = Buffer.from(line, "utf8");
  if (c.transport === "udp") {
    const socket = dgram.createSocket(net.isIPv6(address) ? "udp6" : "udp4");
    try {
      await new Promise<void>((resolve, reject) =>
        socket.send(message, c.port, address, (error) => (error ? reject(error) : resolve())),
      );
    } finally {
      socket.close();
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host: address, port: c.port });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`No connection within ${Math.round(timeoutMs / 1000)} s.`)),
    );
    socket.on("error", reject);
    socket.on("connect", () =>
      socket.end(Buffer.concat([Buffer.from(`${message.length} `), message]), () => resolve()),
    );
  });
}
