// What "Test connection" found, or why it failed, in plain words.
import { Notice } from "@/components/ui/notice";
import type { ConnectionTestResult, PollSummary } from "./api";

function Facts({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium">{term}</dt>
          <dd>{value ?? "–"}</dd>
        </div>
      ))}
    </dl>
  );
}

export function TestResultPanel({
  title,
  result,
  onClose,
}: {
  title: string;
  result: ConnectionTestResult;
  onClose: () => void;
}) {
  const { router, cluster, error } = result;
  return (
    <section aria-label="Connection test result">
      <Notice tone={result.ok ? "success" : "error"}>
        <div className="flex items-start justify-between gap-3">
          <div>
            <p className="font-medium">
              {result.ok ? `${title}: connection works` : `${title}: test failed${error ? ` (${error.type})` : ""}`}
            </p>
            <p>{result.summary}</p>
            {router && (
              <Facts
                items={[
                  ["Router", router.hostName],
                  ["Mode", router.mode],
                  ["Version", router.version],
                  ["Phones registered", `${router.registeredPhones ?? "?"} of ${router.configuredPhones ?? "?"}`],
                  ["Extensions", router.configuredExtensions],
                  ["Reply dialect", router.dialect],
                ]}
              />
            )}
            {cluster && (
              <Facts
                items={[
                  ["Answered by", cluster.answeredBy],
                  ["Nodes", cluster.nodes.map((n) => `${n.node} (${n.returnCode})`).join(", ") || "none"],
                  [
                    "Device found",
                    cluster.sampleDevice
                      ? `${cluster.sampleDevice.name}: ${cluster.sampleDevice.registrationStatus} on ${cluster.sampleDevice.node}`
                      : "none",
                  ],
                  ["Budget", `used 1 of ${cluster.budgetLimit} requests a minute`],
                ]}
              />
            )}
            {error?.retryAfterMs ? (
              <p className="mt-1 text-xs">Try again in about {Math.ceil(error.retryAfterMs / 1000)} s.</p>
            ) : null}
            <p className="mt-1 text-xs opacity-75">Took {result.durationMs} ms.</p>
          </div>
          <button
            type="button"
            onClick={onClose}
            className="rounded px-2 text-sm underline"
            aria-label="Close the test result"
          >
            Close
          </button>
        </div>
      </Notice>
    </section>
  );
}

export function PollResultPanel({
  name,
  summary,
  onClose,
}: {
  name: string;
  summary: PollSummary;
  onClose: () => void;
}) {
  const tone = summary.status === "ok" ? "success" : summary.status === "failed" ? "error" : "info";
  const numbers =
    summary.status === "skipped"
      ? []
      : [
          `${summary.devices} devices`,
          `${summary.changed} changed`,
          `${summary.requests} requests`,
          `${summary.durationMs} ms`,
        ];
  return (
    <section aria-label="Poll result">
      <Notice tone={tone}>
        <div className="flex items-start justify-between gap-3">
          <div>
            <p className="font-medium">
              Poll of {name}: {summary.status}
            </p>
            {numbers.length > 0 && <p>{numbers.join(", ")}</p>}
            {summary.error && <p>{summary.error}</p>}
          </div>
          <button
            type="button"
            onClick={onClose}
            className="rounded px-2 text-sm underline"
            aria-label="Close the poll result"
          >
            Close
          </button>
        </div>
      </Notice>
    </section>
  );
}
