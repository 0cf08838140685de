// Router-wide methods: ISexecCLI, ISSaveConfig and the getters for the CME system, the SIP system
// (voice register global), session servers and presence.
import { execCli } from "../exec-cli";
import { VOICEMAIL_PILOT } from "../fleet";
import { branch, leaf, simpleReply } from "../replies";
import { OrderedSet, tagValue, type MethodContext, type MethodHandler } from "./context";

/** The session servers this router knows (`voice register session-server 1`). */
const SESSION_SERVERS = [{ id: 1, registerId: "CRS", keepAlives: 60 }];

export const execCliMethod: MethodHandler = (params, { state }) => {
  const result = execCli(
    state,
    params.map((param) => param.value),
  );
  return simpleReply([leaf("ISexecCLIResponse", result.failedLine), leaf("ISexecCLIError", result.error)]);
};

export const saveConfig: MethodHandler = (_params, { state }) =>
  simpleReply([leaf("ISSaveConfigResult", state.saveConfig())]);

function version(context: MethodContext): string {
  return context.router.version ?? (context.dialect === "2008" ? "4.1" : "8.6");
}

export const getGlobal: MethodHandler = (_params, context) => {
  const { state, router } = context;
  const { telephony } = state.config;
  const peak = state.peak();
  const fields = [
    leaf("ISAddress", router.address),
    leaf("ISMode", router.mode),
    leaf("ISVersion", version(context)),
    leaf("ISDeviceRegistered", state.registeredCount()),
    leaf("ISPeakDeviceRegistered", peak.count),
    leaf("ISPeakDeviceRegisteredTime", peak.uptimeSeconds),
    leaf("ISKeepAliveInterval", telephony.keepaliveSeconds),
    leaf("ISConfiguredDevice", state.config.ephones.size),
    leaf("ISConfiguredExtension", state.config.ephoneDns.size),
    leaf("ISServiceEngine", "0.0.0.0"),
    leaf("ISName", router.hostname),
    leaf("ISPortNumber", 2000),
    leaf("ISMaxConference", 8),
    leaf("ISMaxRedirect", 5),
    leaf("ISMaxEphone", telephony.maxEphones),
    leaf("ISMaxDN", telephony.maxDn),
    leaf("ISVoiceMail", VOICEMAIL_PILOT),
    // The seed's own spelling of the URL type.
    branch("ISUrlServices", [
      leaf("ISUrlType", "EPHONE_URL_DIRECTOREIES"),
      leaf("ISUrlLink", `http://${router.address}/localdirectory`),
    ]),
  ];
  if (context.dialect === "2008") return simpleReply(fields);
  // The 2010 form also echoes the `xml user` block; element names are our guess, and no password.
  const xmlUser = branch("ISXmlUser", [leaf("ISXmlUserName", context.xmlUser), leaf("ISXmlUserPrivilege", 15)]);
  return simpleReply([branch("ISGlobal", [...fields, xmlUser])]);
};

export const getVoiceRegisterGlobal: MethodHandler = (_params, context) => {
  const { router } = context;
  return simpleReply([
    leaf("ISAddress", router.address),
    leaf("ISMode", router.mode === "SRST" ? "srst" : "cme"),
    leaf("ISVersion", version(context)),
    leaf("ISServiceEngine", router.address),
    leaf("ISAuthMode", "all"),
    leaf("ISPortNumber", 5060),
    leaf("ISMaxPool", Math.max(10, context.state.config.pools.size)),
    leaf("ISMaxDN", Math.max(10, context.state.config.voiceRegisterDns.size)),
    leaf("ISMaxRedirect", 5),
  ]);
};

export const getSessionServer: MethodHandler = (params) => {
  const servers = new OrderedSet<string>();
  for (const param of params) {
    const value = param.value.trim();
    if (param.name === "ISSessionServerID") {
      const server = SESSION_SERVERS.find((candidate) => candidate.id === tagValue(param));
      if (server) servers.add(`s${server.id}`, renderSessionServer(server));
    } else if (value === "all") {
      for (const server of SESSION_SERVERS) servers.add(`s${server.id}`, renderSessionServer(server));
    } else if (value === "available") {
      const id = SESSION_SERVERS.length + 1;
      servers.add(`a${id}`, branch("ISSessionServer", [leaf("ISSessionServerID", id)]));
    }
  }
  return simpleReply(servers.values(), "ISSessionServers");
};

function renderSessionServer(server: (typeof SESSION_SERVERS)[number]): string {
  return branch("ISSessionServer", [
    leaf("ISSessionServerID", server.id),
    leaf("ISSessionRegisterID", server.registerId),
    leaf("ISSessionKeepAlives", server.keepAlives),
  ]);
}

export const getPresenceGlobal: MethodHandler = (_params, context) => {
  const fields = [
    leaf("ISPresenceEnable", false),
    leaf("ISMode", context.router.mode === "SRST" ? "srst" : "cme"),
    leaf("ISAllowSub", false),
    leaf("ISAllowWatch", false),
    leaf("ISMaxSubAllow", 100),
    leaf("ISSipUaPresenceStatus", false),
  ];
  return simpleReply(fields, "ISPresenceGlobal");
};
