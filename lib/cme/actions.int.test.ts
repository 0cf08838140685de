// Helpdesk actions against the CME simulator: key phones, password resets, configuration lines,
// saving, and the rule of one request at a time per router.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CmeSimulator } from "@/lib/simulators/cme";
import { DeviceError, closeAgents } from "@/lib/soap";
import type { CmeClient } from "./client";
import { clientFor, startKnownRouter } from "@/lib/testing/simulated-router";

afterAll(() => closeAgents());

describe.each(["2008", "2010"] as const)("helpdesk actions, dialect %s", (dialect) => {
  let router: CmeSimulator;
  let cme: CmeClient;

  beforeEach(async () => {
    router = await startKnownRouter({ dialect, quirks: true });
    cme = clientFor(router);
  });
  afterEach(() => router.close());

  it("sets and unsets key phones, one result per phone in order", async () => {
    const set = await cme.setKeyPhones(["SEP0012DA8AC43D", "SEP000000000000", "sep000dedab3566"]);
    expect(set).toEqual([
      { phone: "SEP0012DA8AC43D", ok: true },
      { phone: "SEP000000000000", ok: false },
      { phone: "SEP000DEDAB3566", ok: true },
    ]);
    expect(router.control.keyPhone("SEP0012DA8AC43D")).toBe(true);
    expect(router.control.keyPhone("SEP000DEDAB3566")).toBe(true);
    expect((await cme.getPhones({ keyword: "allKeyphone" })).map((p) => p.ephoneTag)).toEqual([1, 2]);

    expect(await cme.unsetKeyPhones(["SEP000DEDAB3566"])).toEqual([{ phone: "SEP000DEDAB3566", ok: true }]);
    expect(router.control.keyPhone("SEP000DEDAB3566")).toBe(false);
    expect(router.control.keyPhone("SEP0012DA8AC43D")).toBe(true);
  });

  it("resets a password so the new one is in, markup and all", async () => {
    await cme.updateUserPassword("peter", `n3w<&>"pw'`);
    expect(router.control.userPassword("peter")).toBe(`n3w<&>"pw'`);
  });

  it("reports the router's refusal of a password change as DeviceError", async () => {
    const error = await cme.updateUserPassword("ghost", "abc").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).deviceMessage).toBe("User ghost does not exist");
  });

  it("applies a CLI batch and names a failing line 4 with the router's message, lines 1-3 applied", async () => {
    const error = await cme
      .runCli(["ephone 2", "description Front desk", "keyphone", "button 1:99", "restart"])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).failedLine).toBe(4);
    expect((error as DeviceError).deviceMessage).toBe("invalid input dn parameter for button 1");
    expect((error as DeviceError).userMessage).toBe(
      "The device refused to apply the configuration at line 4: invalid input dn parameter for button 1",
    );
    expect(router.control.keyPhone("SEP000DEDAB3566")).toBe(true);
    expect(router.control.runningConfig()).toContain("description Front desk");
  });

  it("applies a whole batch and reports how many lines ran", async () => {
    const result = await cme.runCli([
      "ephone-dn 3",
      "name Anna Weber",
      "call-forward all 0800",
      "exit",
      "ephone 2",
      "no keyphone",
    ]);
    expect(result).toEqual({ linesApplied: 6 });
    const [extension] = await cme.getExtensions({ extensionTag: 3 });
    expect(extension).toEqual(
      expect.objectContaining({ firstName: "Anna", lastName: "Weber", callForwardAll: "0800" }),
    );
  });

  it("saves the configuration now, later, or reports a failure", async () => {
    expect(await cme.saveConfig()).toBe("saved");
    router.control.setTerminalSession(true);
    expect(await cme.saveConfig()).toBe("delayed");
    router.control.setTerminalSession(false);
    router.control.setSaveConfigFails(true);
    await expect(cme.saveConfig()).rejects.toBeInstanceOf(DeviceError);
  });

  it("never has more than one request in flight, however many callers fire at once", async () => {
    router.control.setLatency(5);
    router.control.resetCounters();
    const second = clientFor(router);
    await Promise.all([
      ...Array.from({ length: 8 }, () => cme.getEventCounts()),
      cme.getPhones([{ keyword: "all" }, { sipKeyword: "all" }]),
      second.getExtensions({ keyword: "all" }),
      second.setKeyPhones(["SEP0012DA8AC43D", "SEP000DEDAB3566"]),
      cme.getUser("peter"),
      second.getSystemStatus(),
      cme.getPhoneEvents({ keyword: "all" }),
    ]);
    // 15 calls, plus the dialect probe each client may send before its first keyword request.
    expect(router.control.requestCount()).toBeGreaterThanOrEqual(15);
    expect(router.control.maxInFlight()).toBe(1);
  });
});
