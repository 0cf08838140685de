import { describe, expect, it } from "vitest";
import { ProtocolError, RateLimited, SoapFault } from "@/lib/soap/errors";
import { parseXml } from "@/lib/soap/parse";
import { fixture } from "../fixtures/read";
import { mergeDeviceRecords } from "../sweep/merge";
import { readSelectCmDeviceReply, readSelectCtiItemReply } from "./replies";
import type { ClusterDevice } from "../types";

const read = (name: string) => readSelectCmDeviceReply(parseXml(fixture(name)));

const seedDevice: ClusterDevice = {
  name: "SEPE8B7480316D6",
  description: "SEPE8B7480316D6",
  model: { code: 497, name: "Cisco 6961" },
  product: 384,
  boxProduct: false,
  deviceClass: "Phone",
  protocol: "SCCP",
  registrationStatus: "Registered",
  statusReason: { code: 0, text: "None" },
  node: "cucm3",
  lines: [{ dn: "6961", status: "Registered" }],
  addresses: [{ ip: "192.168.168.186", type: "ipv4", attribute: "AdministrativeAndSignaling" }],
  firmware: {
    active: "SCCP69xx.9-4-1-3SR1",
    inactive: null,
    downloadStatus: "Unknown",
    downloadFailureReason: null,
    downloadServer: null,
  },
  loginUserId: null,
  httpd: "Yes",
  registrationAttempts: 0,
  isCtiControllable: true,
  perfMonObject: 2,
  dChannel: 0,
  h323Trunk: null,
  timeStamp: 1411595208,
};

describe("selectCmDevice replies", () => {
  it("reads the seed's reply into the exact domain record, StateInfo kept as the string to send back", () => {
    expect(read("seed-select-cm-device.xml")).toEqual({
      totalFound: 1,
      nodes: [{ outcome: { node: "cucm3", returnCode: "Ok", noChange: false, records: 1 }, records: [seedDevice] }],
      stateInfo:
        '<StateInfo ClusterWide="1"><Node Name="cucm3" SubsystemStartTime="1411513436" StateId="84" TotalItemsFound="1" TotalItemsReturned="1"/></StateInfo>',
    });
  });

  it("reads the seed's selectCmDeviceExt reply the same way", () => {
    expect(read("seed-select-cm-device-ext.xml")).toEqual(read("seed-select-cm-device.xml"));
  });

  it("reads the seed's NoChange reply as no change, not as zero devices", () => {
    expect(read("seed-nochange.xml")).toEqual({
      totalFound: 0,
      nodes: [{ outcome: { node: "DS-UCM105", returnCode: "Ok", noChange: true, records: 0 }, records: [] }],
      stateInfo:
        '<StateInfo ClusterWide="1"><Node Name="DS-UCM105" SubsystemStartTime="1412580217" StateId="61" TotalItemsFound="1" TotalItemsReturned="1"/></StateInfo>',
    });
  });

  it("reads <CmNodes xsi:nil> as zero results", () => {
    expect(read("zero-result.xml")).toEqual({
      totalFound: 0,
      nodes: [],
      stateInfo:
        '<StateInfo ClusterWide="1"><Node Name="cucm1" SubsystemStartTime="1411513436" StateId="90" TotalItemsFound="0" TotalItemsReturned="0"/></StateInfo>',
    });
  });

  it("merges multi-node duplicates: the newest TimeStamp wins, a node that is down is recorded", () => {
    const reply = read("multi-node-duplicates.xml");
    expect(reply.nodes.map((node) => node.outcome)).toEqual([
      { node: "cucm1", returnCode: "Ok", noChange: false, records: 2 },
      { node: "cucm2", returnCode: "Ok", noChange: false, records: 1 },
      { node: "cucm3", returnCode: "NodeNotResponding", noChange: false, records: 0 },
    ]);
    const merged = mergeDeviceRecords(reply.nodes.flatMap((node) => node.records));
    expect(merged).toEqual([
      {
        name: "SEP001B54AABBCC",
        description: "Anna Adler 8841",
        model: { code: 683, name: "Cisco 8841" },
        product: 683,
        boxProduct: false,
        deviceClass: "Phone",
        protocol: "SIP",
        registrationStatus: "Registered",
        statusReason: { code: 0, text: "None" },
        node: "cucm2",
        lines: [{ dn: "2001", status: "Registered" }],
        addresses: [{ ip: "10.1.1.20", type: "ipv4", attribute: "AdministrativeAndSignaling" }],
        firmware: {
          active: "sip88xx.14-2-1-0001-14",
          inactive: "sip88xx.12-8-1-0001-455",
          downloadStatus: "Successful",
          downloadFailureReason: null,
          downloadServer: "10.1.0.5",
        },
        loginUserId: null,
        httpd: "Yes",
        registrationAttempts: 3,
        isCtiControllable: true,
        perfMonObject: 2,
        dChannel: 0,
        h323Trunk: null,
        timeStamp: 1736150060,
      },
      {
        name: "CSFANNA",
        description: "Anna Adler Jabber",
        model: { code: 503, name: "Cisco Unified Client Services Framework" },
        product: 503,
        boxProduct: false,
        deviceClass: "Phone",
        protocol: "SIP",
        registrationStatus: "Registered",
        statusReason: { code: 0, text: "None" },
        node: "cucm1",
        lines: [
          { dn: "2001", status: "Registered" },
          { dn: "+14085550002", status: "Registered" },
        ],
        addresses: [
          { ip: "10.1.1.21", type: "ipv4", attribute: "AdministrativeAndSignaling" },
          { ip: "2001:db8::21", type: "ipv6", attribute: "Signaling" },
        ],
        firmware: {
          active: null,
          inactive: null,
          downloadStatus: "Unknown",
          downloadFailureReason: null,
          downloadServer: null,
        },
        loginUserId: "aadler",
        httpd: "No",
        registrationAttempts: 0,
        isCtiControllable: true,
        perfMonObject: 2,
        dChannel: 0,
        h323Trunk: null,
        timeStamp: 1736150100,
      },
    ]);
  });

  it("maps every enumeration value, and reads odd case or unknown values leniently", () => {
    const reply = read("every-enumeration.xml");
    expect(reply.stateInfo).toBe("");
    expect(reply.nodes.map((node) => node.outcome.returnCode)).toEqual([
      "Ok",
      "NotFound",
      "InvalidRequest",
      "InternalError",
      "NodeNotResponding",
      "InvalidNodeName",
      "InternalError",
    ]);
    const devices = reply.nodes[0]?.records ?? [];
    const classes = [
      "Phone",
      "Gateway",
      "H323",
      "Cti",
      "VoiceMail",
      "MediaResources",
      "SIPTrunk",
      "HuntList",
      "Unknown",
    ] as const;
    const statuses = ["Registered", "UnRegistered", "Rejected", "PartiallyRegistered", "Unknown"] as const;
    const protocols = ["SCCP", "SIP", "Unknown"] as const;
    const downloads = ["Upgrading", "Successful", "Failed", "Unknown"] as const;
    const httpd = ["Yes", "No", "Unknown"] as const;
    const attributes = ["Unknown", "Administrative", "Signaling", "AdministrativeAndSignaling"] as const;
    const lineStatuses = ["Registered", "UnRegistered", "Rejected", "Unknown"] as const;
    const models = [
      { code: 7, name: "Cisco 7960" },
      { code: 62, name: "H.323 Gateway" },
      { code: 61, name: "H.323 Phone" },
      { code: 72, name: "CTI Port" },
      { code: 80, name: "Voice Mail Port" },
      { code: 50, name: "Conference Bridge" },
      { code: 131, name: "SIP Trunk" },
      { code: 90, name: "Route List" },
      { code: 255, name: "Unknown" },
    ];
    const reasons = [
      { code: 0, text: "None" },
      { code: 13, text: "Keep-alive timeout" },
      { code: 1, text: "Unknown reason" },
      { code: 0, text: "None" },
      { code: 99999, text: "99999" },
      { code: 19, text: "Power Save Plus" },
      { code: 2, text: "Connectivity error" },
      { code: 0, text: "None" },
      { code: 34, text: "Manual power off" },
    ];
    const expected: ClusterDevice[] = classes.map((deviceClass, i) => ({
      name: `ENUM-${i}`,
      description: `Enumeration ${i}`,
      model: models[i]!,
      product: i,
      boxProduct: i % 2 === 1,
      deviceClass,
      protocol: protocols[i % 3]!,
      registrationStatus: statuses[i % 5]!,
      statusReason: reasons[i]!,
      node: "cucm1",
      lines: [{ dn: String(3000 + i), status: lineStatuses[i % 4]! }],
      addresses: [
        i % 2 === 0
          ? { ip: `10.9.0.${i + 1}`, type: "ipv4" as const, attribute: attributes[i % 4]! }
          : { ip: `2001:db8::${i + 1}`, type: "ipv6" as const, attribute: attributes[i % 4]! },
      ],
      firmware: {
        active: `LOAD${i}`,
        inactive: null,
        downloadStatus: downloads[i % 4]!,
        downloadFailureReason: null,
        downloadServer: null,
      },
      loginUserId: null,
      httpd: httpd[i % 3]!,
      registrationAttempts: i,
      isCtiControllable: i % 2 === 1,
      perfMonObject: 2,
      dChannel: 0,
      h323Trunk: null,
      timeStamp: 1736150000 + i,
    }));
    expected.push({
      name: "ENUM-ODD",
      description: null,
      model: { code: 123456, name: "Model 123456" },
      product: null,
      boxProduct: false,
      deviceClass: "Phone",
      protocol: "Unknown",
      registrationStatus: "UnRegistered",
      statusReason: { code: 13, text: "Keep-alive timeout" },
      node: "cucm1",
      lines: [{ dn: "3999", status: "UnRegistered" }],
      addresses: [{ ip: "fe80::1", type: "ipv6", attribute: "Unknown" }],
      firmware: {
        active: null,
        inactive: null,
        downloadStatus: "Unknown",
        downloadFailureReason: null,
        downloadServer: null,
      },
      loginUserId: null,
      httpd: "Unknown",
      registrationAttempts: 0,
      isCtiControllable: false,
      perfMonObject: null,
      dChannel: null,
      h323Trunk: null,
      timeStamp: 1736150099,
    });
    expect(devices).toEqual(expected);
  });

  it("turns RateControl faults into RateLimited, by code or by text", () => {
    expect(() => read("rate-control-fault.xml")).toThrow(RateLimited);
    expect(() => read("rate-control-text-only-fault.xml")).toThrow(RateLimited);
  });

  it("turns other faults into SoapFault with code and string", () => {
    let caught: unknown;
    try {
      read("server-fault.xml");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SoapFault);
    expect(caught).toMatchObject({
      faultCode: "soapenv:Server.userException",
      faultString: expect.stringContaining("SelectBy"),
    });
  });

  it("refuses a document without a result", () => {
    expect(() => readSelectCmDeviceReply(parseXml("<a><b/></a>"))).toThrow(ProtocolError);
  });
});

describe("selectCtiItem replies", () => {
  it("reads the seed's reply exactly", () => {
    expect(readSelectCtiItemReply(parseXml(fixture("seed-select-cti-item.xml")))).toEqual({
      totalFound: 1,
      nodes: [
        {
          outcome: { node: "cucm3", returnCode: "Ok", noChange: false, records: 1 },
          records: [
            {
              appId: "cucmuser-192.168.168.169-4963",
              userId: "cucmuser",
              ipv4Address: "192.168.168.169",
              ipv6Address: null,
              status: "Closed",
              statusReason: 2,
              timeStamp: 1412194696,
              node: "cucm3",
              devices: [
                {
                  name: "SEPF01FAF38ABC2",
                  status: "Open",
                  statusReason: null,
                  timeStamp: null,
                  appControlsMedia: false,
                },
              ],
              lines: [
                { dn: "1002", deviceName: "SEPF01FAF38ABC2", status: "Closed", statusReason: 0, timeStamp: 1412194696 },
              ],
            },
          ],
        },
      ],
      stateInfo:
        '<StateInfo ClusterWide="1"><Node Name="cucm3" SubsystemStartTime="1411513254" StateId="621" TotalItemsFound="1" TotalItemsReturned="1"/></StateInfo>',
    });
  });

  it("maps every CTI status, with lines nested in devices", () => {
    const reply = readSelectCtiItemReply(parseXml(fixture("every-cti-status.xml")));
    expect(reply.stateInfo).toBe('<StateInfo ClusterWide="1"/>');
    const statuses = ["Open", "Closed", "OpenFailed", "Unknown"] as const;
    expect(reply.nodes[0]?.records).toEqual(
      statuses.map((status, i) => ({
        appId: `app${i}-10.2.0.${i}-50${i}`,
        userId: `app${i}`,
        ipv4Address: `10.2.0.${i}`,
        ipv6Address: i === 3 ? "2001:db8::3" : null,
        status,
        statusReason: i,
        timeStamp: 1736150000 + i,
        node: "cucm2",
        devices: [
          {
            name: `CTIP-UCCX-000${i}`,
            status,
            statusReason: i,
            timeStamp: 1736150010 + i,
            appControlsMedia: i % 2 === 1,
          },
        ],
        lines: [{ dn: `400${i}`, deviceName: `CTIP-UCCX-000${i}`, status, statusReason: i, timeStamp: 1736150020 + i }],
      })),
    );
  });
});
