// RisPort70 enumerations from Cisco's WSDL, as zod enums so the request schemas, the domain
// types and the wire readers all share one list. Replies are read case-insensitively because
// CUCM versions disagree on case ("UnRegistered" vs "Unregistered").
import { z } from "zod";

export const deviceClassFilter = z.enum([
  "Any", "Phone", "Gateway", "H323", "Cti", "VoiceMail", "MediaResources", "SIPTrunk", "HuntList", "Unknown",
]);
export const deviceClass = deviceClassFilter.exclude(["Any"]);

export const registrationStatusFilter = z.enum([
  "Any", "Registered", "UnRegistered", "Rejected", "PartiallyRegistered", "Unknown",
]);
export const registrationStatus = registrationStatusFilter.exclude(["Any"]);
/** A line's status: the device statuses without PartiallyRegistered. */
export const lineStatus = z.enum(["Registered", "UnRegistered", "Rejected", "Unknown"]);

/** SIPStatus is in Cisco's docs and clients but not in the WSDL; servers may refuse it. */
export const selectBy = z.enum(["Name", "IPV4Address", "IPV6Address", "DirNumber", "Description", "SIPStatus"]);
export const protocolFilter = z.enum(["Any", "SCCP", "SIP", "Unknown"]);
export const protocol = protocolFilter.exclude(["Any"]);
export const downloadStatusFilter = z.enum(["Any", "Upgrading", "Successful", "Failed", "Unknown"]);
export const downloadStatus = downloadStatusFilter.exclude(["Any"]);

export const returnCode = z.enum(["Ok", "NotFound", "InvalidRequest", "InternalError", "NodeNotResponding", "InvalidNodeName"]);
export const httpd = z.enum(["Yes", "No", "Unknown"]);
export const ipAddressType = z.enum(["ipv4", "ipv6"]);
/** Cisco's WSDL spells it "Adminstrative"; the domain value is spelled right (see readIpAttribute). */
export const ipAddressAttribute = z.enum(["Unknown", "Administrative", "Signaling", "AdministrativeAndSignaling"]);

export const ctiStatusFilter = z.enum(["Any", "Open", "Closed", "OpenFailed", "Unknown"]);
export const ctiStatus = ctiStatusFilter.exclude(["Any"]);
export const selectAppBy = z.enum(["AppId", "AppIPV4Address", "AppIPV6Address", "UserId"]);
export const ctiManagerClass = z.enum(["Provider", "Device", "Line"]);

export type DeviceClassFilter = z.infer<typeof deviceClassFilter>;
export type DeviceClass = z.infer<typeof deviceClass>;
export type RegistrationStatusFilter = z.infer<typeof registrationStatusFilter>;
export type RegistrationStatus = z.infer<typeof registrationStatus>;
export type LineStatus = z.infer<typeof lineStatus>;
export type SelectBy = z.infer<typeof selectBy>;
export type ProtocolFilter = z.infer<typeof protocolFilter>;
export type Protocol = z.infer<typeof protocol>;
export type DownloadStatusFilter = z.infer<typeof downloadStatusFilter>;
export type DownloadStatus = z.infer<typeof downloadStatus>;
export type ReturnCode = z.infer<typeof returnCode>;
export type Httpd = z.infer<typeof httpd>;
export type IpAddressType = z.infer<typeof ipAddressType>;
export type IpAddressAttribute = z.infer<typeof ipAddressAttribute>;
export type CtiStatusFilter = z.infer<typeof ctiStatusFilter>;
export type CtiStatus = z.infer<typeof ctiStatus>;
export type SelectAppBy = z.infer<typeof selectAppBy>;
export type CtiManagerClass = z.infer<typeof ctiManagerClass>;

/**
 * Reads a wire value into one of `values`, ignoring case; anything unrecognised (or empty)
 * becomes `fallback` so a new CUCM release never breaks a sweep.
 */
export function readEnum<T extends string>(values: readonly T[], raw: string | null | undefined, fallback: T): T {
  if (!raw) return fallback;
  const wanted = raw.trim().toLowerCase();
  return values.find((value) => value.toLowerCase() === wanted) ?? fallback;
}

export const readDeviceClass = (raw: string | null | undefined): DeviceClass => readEnum(deviceClass.options, raw, "Unknown");
export const readRegistrationStatus = (raw: string | null | undefined): RegistrationStatus =>
  readEnum(registrationStatus.options, raw, "Unknown");
export const readLineStatus = (raw: string | null | undefined): LineStatus => readEnum(lineStatus.options, raw, "Unknown");
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
