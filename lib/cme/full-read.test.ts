// Full reads against scripted replies no simulator mode gives: an ISError for `all` (how a public
// client saw large routers answer) is re-read as allTag then tag by tag; a refused tag list leaves
// the read incomplete with the reason; a router whose every list request fails fails the read.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ProtocolError, closeAgents } from "@/lib/soap";
import { createCmeClient } from "./client";
import {
  envelope,
  startScriptedRouter,
  type ReceivedRequest,
  type ScriptedAnswer,
  type ScriptedRouter,
} from "@/lib/testing/scripted-router";

const routers: ScriptedRouter[] = [];
async function router(answer: (request: ReceivedRequest) => ScriptedAnswer): Promise<ScriptedRouter> {
  const started = await startScriptedRouter(answer);
  routers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(routers.splice(0).map((r) => r.close()));
});
afterAll(() => closeAgents());

const client = (target: ScriptedRouter) =>
  createCmeClient({ baseUrl: target.baseUrl, username: "u", password: "p", timeoutMs: 5_000, dialect: "2010" });
const overflow = {
  body: envelope("<ISError><ISErrorCode>3</ISErrorCode><ISErrorMsg>Buffer overflow</ISErrorMsg></ISError>"),
};
const phone = (tag: number) =>
  `<ISDevice><ISDevID>${tag}</ISDevID><ISDevName>SEP00000000000${tag}</ISDevName><ISDevStatus>registered</ISDevStatus></ISDevice>`;
const noSip = { body: envelope("<ISSipDevices></ISSipDevices>") };

function sccp(request: ReceivedRequest, tags: { listed: boolean }): ScriptedAnswer {
  if (request.body.includes("<ISKeyword>all</ISKeyword>")) return overflow;
  if (request.body.includes("<ISKeyword>allTag</ISKeyword>"))
    return tags.listed
      ? {
          body: envelope(
            `<ISDevices>${[1, 2, 3].map((t) => `<ISDevice><ISDevID>${t}</ISDevID></ISDevice>`).join("")}</ISDevices>`,
          ),
        }
      : overflow;
  const tag = Number(/<ISDevID>(\d+)<\/ISDevID>/.exec(request.body)?.[1]);
  return { body: envelope(`<ISDevices>${phone(tag)}</ISDevices>`) };
}

describe("reading every phone", () => {
  it("an ISError for `all` is re-read as allTag, then tag by tag, and the read is complete", async () => {
    const target = await router((request) =>
      request.cmeMethod === "ISgetSipDevice" ? noSip : sccp(request, { listed: true }),
    );
    const read = await client(target).readEveryPhone();
    expect(read).toMatchObject({ complete: true, doubts: [], cause: null });
    expect(read.items.map((p) => p.name)).toEqual(["SEP000000000001", "SEP000000000002", "SEP000000000003"]);
    expect(target.received.map((r) => r.cmeMethod)).toEqual([
      "ISgetDevice",
      "ISgetDevice",
      "ISgetDevice",
      "ISgetDevice",
      "ISgetDevice",
      "ISgetSipDevice",
    ]);
  });

  it("a refused tag list leaves the read incomplete, in plain words", async () => {
    const target = await router((request) =>
      request.cmeMethod === "ISgetSipDevice" ? noSip : sccp(request, { listed: false }),
    );
    const read = await client(target).readEveryPhone();
    expect(read.complete).toBe(false);
    expect(read.items).toEqual([]);
    expect(read.doubts).toEqual([
      "The router's list of SCCP phones was refused (The device refused to answer ISgetDevice: Buffer overflow), and its list of tags was refused (The device refused to answer ISgetDevice: Buffer overflow), so the list is incomplete.",
    ]);
  });

  it("when no list request is answered at all, the read fails with the first error", async () => {
    const cut = { body: "<SOAP-ENV:Envelope><SOAP-ENV:Body><axl><response><ISDevices><ISDev" };
    const target = await router((request) =>
      request.cmeMethod === "ISgetVoiceRegGlobal"
        ? { body: envelope("<ISSipGlobal><ISMaxPool>2</ISMaxPool></ISSipGlobal>") }
        : cut,
    );
    await expect(client(target).readEveryPhone()).rejects.toBeInstanceOf(ProtocolError);
  });
});
