// The client against a router speaking the newer guide's form (2010 SRST 8.5+, 2022 CME): SIP only
// through ISgetSipDevice / ISgetSipExtension in both SIP-selector modes, a learned form that
// ISexecCLI's typed replies do not flip back, full reads of cut lists, and ISError as a typed error.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CmeSimulator } from "@/lib/simulators/cme";
import { closeAgents, DeviceError } from "@/lib/soap";
import { RouterRefusal } from "./refusal";
import { clientFor, startKnownRouter } from "@/lib/testing/simulated-router";

afterAll(() => closeAgents());

const names = (phones: Array<{ name: string | null }>) => phones.map((phone) => phone.name);

describe.each(["ignore", "fault"] as const)(
  "a newer-form router that does %s SIP selectors in ISgetDevice",
  (sipInSccpMethods) => {
    let router: CmeSimulator;
    beforeEach(async () => {
      router = await startKnownRouter({ dialect: "2010", behaviour: { sipInSccpMethods } });
    });
    afterEach(() => router.close());

    it("reads every SCCP and SIP phone and extension completely", async () => {
      const cme = clientFor(router);
      const phones = await cme.readEveryPhone();
      expect(phones).toMatchObject({ complete: true, doubts: [], cause: null });
      expect(names(phones.items)).toEqual(["SEP0012DA8AC43D", "SEP000DEDAB3566", "SEP00AABBCCDDEE"]);
      expect(phones.items[2]).toMatchObject({
        protocol: "sip",
        poolId: 1,
        mac: "00AA.BBCC.DDEE",
        ipv4: "10.3.0.7",
        registrationStatus: null,
        sessionServer: 1,
      });
      expect(phones.items[2]!.lines).toEqual([
        { line: 1, extensionTag: 1, directoryNumber: "+4930123456", extensionUp: null, state: "idle" },
      ]);
      const extensions = await cme.readEveryExtension();
      expect(extensions.complete).toBe(true);
      expect(extensions.items.map((e) => e.number)).toEqual(["0800", "2001", "2002", "+4930123456"]);
      expect(extensions.items[3]).toMatchObject({
        protocol: "sip",
        tag: 1,
        sessionServers: [1],
        devices: [1],
        firstName: "Ida",
        lastName: "Novak",
      });
      expect(router.control.requestCount("ISgetSipDevice")).toBe(1);
      expect(router.control.requestCount("ISgetSipExtension")).toBe(1);
    });

    it("asks SIP selectors through ISgetSipDevice even when mixed with SCCP ones", async () => {
      const cme = clientFor(router);
      expect(names(await cme.getPhones([{ keyword: "all" }, { sipKeyword: "all" }, { poolId: 1 }]))).toEqual([
        "SEP0012DA8AC43D",
        "SEP000DEDAB3566",
        "SEP00AABBCCDDEE",
      ]);
      expect((await cme.getPhones({ sipKeyword: "allTag" })).map((phone) => phone.poolId)).toEqual([1]);
    });
  },
);

describe("the form belongs to the router", () => {
  let router: CmeSimulator;
  beforeEach(async () => {
    router = await startKnownRouter({ dialect: "2010" });
  });
  afterEach(() => router.close());

  it("ISexecCLI and ISSaveConfig replies keep xsi:type, and do not flip the learned form back to 2008", async () => {
    const cme = clientFor(router);
    expect(await cme.dialect()).toBe("2010");
    await cme.runCli(["ephone 1", "keyphone"]);
    await cme.saveConfig();
    expect(cme.knownDialect()).toBe("2010");
    expect((await cme.readEveryPhone()).complete).toBe(true);
  });

  it("starts from the stored form without probing, and re-learns when a reply contradicts it", async () => {
    const cme = clientFor(router, { knownDialect: "2010" });
    expect((await cme.readEveryPhone()).items).toHaveLength(3);
    expect(router.control.requestCount("ISgetGlobal")).toBe(0);
    const stale = clientFor(router, { knownDialect: "2008" });
    await stale.getSystemStatus();
    expect(stale.knownDialect()).toBe("2010");
  });

  it("a cut `all` is read tag by tag; an allTag answer of unknown shape leaves the read incomplete, never empty-and-complete", async () => {
    router.control.setBehaviour({ cutAllAbove: 1 });
    const cme = clientFor(router);
    expect(await cme.readEveryPhone()).toMatchObject({
      complete: true,
      items: [{ ephoneTag: 1 }, { ephoneTag: 2 }, { poolId: 1 }],
    });
    router.control.setBehaviour({ tagListShape: "unexpected" });
    const read = await cme.readEveryPhone();
    expect(read.complete).toBe(false);
    expect(read.doubts).toEqual([
      "The router's list of SCCP phones came back cut, and its list of tags came back cut or in a shape Linewatch does not know, so the list is incomplete.",
    ]);
    expect(names(read.items)).toEqual(["SEP00AABBCCDDEE"]);
  });

  it("an ISError element in any reply is a typed device error with the router's message", async () => {
    router.control.setBehaviour({ refuse: ["ISgetEvtCounts", "ISsetKeyPhones"] });
    const error = await clientFor(router)
      .getEventCounts()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterRefusal);
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({
      kind: "device",
      code: "1",
      deviceMessage: "ISgetEvtCounts is not supported",
      userMessage: "The device refused to answer ISgetEvtCounts: ISgetEvtCounts is not supported",
    });
  });

  it("confirms a vanished phone one by one", async () => {
    const cme = clientFor(router);
    expect(await cme.confirmGone({ name: "SEP0012DA8AC43D", protocol: "sccp", tag: 1 })).toBe("present");
    expect(await cme.confirmGone({ name: "SEP00AABBCCDDEE", protocol: "sip", tag: 1 })).toBe("present");
    expect(await cme.confirmGone({ name: "SEP001122334455", protocol: "sccp", tag: 9 })).toBe("gone");
    expect(await cme.confirmGone({ name: "SEP001122334455", protocol: "sip", tag: 1 })).toBe("gone");
  });
});
