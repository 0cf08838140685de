// ISexecCLI and ISSaveConfig: changing the running configuration through the allowlist, and
// writing it to NVRAM.
import { element } from "@/lib/soap";
import type { CmeCaller } from "../caller";
import { checkCliBatch } from "../cli-allowlist";
import { mapExecCli, mapSaveConfig } from "../map-results";
import type { CliResult, SaveConfigOutcome } from "../types";

/**
 * ISexecCLI. Refuses lines outside the allowlist before sending. When the router refuses a line,
 * throws DeviceError with `failedLine` (1-based) and its message; lines before it were applied.
 */
export async function runCli(caller: CmeCaller, lines: readonly string[]): Promise<CliResult> {
  const checked = checkCliBatch(lines);
  const reply = await caller.call(
    "ISexecCLI",
    checked.map((line) => element("CLI", line)),
  );
  return mapExecCli(reply.response, checked.length);
}

/** ISSaveConfig: "saved", or "delayed" when another terminal session is open (saved later). */
export async function saveConfig(caller: CmeCaller): Promise<SaveConfigOutcome> {
  return mapSaveConfig((await caller.call("ISSaveConfig")).response);
}
