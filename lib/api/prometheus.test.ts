import { describe, expect, test } from "vitest";
import { renderMetrics } from "./prometheus";

describe("Prometheus text format", () => {
  test("HELP, TYPE and samples with escaped labels", () => {
    const text = renderMetrics([
      {
        name: "linewatch_devices",
        help: "Devices.",
        type: "gauge",
        samples: [{ labels: { source: 'a "b"\\c\nd', status: "registered" }, value: 3 }],
      },
      {
        name: "linewatch_up",
        help: "Up.",
        type: "gauge",
        samples: [
          { labels: {}, value: 1 },
          { labels: {}, value: NaN },
        ],
      },
    ]);
    expect(text).toBe(
      '# HELP linewatch_devices Devices.\n# TYPE linewatch_devices gauge\nlinewatch_devices{source="a \\"b\\"\\\\c\\nd",status="registered"} 3\n' +
        "# HELP linewatch_up Up.\n# TYPE linewatch_up gauge\nlinewatch_up 1\nlinewatch_up NaN\n",
    );
  });
});
