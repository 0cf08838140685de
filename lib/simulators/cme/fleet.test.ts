// The fleet generator: the same seed gives the same fleet, with 0800-style numbers, shared lines,
// key phones, users and several phone types; an explicit list is taken as given.
import { afterAll, describe, expect, it } from "vitest";
import { buildFleet } from "./fleet";
import { startCmeSimulator, type CmeSimulator } from "./index";
import { renderRunningConfig } from "./running-config";
import { call, valuesOf } from "@/lib/testing/cme-sim";

const NOW = Date.UTC(2025, 0, 6, 9);
const generated = (seed: number, ephones = 200, pools = 30) => buildFleet({ seed, ephones, pools }, NOW);

describe("generated fleet", () => {
  it("is the same for the same seed and differs for another", () => {
    expect(renderRunningConfig(generated(7))).toBe(renderRunningConfig(generated(7)));
    expect(renderRunningConfig(generated(7))).not.toBe(renderRunningConfig(generated(8)));
    const a = [...generated(7).ephones.values()].map((p) => [p.mac, p.status, p.keyPhone]);
    const b = [...generated(7).ephones.values()].map((p) => [p.mac, p.status, p.keyPhone]);
    expect(a).toEqual(b);
  });

  it("has the asked-for phones, unique MACs and several types on each protocol", () => {
    const config = generated(3);
    expect(config.ephones.size).toBe(200);
    expect(config.pools.size).toBe(30);
    const macs = [...config.ephones.values(), ...config.pools.values()].map((p) => p.mac);
    expect(new Set(macs).size).toBe(macs.length);
    expect(macs.every((mac) => /^[0-9A-F]{12}$/.test(mac))).toBe(true);
    const sccpTypes = new Set([...config.ephones.values()].map((p) => p.type));
    for (const type of ["7960", "7941", "7965", "ATA"]) expect(sccpTypes).toContain(type);
    const sipTypes = new Set([...config.pools.values()].map((p) => p.type));
    for (const type of ["8845", "8865", "7821"]) expect(sipTypes).toContain(type);
  });

  it("has numbers with leading zeros, 0800 among them, and unique numbers", () => {
    const numbers = [...generated(3).ephoneDns.values()].map((dn) => dn.number);
    expect(numbers).toContain("0800");
    expect(numbers.filter((n) => n.startsWith("0")).length).toBeGreaterThan(5);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("has shared lines, key phones, users and a mix of registration states", () => {
    const config = generated(3);
    const phonesPerDn = new Map<number, number>();
    for (const phone of config.ephones.values()) {
      for (const button of phone.buttons) phonesPerDn.set(button.dnTag, (phonesPerDn.get(button.dnTag) ?? 0) + 1);
    }
    const shared = [...phonesPerDn.values()].filter((count) => count > 1);
    expect(shared.length).toBeGreaterThan(2);
    const phones = [...config.ephones.values()];
    expect(phones.filter((p) => p.keyPhone).length).toBeGreaterThanOrEqual(2);
    expect(phones.filter((p) => p.keyPhone).length).toBeLessThan(phones.length / 5);
    expect(phones.filter((p) => p.userName).length).toBeGreaterThan(150);
    expect(config.users.size).toBeGreaterThan(150);
    const states = new Set(phones.map((p) => p.status));
    expect(states).toEqual(new Set(["registered", "unregistered", "deceased"]));
  });

  it("shares the reception line 0800 between the first two phones even in a tiny fleet", () => {
    const config = buildFleet({ seed: 1, ephones: 2, pools: 0 }, NOW);
    const reception = [...config.ephoneDns.values()].find((dn) => dn.number === "0800");
    const carriers = [...config.ephones.values()].filter((p) => p.buttons.some((b) => b.dnTag === reception?.tag));
    expect(carriers.map((p) => p.tag)).toEqual([1, 2]);
  });
});

describe("explicit fleet", () => {
  let simulator: CmeSimulator;
  afterAll(() => simulator.close());

  it("puts exactly the listed MACs and numbers on the router, keeping leading zeros", async () => {
    simulator = await startCmeSimulator({
      fleet: {
        phones: [
          {
            mac: "0012.da8a.c43d",
            type: "7965",
            lines: ["0800", "2001"],
            userName: "peter",
            name: "Peter Lee",
            keyPhone: true,
          },
          { mac: "SEP00036B09538A", type: "7960", lines: ["0800"], status: "unregistered" },
          { mac: "F87B20112233", type: "8845", lines: ["3001"] },
        ],
        extensions: [{ number: "2001", callForwardAll: "5000" }],
      },
    });
    const devices = await call(simulator, "ISgetDevice", "<ISDevName>all</ISDevName>");
    expect(valuesOf(devices, "ISDevName")).toEqual(["SEP0012DA8AC43D", "SEP00036B09538A"]);
    expect(valuesOf(devices, "ISDevStatus")).toEqual(["registered", "unregistered"]);
    const reception = await call(simulator, "ISgetExtension", "<ISExtNumber>0800</ISExtNumber>");
    expect(valuesOf(reception, "ISDeviceID")).toEqual(["1", "2"]);
    expect(valuesOf(reception, "firstname")).toEqual(["Peter"]);
    const forwarded = await call(simulator, "ISgetExtension", "<ISExtNumber>2001</ISExtNumber>");
    expect(valuesOf(forwarded, "callForwardAll")).toEqual(["5000"]);
    const sip = await call(simulator, "ISgetDevice", "<ISPoolName>all</ISPoolName>");
    expect(valuesOf(sip, "ISDevMac")).toEqual(["SEPF87B20112233"]);
    const user = await call(simulator, "ISgetUser", "<ISuserID>peter</ISuserID>");
    expect(valuesOf(user, "ISuserType")).toEqual(["1"]);
  });

  it("refuses a MAC listed twice", () => {
    expect(() =>
      buildFleet(
        {
          phones: [
            { mac: "001122334455", type: "7941", lines: [], keyPhone: false, status: "registered" },
            { mac: "0011.2233.4455", type: "7941", lines: [], keyPhone: false, status: "registered" },
          ],
          extensions: [],
        },
        NOW,
      ),
    ).toThrow(/listed twice/);
  });
});
