// Replies that report an outcome rather than data: users, key phones, password changes,
// ISexecCLI and ISSaveConfig. A refusal with a message becomes DeviceError here.
import { DeviceError, ProtocolError, fields, type XmlObject } from "@/lib/soap";
import { booleanValue, integer, text } from "./convert";
import { entities, payload } from "./envelope";
import type { CliResult, CmeUser, CmeUserType, SaveConfigOutcome } from "./types";

const USER_TYPES: Record<number, CmeUserType> = {
  0: "invalid",
  1: "ephone user",
  2: "logout profile",
  3: "user profile",
};

/** Unknown users come back as type 0, tag 0 (Cisco's guide), so they map to "invalid". */
export function mapUser(response: XmlObject, askedFor: string): CmeUser {
  const [user] = entities(response, ["ISuser"], ["ISusers"]);
  if (!user) return { id: askedFor, type: "invalid", tag: 0 };
  return {
    id: text(user, "ISuserID") ?? askedFor,
    type: USER_TYPES[integer(user, "ISuserType") ?? 0] ?? "invalid",
    tag: integer(user, "ISuserTag") ?? 0,
  };
}

/** ISsetResult / ISunsetResult, one per phone in request order. */
export function mapKeyPhoneResults(response: XmlObject, resultName: "ISsetResult" | "ISunsetResult"): boolean[] {
  const block = payload(response, [`${resultName}s`, "ISKeyPhoneResults"]);
  return fields(block, resultName).map(
    (value) => booleanValue(typeof value === "string" ? value.trim() : null) === true,
  );
}

export function mapUpdateUser(response: XmlObject): void {
  const block = payload(response, ["ISupdateUserResult"]);
  const result = booleanValue(text(block, "ISsetResult"));
  if (result === true) return;
  if (result === false) throw new DeviceError("change the password", text(block, "ISsetError") ?? "");
  throw new ProtocolError("unexpected-shape", "ISupdateUser reply lacks ISsetResult");
}

/** ISexecCLIResponse 0: every line ran; N: line N failed, lines before it ran, lines after did not. */
export function mapExecCli(response: XmlObject, lineCount: number): CliResult {
  // The seed names the line number ISexecCLIResponse; the newer guide's table ISexecCLIResult.
  const failedLine = integer(response, "ISexecCLIResponse", "ISexecCLIResult");
  if (failedLine === null || failedLine < 0) {
    throw new ProtocolError("unexpected-shape", "ISexecCLI reply lacks a line number in ISexecCLIResponse");
  }
  if (failedLine === 0) return { linesApplied: lineCount };
  throw new DeviceError("apply the configuration", text(response, "ISexecCLIError") ?? "", { failedLine });
}

export function mapSaveConfig(response: XmlObject): SaveConfigOutcome {
  const result = text(response, "ISSaveConfigResult")?.toLowerCase();
  if (result === "success") return "saved";
  if (result === "delay") return "delayed";
  if (result === "fail") throw new DeviceError("save the configuration", "");
  throw new ProtocolError("unexpected-shape", "ISSaveConfig reply lacks a known ISSaveConfigResult");
}
