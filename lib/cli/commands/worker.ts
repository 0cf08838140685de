// `npm run linewatch -- worker`: the poll worker as a process of its own. `npm start` runs one beside
// the web server; deployments with PostgreSQL may run more on other machines (they share the
// sources through the poll leases). Runs until SIGINT or SIGTERM, then stops cleanly.
import { startWorker } from "@/lib/worker";
import { serveWorkerMetrics } from "@/lib/worker/metrics-server";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { option, UsageError, type CliCommand } from "../command";

export const worker: CliCommand = {
  name: "worker",
  usage: "worker [--no-demo] [--lease-seconds N]",
  summary: "Run a poll worker: polls, requests from the web, alerts (until stopped)",
  options: { "no-demo": { type: "boolean" }, "lease-seconds": { type: "string" } },
  async run({ values }) {
    // How long a poll's lease lasts: a killed worker's sources are taken over after it (default: a
    // minute, or twice the source's timeout). Renewed while the poll runs, so it never cuts one short.
    const lease = option(values, "lease-seconds", false);
    const leaseSeconds = lease === undefined ? undefined : Number(lease);
    if (leaseSeconds !== undefined && !(Number.isInteger(leaseSeconds) && leaseSeconds >= 5))
      throw new UsageError("--lease-seconds takes a whole number of seconds, at least 5");
    const worker = await startWorker({
      demo: values["no-demo"] ? false : undefined,
      scheduler: leaseSeconds ? { leaseMs: leaseSeconds * 1000 } : undefined,
    });
    console.log(`[linewatch] poll worker ${worker.id} running`);
    // Its own process figures and poll counters, when asked for (the web's /metrics has the rest).
    const port = env().workerMetricsPort;
    // A port taken (a second worker on this machine) costs the metrics, never the polling.
    const metrics =
      port === undefined
        ? null
        : await serveWorkerMetrics(port, env().host).catch((error: unknown) => {
            log.error("worker metrics not served", { port, error: String(error) });
            return null;
          });
    if (metrics) console.log(`[linewatch] poll worker metrics on port ${metrics.port} (/metrics)`);
    // The worker's timers are unref'd (they never hold a web server open): this keeps the process up.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        console.log(`[linewatch] poll worker stopping (${signal})`);
        clearInterval(keepAlive);
        void metrics?.stop();
        worker.stop().then(resolve, resolve);
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
  },
};
