// RisPort70 enumerations as Cisco's WSDL spells them (docs/cisco-apis.md section 2), under the
// simulator's names. The lists are the client's too (lib/domain/risport-enums), so request
// parsing, the control endpoint and the client validate against one source.
import type { z } from "zod";
import {
  ctiManagerClass,
  ctiStatusFilter,
  deviceClassFilter,
  downloadStatusFilter,
  lineStatus,
  protocolFilter,
  registrationStatusFilter,
  selectAppBy,
  selectBy,
  type Httpd,
  type ReturnCode,
} from "@/lib/domain/risport-enums";

export const risportNamespace = "http://schemas.cisco.com/ast/soap";

export const deviceClassSchema = deviceClassFilter;
export type DeviceClass = z.infer<typeof deviceClassSchema>;

export const deviceStatusSchema = registrationStatusFilter;
export const registrationStatusSchema = deviceStatusSchema.exclude(["Any"]);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

// Lines cannot be partially registered.
export const lineStatusSchema = lineStatus;
export type LineStatus = z.infer<typeof lineStatusSchema>;

// SIPStatus is not in the WSDL but the docs and public clients send it.
export const selectBySchema = selectBy;
export type SelectBy = z.infer<typeof selectBySchema>;

export const protocolFilterSchema = protocolFilter;
export type DeviceProtocol = Exclude<z.infer<typeof protocolFilterSchema>, "Any">;

export const downloadStatusFilterSchema = downloadStatusFilter;
export type DownloadStatus = Exclude<z.infer<typeof downloadStatusFilterSchema>, "Any">;

export type { ReturnCode, Httpd };
// "Adminstrative" is Cisco's own spelling in the WSDL.
export type IpAttribute = "Unknown" | "Adminstrative" | "Signaling" | "AdministrativeAndSignaling";

export const ctiMgrClassSchema = ctiManagerClass;
export type CtiMgrClass = z.infer<typeof ctiMgrClassSchema>;
export const ctiStatusFilterSchema = ctiStatusFilter;
export const ctiStatusSchema = ctiStatusFilterSchema.exclude(["Any"]);
export type CtiStatus = z.infer<typeof ctiStatusSchema>;
export const selectAppBySchema = selectAppBy;
export type SelectAppBy = z.infer<typeof selectAppBySchema>;
