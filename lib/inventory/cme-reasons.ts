// Why a CME/SRST phone is not registered, in the helpdesk's words, worked out from what the router
// says of it: its status and last status (Cisco's "deceased" is a phone whose keepalives stopped),
// its keepalive count, its router-clock change time and its address. The words stay the same from
// poll to poll (the record is written only when it changes); "how long ago" is added where it is
// shown, from when Linewatch saw the change.
import type { Phone } from "@/lib/cme";

export const cmeReasons = {
  keepalives: "Stopped sending keepalives",
  signedOff: "Signed off from the router (restarted, or registered elsewhere)",
  neverSinceRestart: "Never registered since the router restarted",
  noAddress: "No address registered with the router",
  noStatus: "The router reports no status for it",
  noCause: "Not registered; the router gives no cause",
} as const;

/** The reason for a phone that is not registered; empty for a registered one. */
export function cmeDownReason(phone: Phone): string {
  const status = phone.registrationStatus;
  if (status === "registered") return "";
  // The newer form's SIP pools carry no status at all: only the address tells.
  if (status === null && phone.protocol === "sip") return phone.ipv4 ? "" : cmeReasons.noAddress;
  if (status === "deceased" || phone.lastStatus === "deceased") return cmeReasons.keepalives;
  if (status === null || status === "unknown") return cmeReasons.noStatus;
  if (phone.lastStatus === "registered") return cmeReasons.signedOff;
  // A change time of 0 is the router's boot: nothing about this phone changed since it started.
  const untouchedSinceBoot = phone.changeTime === null || phone.changeTime === 0;
  if (!phone.ipv4 && !phone.keepalives && (untouchedSinceBoot || phone.lastStatus === "unregistered"))
    return cmeReasons.neverSinceRestart;
  return cmeReasons.noCause;
}
