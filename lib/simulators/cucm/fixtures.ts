// A small hand-written cluster for tests: every device kind the assertions name, on known nodes.
import type { DeviceSpec } from "./device-spec";

export const fixtureNow = Date.UTC(2025, 0, 15, 12, 0, 0);
const seconds = Math.floor(fixtureNow / 1000);

export const fixtureDevices: DeviceSpec[] = [
  { name: "SEP0A1111111111", node: "cucm1", model: 36217, protocol: "SIP", lines: ["1001"], ipv4: "10.0.0.1",
    description: "Anna Adler 8845", timeStamp: seconds - 100 },
  { name: "SEP0A2222222222", node: "cucm1", model: 7, protocol: "SCCP", lines: ["1002", "1003"], ipv4: "10.0.0.2",
    ipv6: "2001:db8::2", description: "Lobby 7960", status: "UnRegistered", statusReason: 10, timeStamp: seconds - 200 },
  { name: "SEPB0B0B0B0B0B0", node: "cucm2", model: 683, protocol: "SIP", lines: ["2001"], ipv4: "10.0.1.1",
    description: "Ben Berg 8841", downloadStatus: "Upgrading", inactiveLoadId: "sip88xx.14-3-1-0001-10", downloadServer: "10.0.0.21",
    loginUserId: "bberg", timeStamp: seconds - 50, staleRegistrations: [{ node: "cucm1", timeStamp: seconds - 5000, statusReason: 13 }] },
  { name: "CSFAADLER", node: "cucm2", model: 503, lines: ["1001"], ipv4: "172.16.0.1", description: "Anna Adler Jabber", timeStamp: seconds - 300 },
  { name: "BOTZOE", node: "cucm2", model: 575, lines: ["3001"], ipv4: null, ipv6: "2001:db8:100::1", description: "Zoe Zeller Android",
    status: "UnRegistered", timeStamp: seconds - 400 },
  { name: "CTIP-UCCX-0001", node: "cucm3", model: 72, lines: ["5001"], ipv4: "10.0.2.1", description: "UCCX port 1", timeStamp: seconds - 60 },
  { name: "CTIRP-IVR-0001", node: "cucm3", model: 73, lines: ["5000"], ipv4: "10.0.2.1", description: "IVR trigger", timeStamp: seconds - 60 },
  { name: "AALN/S0/SU0/0@br-gw01", node: "cucm3", model: 30, lines: ["4001"], ipv4: "10.0.3.1", description: "Fax line", timeStamp: seconds - 70 },
];

export const fixtureCtiApplications = [
  { userId: "jtapi_uccx", ipv4: "10.200.0.1", port: 4963, node: "cucm3", status: "Open" as const, deviceNames: ["CTIP-UCCX-0001", "CTIRP-IVR-0001"] },
  { userId: "cuac_console", ipv4: "10.200.0.2", ipv6: "2001:db8:cafe::2", port: 5100, node: "cucm1", status: "Closed" as const, deviceNames: ["SEP0A1111111111"] },
  { userId: "recorder_app", ipv4: "10.200.0.3", port: 6200, node: "cucm2", status: "OpenFailed" as const, deviceNames: ["SEPB0B0B0B0B0B0"] },
  { userId: "tapi_crm", ipv4: "10.200.0.4", port: 7300, node: "cucm1", status: "Open" as const, deviceNames: ["SEP0A2222222222"] },
];
