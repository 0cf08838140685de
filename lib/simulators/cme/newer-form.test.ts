// The newer guide's form (2010 SRST 8.5+, 2022 CME) and the ways large or newer routers depart from
// the seed: SIP only through ISgetSipDevice / ISgetSipExtension, SIP selectors in ISgetDevice
// ignored or faulted, cut `all` replies, an undocumented tag-list shape, exact event ids, refusals.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCmeSimulator, type CmeSimulator, type RouterBehaviour } from "./index";
import { call, countOf, envelope, isWellFormed, post, valuesOf } from "@/lib/testing/cme-sim";

const FLEET = { seed: 42, ephones: 6, pools: 3 };
const DEFAULTS: RouterBehaviour = {
  sipInSccpMethods: "ignore",
  cutAllAbove: null,
  tagListShape: "documented",
  eventIdReading: "from",
  refuse: [],
  refusal: "ISError",
};

describe("newer form", () => {
  let simulator: CmeSimulator;
  beforeAll(async () => {
    simulator = await startCmeSimulator({ dialect: "2010", fleet: FLEET });
  });
  afterAll(() => simulator.close());
  beforeEach(() => simulator.control.setBehaviour(DEFAULTS));

  it("ISgetSipDevice answers the documented ISSipDevice: dotted MAC, ISSessionServerID, ISSipPhoneLineList, no status", async () => {
    const xml = await call(simulator, "ISgetSipDevice", "<ISKeyword>all</ISKeyword>");
    expect(isWellFormed(xml)).toBe(true);
    expect(xml).toContain("<response>\n<ISSipDevices>\n<ISSipDevice>\n<ISPoolID>1</ISPoolID>");
    expect(countOf(xml, "ISSipDevice")).toBe(FLEET.pools);
    expect(valuesOf(xml, "ISDevMac").every((mac) => /^[0-9A-F]{4}\.[0-9A-F]{4}\.[0-9A-F]{4}$/.test(mac))).toBe(true);
    expect(countOf(xml, "ISSipPhoneLineList")).toBe(FLEET.pools);
    expect(countOf(xml, "ISDevStatus")).toBe(0);
    expect(countOf(xml, "ExtStatus")).toBe(0);
  });

  it("an unregistered SIP phone's address reads 0", async () => {
    const [pool] = simulator.control.phones().filter((phone) => phone.protocol === "sip");
    simulator.control.setPhoneStatus(pool!.name, "unregistered");
    const xml = await call(simulator, "ISgetSipDevice", `<ISPoolID>${pool!.tag}</ISPoolID>`);
    expect(valuesOf(xml, "Xipv4Address")).toEqual(["0"]);
    simulator.control.setPhoneStatus(pool!.name, "registered");
  });

  it("ISgetSipExtension answers ISSipExtensions with ISSessionServerIDs and ISSipDevList", async () => {
    const xml = await call(simulator, "ISgetSipExtension", "<ISKeyword>all</ISKeyword>");
    expect(xml).toContain("<ISSipExtensions>\n<ISSipExtension>\n<ISVoiceRegDNID>1</ISVoiceRegDNID>");
    expect(xml).toContain("<ISSipDevList>");
    expect(xml).toContain("<firstName>");
  });

  it("SIP selectors in ISgetDevice are ignored by default, or fault the request", async () => {
    const ignored = await call(simulator, "ISgetDevice", "<ISKeyword>all</ISKeyword><ISPoolName>all</ISPoolName>");
    expect(countOf(ignored, "ISDevice")).toBe(FLEET.ephones);
    expect(countOf(ignored, "ISSipDevice")).toBe(0);
    simulator.control.setBehaviour({ sipInSccpMethods: "fault" });
    const faulted = await post(
      simulator,
      envelope("ISgetDevice", "<ISKeyword>all</ISKeyword><ISPoolName>all</ISPoolName>"),
    );
    expect(faulted.status).toBe(500);
    expect(faulted.text).toContain("SOAP-ENV:Fault");
  });

  it("cuts `all` replies above a size; tags and single phones still answer", async () => {
    simulator.control.setBehaviour({ cutAllAbove: 2 });
    const cut = await post(simulator, envelope("ISgetDevice", "<ISKeyword>all</ISKeyword>"));
    expect(cut.status).toBe(200);
    expect(isWellFormed(cut.text)).toBe(false);
    expect(isWellFormed(await call(simulator, "ISgetDevice", "<ISKeyword>allTag</ISKeyword>"))).toBe(true);
    expect(
      countOf(
        await call(simulator, "ISgetDevice", "<ISDevID>1</ISDevID><ISDevID>2</ISDevID><ISDevID>3</ISDevID>"),
        "ISDevName",
      ),
    ).toBe(3);
  });

  it("answers allTag in an undocumented shape when asked to", async () => {
    simulator.control.setBehaviour({ tagListShape: "unexpected" });
    const xml = await call(simulator, "ISgetDevice", "<ISKeyword>allTag</ISKeyword>");
    expect(xml).toContain("<ISTagList>");
    expect(countOf(xml, "ISDevice")).toBe(0);
  });

  it("refuses the dropped methods with ISError, a fault or an empty answer", async () => {
    simulator.control.setBehaviour({ refuse: ["ISgetEvtCounts", "ISsetKeyPhones"] });
    const refused = await call(simulator, "ISgetEvtCounts");
    expect(refused).toContain(
      "<ISError>\n<ISErrorCode>1</ISErrorCode>\n<ISErrorMsg>ISgetEvtCounts is not supported</ISErrorMsg>",
    );
    simulator.control.setBehaviour({ refusal: "fault" });
    expect(
      (await post(simulator, envelope("ISsetKeyPhones", "<ISPhoneName>SEP000000000000</ISPhoneName>"))).status,
    ).toBe(500);
    simulator.control.setBehaviour({ refusal: "empty" });
    expect(await call(simulator, "ISgetEvtCounts")).toContain("<response>\n</response>");
  });
});

describe("the 2008 form", () => {
  it("has no ISgetSipDevice: a fault", async () => {
    const simulator = await startCmeSimulator({ dialect: "2008", fleet: FLEET });
    try {
      expect((await post(simulator, envelope("ISgetSipDevice", "<ISKeyword>all</ISKeyword>"))).status).toBe(500);
    } finally {
      await simulator.close();
    }
  });
});

describe.each(["from", "exact"] as const)("event ids read as %s", (eventIdReading) => {
  it("answers ISDevEvtID accordingly", async () => {
    const simulator = await startCmeSimulator({ dialect: "2010", fleet: FLEET, behaviour: { eventIdReading } });
    try {
      for (const phone of simulator.control.phones().slice(0, 3))
        simulator.control.setPhoneStatus(phone.name, "unregistered");
      const ids = simulator.control.events().devices.map((event) => event.id);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      const xml = await call(simulator, "ISgetDevEvts", `<ISDevEvtID>${ids[0]}</ISDevEvtID><ISDevName>all</ISDevName>`);
      expect(valuesOf(xml, "ISDevEvtID").map(Number)).toEqual(eventIdReading === "from" ? ids : [ids[0]]);
    } finally {
      await simulator.close();
    }
  });
});
