// Starts the CME simulator with a small, known fleet for the client's integration tests, and a
// client pointed at it. The clock is fixed so change times and keepalives do not drift.
import { startCmeSimulator, type CmeSimulator, type CmeSimulatorOptions } from "@/lib/simulators/cme";
import { createCmeClient, type CmeClient, type CmeClientOptions } from "@/lib/cme/client";

export const FIXED_CLOCK = Date.UTC(2025, 0, 6, 9, 0, 0);

export const KNOWN_FLEET = {
  phones: [
    {
      mac: "0012.DA8A.C43D",
      type: "7965",
      lines: ["0800", "2001"],
      userName: "peter",
      password: "1234",
      name: "Peter Lee",
      status: "registered" as const,
      address: "10.1.1.10",
    },
    { mac: "000D.EDAB.3566", type: "7960", lines: ["2002"], userName: "anna", status: "unregistered" as const },
    {
      mac: "00AA.BBCC.DDEE",
      type: "8845",
      lines: ["+4930123456"],
      name: "Ida Novak",
      status: "registered" as const,
      address: "10.3.0.7",
    },
  ],
  extensions: [{ number: "2001", callForwardAll: "+4930123456" }],
};

export async function startKnownRouter(options: CmeSimulatorOptions = {}): Promise<CmeSimulator> {
  return startCmeSimulator({ fleet: KNOWN_FLEET, clock: () => FIXED_CLOCK, ...options });
}

export function clientFor(router: CmeSimulator, options: Partial<CmeClientOptions> = {}): CmeClient {
  return createCmeClient({ baseUrl: router.url, username: "cisco", password: "cisco", timeoutMs: 5_000, ...options });
}
