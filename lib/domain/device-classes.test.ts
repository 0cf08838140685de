import { describe, expect, test } from "vitest";
import { deviceClassLabel, deviceGroupOf, isSoftClientModel } from "./device-classes";
import { knownModels, softClientModelNames } from "@/lib/risport/client/models";

describe("device classes", () => {
  test("soft clients are the Jabber family and softphones, not desk phones", () => {
    for (const model of [
      "Cisco Unified Client Services Framework",
      "Cisco Dual Mode for Android",
      "Cisco Dual Mode for iPhone",
      "Cisco Jabber for Tablet",
      "Cisco IP Communicator",
    ])
      expect(isSoftClientModel(model), model).toBe(true);
    for (const model of ["Cisco 8845", "Cisco 7965", "Model 36216", "Cisco ATA 190"])
      expect(isSoftClientModel(model), model).toBe(false);
  });

  test("every device is a desk phone, a soft client or infrastructure", () => {
    expect(deviceGroupOf("Phone", "Cisco 8845")).toBe("desk-phone");
    expect(deviceGroupOf("Phone", "Cisco Unified Client Services Framework")).toBe("soft-client");
    expect(deviceGroupOf("SIPTrunk", "SIP Trunk")).toBe("infrastructure");
    expect(deviceClassLabel("MediaResources")).toBe("Media resource");
    expect(deviceClassLabel("SomethingNew")).toBe("SomethingNew");
  });

  test("the soft-client filter names models the typemodel table holds", () => {
    const names = new Set(knownModels().map((m) => m.name));
    expect(softClientModelNames().length).toBeGreaterThanOrEqual(5);
    for (const name of softClientModelNames()) expect(names.has(name)).toBe(true);
  });
});
