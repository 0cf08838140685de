// Where each kind of source is asked: a router's base URL as stored, a cluster node's base URL
// plus the RisPort70 service path (an admin may paste the full service URL too).
export const RISPORT_SERVICE_PATH = "/realtimeservice2/services/RISService70";

export function risportNodeUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, "");
  return trimmed.toLowerCase().endsWith(RISPORT_SERVICE_PATH.toLowerCase())
    ? trimmed
    : `${trimmed}${RISPORT_SERVICE_PATH}`;
}

/** "host:port" for labels: enough to tell nodes apart, never a path or credentials. */
export function hostLabel(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The publisher's AXL service: /axl/ at the first node's origin, whatever path the RisPort URL has. */
export function axlUrlOf(base: string): string {
  return new URL("/axl/", base).toString();
}
