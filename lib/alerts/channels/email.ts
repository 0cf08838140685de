// Email through SMTP (nodemailer): STARTTLS or implicit TLS, optional auth, bounded timeouts.
// The connection goes to the checked address; TLS still verifies the configured host name.
import nodemailer from "nodemailer";
import { emailHtml, emailText, type AlertPayload } from "../message";
import { checkedAddress } from "./target";
import type { ChannelTarget } from "@/lib/domain/alert-channels";

export async function sendEmail(channel: ChannelTarget, payload: AlertPayload, timeoutMs: number): Promise<void> {
  const c = channel.config as {
    host: string;
    port: number;
    security: "starttls" | "tls" | "none";
    username: string;
    from: string;
    to: string[];
    allowSelfSigned?: boolean;
  };
  const address = await checkedAddress(c.host);
  const transport = nodemailer.createTransport({
    host: address,
    port: c.port,
    secure: c.security === "tls",
    requireTLS: c.security === "starttls",
    ignoreTLS: c.security === "none",
    auth: c.username ? { user: c.username, pass: channel.secrets.password ?? "" } : undefined,
    tls: { servername: c.host, rejectUnauthorized: !c.allowSelfSigned },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: c.from,
      to: c.to,
      subject: `[Linewatch] ${payload.title}`,
      text: emailText(payload),
      html: emailHtml(payload),
    });
  } finally {
    transport.close();
  }
}
