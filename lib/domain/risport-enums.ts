// RisPort70's enumerations as Cisco's WSDL spells them, as zod enums: one vocabulary for the
// client (lib/risport: request schemas, domain types, wire readers) and the cluster simulator
// (lib/simulators/cucm). Only the names live here; reading replies stays with each side.
import { z } from "zod";

export const deviceClassFilter = z.enum([
  "Any",
  "Phone",
  "Gateway",
  "H323",
  "Cti",
  "VoiceMail",
  "MediaResources",
  "SIPTrunk",
  "HuntList",
  "Unknown",
]);
export const deviceClass = deviceClassFilter.exclude(["Any"]);

export const registrationStatusFilter = z.enum([
  "Any",
  "Registered",
  "UnRegistered",
  "Rejected",
  "PartiallyRegistered",
  "Unknown",
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

export const returnCode = z.enum([
  "Ok",
  "NotFound",
  "InvalidRequest",
  "InternalError",
  "NodeNotResponding",
  "InvalidNodeName",
]);
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
