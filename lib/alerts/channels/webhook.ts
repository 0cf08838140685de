// Webhooks: generic JSON (signed: X-Linewatch-Signature: sha256=<hex HMAC-SHA256 of the body>),
// Slack and Teams incoming webhooks. No redirects, a bounded timeout, the checked address.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { slackBody, teamsBody, type AlertPayload } from "../message";
import { checkedAddress } from "./target";
import type { ChannelTarget } from "@/lib/domain/alert-channels";

export const SIGNATURE_HEADER = "x-linewatch-signature";

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function webhookBody(channel: ChannelTarget, payload: AlertPayload): string {
  if (channel.kind === "slack") return JSON.stringify(slackBody(payload));
  if (channel.kind === "teams") return JSON.stringify(teamsBody(payload));
  return JSON.stringify(payload);
}

export async function sendWebhook(channel: ChannelTarget, payload: AlertPayload, timeoutMs: number): Promise<void> {
  const url = channel.secrets.url;
  if (!url) throw new Error("The channel has no URL.");
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  const address = await checkedAddress(host);
  const body = webhookBody(channel, payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "user-agent": "Linewatch",
  };
  if (channel.kind === "webhook" && channel.secrets.hmacSecret)
    headers[SIGNATURE_HEADER] = signature(body, channel.secrets.hmacSecret);
  // The name stays in the URL (Host header, TLS SNI); the socket goes to the checked address.
  const pinned: LookupFunction = (_name, options, callback) => {
    const family = isIP(address);
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = target.protocol === "https:" ? https : http;
  await new Promise<void>((resolve, reject) => {
    const request = client.request(
      target,
      { method: "POST", headers, lookup: pinned, timeout: timeoutMs },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`The receiver answered HTTP ${status}.`));
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`No answer within ${Math.round(timeoutMs / 1000)} s.`)),
      timeoutMs,
    );
    timer.unref?.();
    request.on("timeout", () => request.destroy(new Error(`No answer within ${Math.round(timeoutMs / 1000)} s.`)));
    request.on("error", reject);
    request.on("close", () => clearTimeout(timer));
    request.end(body);
  });
}
