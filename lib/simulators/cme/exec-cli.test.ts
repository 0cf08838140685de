// ISexecCLI's interpreter on its own: IOS mode changes, line numbering, users, removals.
import { describe, expect, it } from "vitest";
import { EventLog } from "./events";
import { execCli } from "./exec-cli";
import { INVALID_INPUT } from "./exec-cli-modes";
import { buildFleet } from "./fleet";
import { seededRandom } from "./random";
import { RESTART_TIMES, RouterState } from "./state";
import { manualClock } from "@/lib/testing/cme-sim";

function router(clock = manualClock()): RouterState {
  const config = buildFleet({ seed: 4, ephones: 3, pools: 0 }, clock.now());
  return new RouterState(
    config,
    new EventLog({ maxSize: 150, retainMinutes: 15 }, clock.now),
    clock.now,
    seededRandom(1),
  );
}

describe("execCli", () => {
  it("restart drops a registered phone's registration until it comes back; reset takes longer; a down phone stays down", () => {
    const clock = manualClock();
    const state = router(clock);
    const [first, second, third] = [...state.config.ephones.values()];
    for (const phone of [first!, second!]) phone.status = "registered";
    third!.status = "unregistered";
    expect(execCli(state, [`ephone ${first!.tag}`, "restart", `ephone ${second!.tag}`, "reset"]).failedLine).toBe(0);
    expect(execCli(state, [`ephone ${third!.tag}`, "restart"]).failedLine).toBe(0);
    expect([first!.status, second!.status, third!.status]).toEqual(["unregistered", "unregistered", "unregistered"]);
    expect(first!.lastStatus).toBe("registered");
    clock.advance(RESTART_TIMES.restartMs);
    state.settleRestarts();
    expect([first!.status, second!.status, third!.status]).toEqual(["registered", "unregistered", "unregistered"]);
    clock.advance(RESTART_TIMES.resetMs - RESTART_TIMES.restartMs);
    state.settleRestarts();
    expect([second!.status, third!.status]).toEqual(["registered", "unregistered"]);
  });

  it("counts blank and comment lines in the 1-based line number", () => {
    const state = router();
    expect(execCli(state, ["!", "", "ephone 1", "bogus"])).toEqual({ failedLine: 4, error: INVALID_INPUT });
  });

  it("leaves a sub-mode for a config-level command, like IOS", () => {
    const state = router();
    const result = execCli(state, [
      "ephone-dn 20",
      "number 2020",
      "ephone 9",
      "button 1:20",
      "ephone-dn 21",
      "number 2121",
    ]);
    expect(result.failedLine).toBe(0);
    expect(state.config.ephones.get(9)?.buttons).toEqual([{ line: 1, dnTag: 20, mode: "Normal" }]);
    expect(state.config.ephoneDns.get(21)?.number).toBe("2121");
  });

  it("makes an ephone user with username … password, limited to 19 characters", () => {
    const state = router();
    expect(execCli(state, ["ephone 2", 'username "anna" password 2468']).failedLine).toBe(0);
    expect(state.config.users.get("anna")).toMatchObject({ password: "2468", type: 1, tag: 2 });
    expect(execCli(state, ["ephone 2", `username anna password ${"9".repeat(20)}`]).failedLine).toBe(2);
    expect(state.config.users.get("anna")?.password).toBe("2468");
  });

  it("removes a number from every phone's buttons with no ephone-dn", () => {
    const state = router();
    const reception = [...state.config.ephoneDns.values()].find((dn) => dn.number === "0800")!;
    expect(execCli(state, [`no ephone-dn ${reception.tag}`]).failedLine).toBe(0);
    for (const phone of state.config.ephones.values())
      expect(phone.buttons.some((b) => b.dnTag === reception.tag)).toBe(false);
  });

  it("refuses an ephone tag above max-ephones until telephony-service raises it", () => {
    const state = router();
    expect(execCli(state, ["ephone 60"]).failedLine).toBe(1);
    expect(execCli(state, ["telephony-service", "max-ephones 80", "exit", "ephone 60"]).failedLine).toBe(0);
  });

  it("refuses a MAC address another phone already has", () => {
    const state = router();
    const mac = state.config.ephones.get(1)!.mac;
    const result = execCli(state, ["ephone 2", `mac-address ${mac}`]);
    expect(result.failedLine).toBe(2);
    expect(result.error).toMatch(/already used by ephone 1/);
  });
});
