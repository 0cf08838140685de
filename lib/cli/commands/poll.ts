import { pollNow } from "@/lib/inventory/poll-now";
import { AppError } from "@/lib/errors";
import { cliActor, UsageError, type CliCommand } from "../command";

export const poll: CliCommand = {
  name: "poll",
  usage: "poll <source name or id>",
  summary: "poll a source now (also after its credentials were refused) and print the result",
  async run({ args }) {
    const ref = args.join(" ").trim();
    if (!ref) throw new UsageError("Name the source to poll");
    const result = await pollNow(ref, cliActor, { byName: true });
    console.log(
      `${result.sourceName}: ${result.status}, ${result.devices} devices, ${result.changed} changed, ${result.requests} requests, ${result.durationMs} ms`,
    );
    if (result.error) console.log(result.error);
    if (result.status === "failed") throw new AppError("upstream_failed", `The poll of ${result.sourceName} failed.`);
  },
};
