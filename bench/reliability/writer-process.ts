// A second process writing to the same database while the run's pollers write: what an operator's
// CLI does next to a running server (tokens, user changes, sign-in failures).
import { closeDb } from "@/lib/db/client";
import { cliWrites, runWriters, type WriteTally, type WriteTargets } from "./writes";

type Start = { type: "start"; targets: WriteTargets; durationMs: number };

process.on("message", (message: Start) => {
  if (message.type !== "start") return;
  const deadline = Date.now() + message.durationMs;
  void runWriters({
    ops: cliWrites,
    targets: message.targets,
    workers: 1,
    pauseMs: 120,
    actor: "cli",
    until: () => Date.now() >= deadline,
  })
    .then(async (tally: WriteTally) => {
      await closeDb();
      process.send?.({ type: "done", tally });
      process.disconnect?.();
    })
    .catch((error: unknown) => {
      process.send?.({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      process.disconnect?.();
    });
});
process.on("disconnect", () => process.exit(0));
