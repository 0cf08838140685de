// A cluster's configured inventory (AXL) on the Sources page: how many devices its configuration
// lists and when it was read, the last read's error in words, and a read an admin asked for.
import { formatCount } from "@/components/ui/format";
import type { Source } from "./api";
import { ago, exact } from "./format";

/** The poller stores "AXL: <what went wrong>"; the line already says it is the configuration read. */
const inWords = (error: string) => error.replace(/^AXL:\s*/, "");

export function ConfiguredState({ source, now }: { source: Source; now: number }) {
  const { configured } = source;
  if (!configured) return null;
  return (
    <div className="mt-1 flex max-w-xs flex-col gap-0.5 border-t border-slate-100 pt-1 text-xs dark:border-slate-800">
      {configured.readAt ? (
        <span title={exact(configured.readAt)}>
          Configured devices: {formatCount(configured.count ?? 0)}, read {ago(configured.readAt, now)}
        </span>
      ) : (
        <span className="text-slate-500">Configured devices: not read yet</span>
      )}
      {configured.error && (
        <span className="text-red-700 dark:text-red-400">
          Reading the configuration failed: {inWords(configured.error)}
        </span>
      )}
      {configured.requested && <span className="text-sky-800 dark:text-sky-300">Read requested</span>}
    </div>
  );
}
