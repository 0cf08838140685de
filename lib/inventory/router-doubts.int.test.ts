// Replies no simulator mode produces, scripted per method, polled with the real database: an empty
// phone list while ISgetGlobal counts phones keeps every phone and polls partial; a router with no
// SIP side (it refuses the SIP getters and ISgetVoiceRegGlobal) polls ok, while one that listed SIP
// phones before and now refuses them does not lose them.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  envelope,
  startScriptedRouter,
  type ReceivedRequest,
  type ScriptedRouter,
} from "@/lib/testing/scripted-router";
import { db } from "@/lib/db/client";
import { createSource, type SourceRecord } from "@/lib/db/sources";
import { forgetKeyForTests } from "@/lib/secrets/source-passwords";
import { closeAgents } from "@/lib/soap";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { pollSource } from "./poll";
import { manualClock } from "@/lib/testing/inventory";

const fault = (message: string) => ({
  status: 500,
  body: `<SOAP-ENV:Envelope><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>${message}</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
});
const ephone = (tag: number, mac: string) =>
  `<ISDevice><ISDevID>${tag}</ISDevID><ISDevName>SEP${mac}</ISDevName><ISDevType>IP Phone 7965</ISDevType><ISDevAddr><Xipv4Address>10.0.0.${tag}</Xipv4Address></ISDevAddr><ISPhoneLineList></ISPhoneLineList><ISKeyPhone>false</ISKeyPhone><ISDevStatus>registered</ISDevStatus><ISDevLastStatus>unregistered</ISDevLastStatus></ISDevice>`;
const pool = `<ISSipDevice><ISPoolID>1</ISPoolID><ISDevMac>0013.1978.3CA5</ISDevMac><ISSessionServerID>1</ISSessionServerID><ISDevAddr><Xipv4Address>10.0.1.1</Xipv4Address></ISDevAddr><ISSipPhoneLineList></ISSipPhoneLineList></ISSipDevice>`;
const PHONES = ephone(1, "001122334401") + ephone(2, "001122334402");

/** How the scripted router answers right now. */
const script = { phones: PHONES, sip: "refused" as "refused" | "pools", configured: 2 };

function answer(request: ReceivedRequest) {
  switch (request.cmeMethod) {
    case "ISgetGlobal":
      return {
        body: envelope(
          `<ISGlobal><ISName>scripted</ISName><ISMode>SRST</ISMode><ISDeviceRegistered>${script.configured}</ISDeviceRegistered><ISConfiguredDevice>${script.configured}</ISConfiguredDevice><ISConfiguredExtension>0</ISConfiguredExtension></ISGlobal>`,
        ),
      };
    case "ISgetDevice":
      return { body: envelope(`<ISDevices>${request.body.includes(">all<") ? script.phones : ""}</ISDevices>`) };
    case "ISgetSipDevice":
      return script.sip === "pools"
        ? { body: envelope(`<ISSipDevices>${pool}</ISSipDevices>`) }
        : fault("unknown method ISgetSipDevice");
    case "ISgetVoiceRegGlobal":
      return script.sip === "pools"
        ? {
            body: envelope(
              "<ISSipGlobal><ISMode>cme</ISMode><ISMaxPool>1</ISMaxPool><ISMaxDN>1</ISMaxDN></ISSipGlobal>",
            ),
          }
        : fault("unknown method ISgetVoiceRegGlobal");
    case "ISgetExtension":
      return { body: envelope("<ISExtensions></ISExtensions>") };
    case "ISgetSipExtension":
      return script.sip === "pools"
        ? { body: envelope("<ISSipExtensions></ISSipExtensions>") }
        : fault("unknown method ISgetSipExtension");
    default:
      return { body: envelope("") };
  }
}

let database: TestDatabase;
let router: ScriptedRouter;
let source: SourceRecord;
const clock = manualClock();

beforeAll(async () => {
  database = await startTestDatabase();
  forgetKeyForTests();
  router = await startScriptedRouter(answer);
  source = await createSource(
    {
      kind: "cme",
      name: "Scripted SRST",
      urls: [router.baseUrl],
      username: "cisco",
      password: "cisco",
      timeoutMs: 2000,
      pollIntervalS: 60,
    },
    { actor: "tester" },
  );
});
afterAll(async () => {
  await router?.close();
  await closeAgents();
  await database?.stop();
});

const poll = () => {
  clock.advance(60_000);
  return pollSource(source.id, { instanceId: "test", now: clock.now, force: true });
};
const stored = async () => ({
  rows: await db().device.count({ where: { sourceId: source.id } }),
  missing: await db().device.count({ where: { sourceId: source.id, missing: true } }),
});

describe("a router whose replies leave doubt", () => {
  test("an SRST router with no SIP side polls ok, once Linewatch knows it never listed SIP phones", async () => {
    // First poll: nothing remembered yet, so the refused SIP getter is still a doubt.
    expect(await poll()).toMatchObject({
      status: "partial",
      devices: 2,
      error: expect.stringContaining("SIP phones could not be read"),
    });
    expect(await poll()).toMatchObject({ status: "ok", devices: 2 });
    expect(await poll()).toMatchObject({ status: "ok", devices: 2, changed: 0 });
  });

  test("an empty phone list while ISgetGlobal counts phones keeps every phone and polls partial", async () => {
    script.phones = "";
    const summary = await poll();
    expect(summary).toMatchObject({ status: "partial" });
    expect(summary.error).toContain(
      "Phones: The router reports 2 configured and 2 registered phones, but its phone list came back empty.",
    );
    expect(await stored()).toEqual({ rows: 2, missing: 0 });
    expect((await db().sourceHealth.findUnique({ where: { sourceId: source.id } }))?.status).toBe("degraded");
    script.phones = PHONES;
    expect(await poll()).toMatchObject({ status: "ok", devices: 2 });
  });

  test("SIP phones seen before are not lost when the router refuses the SIP getter", async () => {
    script.sip = "pools";
    expect(await poll()).toMatchObject({ status: "ok", devices: 3 });
    script.sip = "refused";
    const summary = await poll();
    expect(summary.status).toBe("partial");
    expect(summary.error).toContain("Phones: The router's SIP phones could not be read:");
    expect(await stored()).toEqual({ rows: 3, missing: 0 });
  });
});
