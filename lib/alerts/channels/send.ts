// One notification to one channel: picks the sender for the channel's kind.
import type { AlertPayload } from "../message";
import type { ChannelTarget } from "@/lib/domain/alert-channels";
import { sendEmail } from "./email";
import { sendSyslog } from "./syslog";
import { sendWebhook } from "./webhook";

export async function sendToChannel(channel: ChannelTarget, payload: AlertPayload, timeoutMs: number): Promise<void> {
  if (channel.kind === "email") return sendEmail(channel, payload, timeoutMs);
  if (channel.kind === "syslog") return sendSyslog(channel, payload, timeoutMs);
  return sendWebhook(channel, payload, timeoutMs);
}
