// "Poll now" from the API and the CLI: a person asks, so the poll ignores the schedule, the
// breaker and an auth-failed hold, and the request is audited with its outcome.
import { recordAuditAlone, type Actor } from "@/lib/db/audit";
import { findSourceByName, getSource } from "@/lib/db/sources";
import { notFound } from "@/lib/errors";
import { defaultInstanceId } from "./instance";
import { pollSource, type PollSummary } from "./poll";

export type PollNowResult = PollSummary & { sourceName: string };

/** `ref` is a source id, or (with byName) its name. */
export async function pollNow(ref: string, who: Actor, options: { byName?: boolean } = {}): Promise<PollNowResult> {
  const source = (await getSource(ref)) ?? (options.byName ? await findSourceByName(ref) : null);
  if (!source) throw notFound("The source");
  const summary = await pollSource(source.id, { instanceId: defaultInstanceId(), force: true, audit: who });
  if (summary.status === "skipped") {
    // Nothing was written for a poll that did not run, so its audit row stands alone.
    await recordAuditAlone(who, {
      action: "source.poll",
      target: source.name,
      detail: { sourceId: source.id, status: summary.status, error: summary.error },
      outcome: "failure",
    });
  }
  return { ...summary, sourceName: source.name };
}
