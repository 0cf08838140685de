// RisPort70 enumerations from Cisco's WSDL, as zod enums so the request schemas, the domain
// types and the wire readers all share one list. Replies are read case-insensitively because
// CUCM versions disagree on case ("UnRegistered" vs "Unregistered").
// The names themselves are shared vocabulary with the cluster simulator (lib/domain/risport-enums).
import {
  deviceClass,
  registrationStatus,
  lineStatus,
  protocol,
  downloadStatus,
  httpd,
  ctiStatus,
  returnCode,
  ipAddressType,
  ipAddressAttribute,
  type DeviceClass,
  type RegistrationStatus,
  type LineStatus,
  type Protocol,
  type DownloadStatus,
  type Httpd,
  type CtiStatus,
  type ReturnCode,
  type IpAddressType,
  type IpAddressAttribute,
} from "@/lib/domain/risport-enums";
export {
  deviceClassFilter,
  deviceClass,
  registrationStatusFilter,
  registrationStatus,
  lineStatus,
  selectBy,
  protocolFilter,
  protocol,
  downloadStatusFilter,
  downloadStatus,
  returnCode,
  httpd,
  ipAddressType,
  ipAddressAttribute,
  ctiStatusFilter,
  ctiStatus,
  selectAppBy,
  ctiManagerClass,
  type DeviceClassFilter,
  type DeviceClass,
  type RegistrationStatusFilter,
  type RegistrationStatus,
  type LineStatus,
  type SelectBy,
  type ProtocolFilter,
  type Protocol,
  type DownloadStatusFilter,
  type DownloadStatus,
  type ReturnCode,
  type Httpd,
  type IpAddressType,
  type IpAddressAttribute,
  type CtiStatusFilter,
  type CtiStatus,
  type SelectAppBy,
  type CtiManagerClass,
} from "@/lib/domain/risport-enums";

/**
 * Reads a wire value into one of `values`, ignoring case; anything unrecognised (or empty)
 * becomes `fallback` so a new CUCM release never breaks a sweep.
 */
export function readEnum<T extends string>(values: readonly T[], raw: string | null | undefined, fallback: T): T {
  if (!raw) return fallback;
  const wanted = raw.trim().toLowerCase();
  return values.find((value) => value.toLowerCase() === wanted) ?? fallback;
}

export const readDeviceClass = (raw: string | null | undefined): DeviceClass =>
  readEnum(deviceClass.options, raw, "Unknown");
export const readRegistrationStatus = (raw: string | null | undefined): RegistrationStatus =>
  readEnum(registrationStatus.options, raw, "Unknown");
export const readLineStatus = (raw: string | null | undefined): LineStatus =>
  readEnum(lineStatus.options, raw, "Unknown");
export const readProtocol = (raw: string | null | undefined): Protocol => readEnum(protocol.options, raw, "Unknown");
export const readDownloadStatus = (raw: string | null | undefined): DownloadStatus =>
  readEnum(downloadStatus.options, raw, "Unknown");
export const readHttpd = (raw: string | null | undefined): Httpd => readEnum(httpd.options, raw, "Unknown");
export const readCtiStatus = (raw: string | null | undefined): CtiStatus => readEnum(ctiStatus.options, raw, "Unknown");

/** A return code we do not know is not Ok: the node's data must not count as complete. */
export const readReturnCode = (raw: string | null | undefined): ReturnCode =>
  readEnum(returnCode.options, raw, "InternalError");

/** Unknown address types are guessed from the address itself. */
export function readIpAddressType(raw: string | null | undefined, ip: string): IpAddressType {
  return readEnum(ipAddressType.options, raw, ip.includes(":") ? "ipv6" : "ipv4");
}

export function readIpAttribute(raw: string | null | undefined): IpAddressAttribute {
  if (raw && raw.trim().toLowerCase() === "adminstrative") return "Administrative";
  return readEnum(ipAddressAttribute.options, raw, "Unknown");
}
