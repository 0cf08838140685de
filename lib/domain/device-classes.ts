// What kind of device a record is, in the words managers count by. RisPort's DeviceClass tells
// phones from trunks, gateways, CTI ports, media resources, voicemail ports and hunt lists; CME
// ephones and SIP pools are phones. Soft clients (Jabber CSF, BOT, TCT, TAB, IP Communicator) are
// phones that sign off every evening, so they are counted apart from desk phones.

export const PHONE_CLASS = "Phone";

/** Which devices a list or count takes: phones (desk phones and soft clients) unless asked otherwise. */
export const deviceKinds = ["phones", "desk-phones", "soft-clients", "infrastructure", "all"] as const;
export type DeviceKind = (typeof deviceKinds)[number];

export const deviceKindLabels: Record<DeviceKind, string> = {
  phones: "Phones",
  "desk-phones": "Desk phones",
  "soft-clients": "Soft clients",
  infrastructure: "Infrastructure",
  all: "Every device",
};

/** RisPort's classes other than Phone, in words (what the Infrastructure view lists). */
export const infrastructureClasses: Record<string, string> = {
  SIPTrunk: "SIP trunk",
  Gateway: "Gateway",
  H323: "H.323 gateway",
  MediaResources: "Media resource",
  VoiceMail: "Voicemail port",
  HuntList: "Hunt list",
  Cti: "CTI port or route point",
  Unknown: "Unknown class",
};

export function deviceClassLabel(deviceClass: string): string {
  if (deviceClass === PHONE_CLASS) return "Phone";
  return infrastructureClasses[deviceClass] ?? deviceClass;
}

// Model names as CUCM's typemodel table spells them (lib/risport/client/models.json) and as CME
// routers report Jabber's SIP pools: Client Services Framework (CSF), Dual Mode for Android (BOT)
// and iPhone (TCT), Jabber for Tablet (TAB), IP Communicator, Personal Communicator, Webex.
const softClientModel =
  /jabber|client services framework|dual mode for|ip communicator|personal communicator|webex|\bcsf\b/i;

export function isSoftClientModel(model: string): boolean {
  return softClientModel.test(model);
}

export type DeviceGroupKind = "desk-phone" | "soft-client" | "infrastructure";

export function deviceGroupOf(deviceClass: string, model: string): DeviceGroupKind {
  if (deviceClass !== PHONE_CLASS) return "infrastructure";
  return isSoftClientModel(model) ? "soft-client" : "desk-phone";
}
