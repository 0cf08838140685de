// RisPort70 enumerations as Cisco's WSDL spells them (docs/cisco-apis.md section 2).
// Zod schemas so request parsing and the control endpoint validate against one source.
import { z } from "zod";

export const risportNamespace = "http://schemas.cisco.com/ast/soap";

export const deviceClassSchema = z.enum([
  "Any", "Phone", "Gateway", "H323", "Cti", "VoiceMail", "MediaResources", "SIPTrunk", "HuntList", "Unknown",
]);
export type DeviceClass = z.infer<typeof deviceClassSchema>;

export const deviceStatusSchema = z.enum(["Any", "Registered", "UnRegistered", "Rejected", "PartiallyRegistered", "Unknown"]);
export const registrationStatusSchema = deviceStatusSchema.exclude(["Any"]);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

// Lines cannot be partially registered.
export const lineStatusSchema = z.enum(["Registered", "UnRegistered", "Rejected", "Unknown"]);
export type LineStatus = z.infer<typeof lineStatusSchema>;

// SIPStatus is not in the WSDL but the docs and public clients send it.
export const selectBySchema = z.enum(["Name", "IPV4Address", "IPV6Address", "DirNumber", "Description", "SIPStatus"]);
export type SelectBy = z.infer<typeof selectBySchema>;

export const protocolFilterSchema = z.enum(["Any", "SCCP", "SIP", "Unknown"]);
export type DeviceProtocol = Exclude<z.infer<typeof protocolFilterSchema>, "Any">;

export const downloadStatusFilterSchema = z.enum(["Any", "Upgrading", "Successful", "Failed", "Unknown"]);
export type DownloadStatus = Exclude<z.infer<typeof downloadStatusFilterSchema>, "Any">;

export type ReturnCode = "Ok" | "NotFound" | "InvalidRequest" | "InternalError" | "NodeNotResponding" | "InvalidNodeName";
export type Httpd = "Yes" | "No" | "Unknown";
// "Adminstrative" is Cisco's own spelling in the WSDL.
export type IpAttribute = "Unknown" | "Adminstrative" | "Signaling" | "AdministrativeAndSignaling";

export const ctiMgrClassSchema = z.enum(["Provider", "Device", "Line"]);
export type CtiMgrClass = z.infer<typeof ctiMgrClassSchema>;
export const ctiStatusFilterSchema = z.enum(["Any", "Open", "Closed", "OpenFailed", "Unknown"]);
export const ctiStatusSchema = ctiStatusFilterSchema.exclude(["Any"]);
export type CtiStatus = z.infer<typeof ctiStatusSchema>;
export const selectAppBySchema = z.enum(["AppId", "AppIPV4Address", "AppIPV6Address", "UserId"]);
export type SelectAppBy = z.infer<typeof selectAppBySchema>;
