// StatusReason codes in words: the user's RisPort70 document first, then codes public clients
// report. An unknown code is shown as its number so nothing is hidden from an operator.

export type StatusReason = { code: number; text: string };
export type StatusReasonDetail = StatusReason & { name: string; advice: string };

type Entry = { name: string; text: string; advice: string };

const reasons: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [0, { name: "None", text: "None", advice: "The device is registered." }],
  [
    1,
    {
      name: "Unknown",
      text: "Unknown reason",
      advice:
        "The device has unregistered for an unknown reason. If the device does not re-register within 5 minutes, verify that it is powered up and there is network connectivity between the device and Cisco Unified CM.",
    },
  ],
  [
    2,
    {
      name: "ConnectivityError",
      text: "Connectivity error",
      advice:
        "Network communication between the device and Cisco Unified CM has been interrupted. Possible causes include device power outage, network power outage, network configuration error, network delay, packet drops, or packet corruption. It is also possible to receive this error if the Cisco Unified CM node is experiencing high CPU usage. Verify that the device is powered up and operating, network connectivity exists between the device and Cisco Unified CM, and the CPU utilization is in the safe range. Monitor CPU utilization via the CPU Pegging Alert in RTMT.",
    },
  ],
  [
    8,
    {
      name: "DeviceInitiatedReset",
      text: "Device-initiated reset",
      advice:
        "The device has initiated a reset, possibly due to a power cycle or internal error. No action required; the device will re-register automatically.",
    },
  ],
  [
    9,
    {
      name: "CallManagerReset",
      text: "Reset from CUCM",
      advice:
        "A device reset was initiated from Cisco Unified CM Administration, either due to an explicit command from an administrator, or due to internal errors encountered. No action necessary; the device will re-register automatically.",
    },
  ],
  [
    10,
    {
      name: "DeviceUnregistered",
      text: "Device unregistered",
      advice:
        "The device has explicitly unregistered. Possible causes include a change in the IP address or port of the device. No action is necessary; the device will re-register automatically.",
    },
  ],
  [
    11,
    {
      name: "MalformedRegisterMsg",
      text: "Malformed REGISTER message",
      advice:
        "(SIP only) A SIP REGISTER message could not be processed because of an illegal format. Possible causes include a missing Call-ID header, a missing AoR in the To header, or an expires value that is too small. Check the REGISTER message for any of these issues and correct the issue, if found.",
    },
  ],
  [
    12,
    {
      name: "SCCPDeviceThrottling",
      text: "SCCP device throttled",
      advice:
        "(SCCP only) The indicated SCCP device exceeded the maximum number of events allowed per-SCCP device. Events can be phone calls, KeepAlive messages, or excessive SCCP or non-SCCP messages. The maximum number of allowed events is controlled by the Cisco Unified CM service parameter Max Events Allowed. When an individual device exceeds the number configured in that service parameter, Cisco Unified CM closes the TCP connection to the device; automatic re-registration generally follows. This action is an attempt to stop malicious attacks on Cisco Unified CM or to ward off excessive CPU usage.",
    },
  ],
  [
    13,
    {
      name: "KeepAliveTimeout",
      text: "Keep-alive timeout",
      advice:
        "A KeepAlive message was not received. Possible causes include device power outage, network power outage, network configuration error, network delay, packet drops, and packet corruption. It is also possible to receive this error if the Cisco Unified CM node is experiencing high CPU usage. Verify that the device is powered up and operating, there is network connectivity between the device and Cisco Unified CM, and the CPU utilization is in the safe range. Monitor CPU utilization via the CPU Pegging Alert in RTMT.",
    },
  ],
  [
    14,
    {
      name: "ConfigurationMismatch",
      text: "Configuration mismatch",
      advice:
        "(SIP only) The configuration on the device does not match the configuration in Cisco Unified CM. This can be caused by database replication errors or other internal Cisco Unified CM communication errors. Using the Cisco Unified Reporting web page, generate a Cisco Unified CM Database Status report and verify that all servers have a good replication status. Another method is using the Real-Time Reporting Tool (RTMT) and checking the Replication Status in the Database Summary page. If the status shows 2, then replication is working. If this device continues to unregister with this reason code, go to the Device Configuration page in Cisco Unified CM Administration for the device indicated in this alarm and click Save. This generates a change notify message to the Cisco Unified CM and TFTP services and rebuilds a new configuration file for the device. If the problem still persists, restart the TFTP service and the Cisco Unified CM service.",
    },
  ],
  [
    15,
    {
      name: "CallManagerRestart",
      text: "Restart from CUCM",
      advice:
        "A device restart was initiated from Cisco Unified CM Administration, either due to an explicit command from an administrator or due to a configuration change such as adding, deleting, or changing a directory number associated with the device. No action is necessary; the device will re-register automatically.",
    },
  ],
  [
    16,
    {
      name: "DuplicateRegistration",
      text: "Duplicate registration",
      advice:
        "Cisco Unified CM detected that the device attempted to register to two nodes at the same time. Cisco Unified CM initiated a restart to the phone to force it to re-home to a single node. No action is necessary; the device will re-register automatically.",
    },
  ],
  [
    17,
    {
      name: "CallManagerApplyConfig",
      text: "Apply Config from CUCM",
      advice:
        "An ApplyConfig action was performed in Cisco Unified CM Administration resulting in an unregistration. No action is necessary; the device will re-register automatically.",
    },
  ],
  [
    18,
    {
      name: "DeviceNoResponse",
      text: "No response from device",
      advice:
        "The device did not respond to a reset or restart notification. The device is being forcibly reset. If the device does not re-register within 5 minutes, confirm that it is powered up and confirm that there is network connectivity between the device and Cisco Unified CM.",
    },
  ],
  [
    19,
    {
      name: "PowerSavePlus",
      text: "Power Save Plus",
      advice:
        "The device powered off as a result of the Power Save Plus feature that is enabled for this device. When the device powers off, it remains unregistered from Cisco Unified CM for the duration specified in the Phone On Time parameter in the Product Specific Configuration for this device",
    },
  ],
  // Codes the seed does not list, seen in public clients (cisco-apis.md). The seed's 19 wins
  // over the clients' "EMLoginLogout" for the same number.
  [6, { name: "ConnectivityError", text: "Connectivity error", advice: "" }],
  [20, { name: "EMCCLoginLogout", text: "Extension Mobility Cross Cluster login or logout", advice: "" }],
  [25, { name: "RegistrationSequenceError", text: "Registration sequence error", advice: "" }],
  [26, { name: "InvalidCapabilities", text: "Invalid capabilities", advice: "" }],
  [28, { name: "FallbackInitiated", text: "Fallback initiated", advice: "" }],
  [29, { name: "DeviceSwitch", text: "Device switch", advice: "" }],
  [30, { name: "DeviceWipe", text: "Device wipe", advice: "" }],
  [31, { name: "DeviceForcedReset", text: "Device forced reset", advice: "" }],
  [33, { name: "LowBattery", text: "Low battery", advice: "" }],
  [34, { name: "ManualPowerOff", text: "Manual power off", advice: "" }],
]);

/** The reason as the domain carries it: code and words. */
export function describeStatusReason(code: number): StatusReason {
  return { code, text: reasons.get(code)?.text ?? String(code) };
}

/** Cisco's name and advice for a tooltip or a detail page; empty advice when Cisco gives none. */
export function statusReasonDetail(code: number): StatusReasonDetail {
  const entry = reasons.get(code);
  return { code, name: entry?.name ?? String(code), text: entry?.text ?? String(code), advice: entry?.advice ?? "" };
}

export function knownStatusReasons(): StatusReasonDetail[] {
  return [...reasons.keys()].sort((a, b) => a - b).map(statusReasonDetail);
}
