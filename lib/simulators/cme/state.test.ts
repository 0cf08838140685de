// What a request changes on the router: key phones, user passwords, configuration through
// ISexecCLI, and saving it; checked over loopback and in the simulator's own state.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCmeSimulator, type CmeSimulator } from "./index";
import { call, valuesOf } from "@/lib/testing/cme-sim";

let simulator: CmeSimulator;
beforeEach(async () => {
  simulator = await startCmeSimulator({ fleet: { seed: 11, ephones: 8, pools: 2 } });
});
afterEach(() => simulator.close());

const sccpNames = () =>
  simulator.control
    .phones()
    .filter((p) => p.protocol === "sccp")
    .map((p) => p.name);

describe("key phones", () => {
  it("ISsetKeyPhones and ISunsetKeyPhones flip the flag, one result per phone in order", async () => {
    const [, , third, fourth] = sccpNames();
    const names = [third ?? "", "SEP000000000000", fourth ?? ""];
    const phoneNames = names.map((name) => `<ISPhoneName>${name}</ISPhoneName>`).join("");
    await call(simulator, "ISunsetKeyPhones", phoneNames);

    const set = await call(simulator, "ISsetKeyPhones", phoneNames);
    expect(valuesOf(set, "ISsetResult")).toEqual(["true", "false", "true"]);
    expect(simulator.control.keyPhone(names[0] ?? "")).toBe(true);
    expect(simulator.control.keyPhone(names[2] ?? "")).toBe(true);
    const keyPhones = await call(simulator, "ISgetDevice", "<ISDevName>allKeyphone</ISDevName>");
    expect(valuesOf(keyPhones, "ISDevName")).toEqual(expect.arrayContaining([names[0], names[2]]));

    const unset = await call(simulator, "ISunsetKeyPhones", phoneNames);
    expect(valuesOf(unset, "ISunsetResult")).toEqual(["true", "false", "true"]);
    expect(simulator.control.keyPhone(names[0] ?? "")).toBe(false);
  });

  it("SIP phones cannot be key phones", async () => {
    const sip = simulator.control.phones().find((p) => p.protocol === "sip")?.name ?? "";
    expect(
      valuesOf(await call(simulator, "ISsetKeyPhones", `<ISPhoneName>${sip}</ISPhoneName>`), "ISsetResult"),
    ).toEqual(["false"]);
  });
});

describe("users", () => {
  it("ISupdateUser changes a phone user's password", async () => {
    const userId = simulator.control.phones().find((p) => p.userName)?.userName ?? "";
    const reply = await call(simulator, "ISupdateUser", `<ISuserID>${userId}</ISuserID><ISpassword>0042</ISpassword>`);
    expect(valuesOf(reply, "ISsetResult")).toEqual(["true"]);
    expect(simulator.control.userPassword(userId)).toBe("0042");
  });

  it("refuses an unknown user with the router's message", async () => {
    const reply = await call(simulator, "ISupdateUser", "<ISuserID>peter</ISuserID><ISpassword>abc</ISpassword>");
    expect(valuesOf(reply, "ISsetResult")).toEqual(["false"]);
    expect(valuesOf(reply, "ISsetError")).toEqual(["User peter does not exist"]);
  });

  it("refuses a password longer than 19 characters and keeps the old one", async () => {
    const before = simulator.control.userPassword("hotdesk");
    const reply = await call(
      simulator,
      "ISupdateUser",
      `<ISuserID>hotdesk</ISuserID><ISpassword>${"x".repeat(20)}</ISpassword>`,
    );
    expect(valuesOf(reply, "ISsetResult")).toEqual(["false"]);
    expect(valuesOf(reply, "ISsetError")[0]).toMatch(/19 characters/);
    expect(simulator.control.userPassword("hotdesk")).toBe(before);
    const nineteen = await call(
      simulator,
      "ISupdateUser",
      `<ISuserID>hotdesk</ISuserID><ISpassword>${"y".repeat(19)}</ISpassword>`,
    );
    expect(valuesOf(nineteen, "ISsetResult")).toEqual(["true"]);
  });

  it("ISgetUser answers type 0 and tag 0 for an unknown user, 1 and the ephone tag for an ephone user", async () => {
    const unknown = await call(simulator, "ISgetUser", "<ISuserID>nobody</ISuserID>");
    expect(valuesOf(unknown, "ISuserType")).toEqual(["0"]);
    expect(valuesOf(unknown, "ISuserTag")).toEqual(["0"]);
    const phone = simulator.control.phones().find((p) => p.userName);
    const known = await call(simulator, "ISgetUser", `<ISuserID>${phone?.userName}</ISuserID>`);
    expect(valuesOf(known, "ISuserType")).toEqual(["1"]);
    expect(valuesOf(known, "ISuserTag")).toEqual([String(phone?.tag)]);
  });
});

describe("ISexecCLI", () => {
  const cli = (lines: string[]) => lines.map((line) => `<CLI>${line}</CLI>`).join("");

  it("stops at a bad line 4: earlier lines applied, later lines not", async () => {
    const reply = await call(
      simulator,
      "ISexecCLI",
      cli(["ephone-dn 50 dual-line", "number 0555", "name Peter Lee", "button 1:50", "ephone-dn 51", "number 5151"]),
    );
    expect(valuesOf(reply, "ISexecCLIResponse")).toEqual(["4"]);
    expect(valuesOf(reply, "ISexecCLIError")[0]).toBe("% Invalid input detected at '^' marker.");
    const config = simulator.control.runningConfig();
    expect(config).toContain("ephone-dn  50  dual-line\n number 0555\n name Peter Lee\n");
    expect(config).not.toContain("ephone-dn  51");
    expect(config).not.toContain("5151");
  });

  it("configures a phone like the seed's example and reports its unknown-dn message", async () => {
    const good = await call(
      simulator,
      "ISexecCLI",
      cli([
        "ephone-dn 60",
        "number 2600",
        "ephone 40",
        "mac-address 000D.BC80.EB51",
        "type 7960",
        "button 1:60",
        "keyphone",
        "exit",
      ]),
    );
    expect(valuesOf(good, "ISexecCLIResponse")).toEqual(["0"]);
    const device = await call(simulator, "ISgetDevice", "<ISDevID>40</ISDevID>");
    expect(valuesOf(device, "ISDevName")).toEqual(["SEP000DBC80EB51"]);
    expect(valuesOf(device, "ISDevType")).toEqual(["IP Phone Telecaster 7960"]);
    expect(valuesOf(device, "ExtNumber")).toEqual(["2600"]);
    expect(valuesOf(device, "ISKeyPhone")).toEqual(["true"]);

    const bad = await call(
      simulator,
      "ISexecCLI",
      cli(["ephone 41", "mac-address 000D.BC80.EB52", "type 7960", "button 1:999"]),
    );
    expect(valuesOf(bad, "ISexecCLIResponse")).toEqual(["4"]);
    expect(valuesOf(bad, "ISexecCLIError")).toEqual([" invalid input dn parameter for button 1"]);
  });

  it("applies description, label, call-forward and no keyphone", async () => {
    const reply = await call(
      simulator,
      "ISexecCLI",
      cli([
        "ephone-dn 1",
        "label Front desk",
        "description Lobby",
        "call-forward all 5000",
        "ephone 1",
        "no keyphone",
        "description Reception 1",
      ]),
    );
    expect(valuesOf(reply, "ISexecCLIResponse")).toEqual(["0"]);
    const extension = await call(simulator, "ISgetExtension", "<ISExtID>1</ISExtID>");
    expect(valuesOf(extension, "callForwardAll")).toEqual(["5000"]);
    expect(simulator.control.keyPhone(sccpNames()[0] ?? "")).toBe(false);
    expect(simulator.control.runningConfig()).toContain(" label Front desk\n description Lobby\n");
  });

  it("configures SIP pools and numbers", async () => {
    const reply = await call(
      simulator,
      "ISexecCLI",
      cli([
        "voice register dn 9",
        "number 0777",
        "voice register pool 9",
        "id mac 0011.2233.4455",
        "type 8845",
        "number 1 dn 9",
      ]),
    );
    expect(valuesOf(reply, "ISexecCLIResponse")).toEqual(["0"]);
    const device = await call(simulator, "ISgetDevice", "<ISPoolID>9</ISPoolID>");
    expect(valuesOf(device, "ISDevMac")).toEqual(["SEP001122334455"]);
    expect(valuesOf(device, "ExtNumber")).toEqual(["0777"]);
  });

  it("rejects an SCCP type on a SIP pool and an unknown command", async () => {
    const type = await call(simulator, "ISexecCLI", cli(["voice register pool 9", "type 7960"]));
    expect(valuesOf(type, "ISexecCLIResponse")).toEqual(["2"]);
    const unknown = await call(simulator, "ISexecCLI", cli(["ephone 1", "self-destruct"]));
    expect(valuesOf(unknown, "ISexecCLIResponse")).toEqual(["2"]);
  });
});

describe("ISSaveConfig", () => {
  const save = async () => valuesOf(await call(simulator, "ISSaveConfig"), "ISSaveConfigResult")[0];

  it("answers success and saves the running configuration", async () => {
    await call(simulator, "ISexecCLI", "<CLI>ephone-dn 70</CLI><CLI>number 7070</CLI>");
    expect(simulator.control.startupConfig()).not.toContain("7070");
    expect(await save()).toBe("success");
    expect(simulator.control.startupConfig()).toContain("number 7070");
  });

  it("answers delay while a terminal session is open, and saves when it closes", async () => {
    await call(simulator, "ISexecCLI", "<CLI>ephone-dn 71</CLI><CLI>number 7171</CLI>");
    simulator.control.setTerminalSession(true);
    expect(await save()).toBe("delay");
    expect(simulator.control.startupConfig()).not.toContain("7171");
    simulator.control.setTerminalSession(false);
    expect(simulator.control.startupConfig()).toContain("number 7171");
  });

  it("answers fail when told to", async () => {
    simulator.control.setSaveConfigFails(true);
    expect(await save()).toBe("fail");
    simulator.control.setSaveConfigFails(false);
    expect(await save()).toBe("success");
  });
});
