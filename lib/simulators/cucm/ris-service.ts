// The RISService70 endpoint behind authentication: one SOAP request in, one reply out, with the
// cluster-wide budget applied and every request written to the log.
import type { RequestBudget, RequestLog, RequestOutcome } from "./budget";
import type { SimulatorClock } from "./clock";
import type { SimulatorSettings } from "./options";
import { rateControlFault, selectCmDeviceReply, selectCtiItemReply, soapFault } from "./replies";
import { readCriteria, readRequestMethod, RequestError, type RisPortMethod } from "./request";
import { selectCmDevices } from "./select-cm-device";
import { selectCtiItems } from "./select-cti-item";
import type { ClusterState } from "./state";
import { decodeStateInfo } from "./state-info";

export interface RisServiceContext {
  state: ClusterState;
  budget: RequestBudget;
  log: RequestLog;
  clock: SimulatorClock;
  settings: SimulatorSettings;
}

export interface SoapReply {
  status: number;
  body: string;
}

export function handleRisRequest(context: RisServiceContext, nodeName: string, body: string): SoapReply {
  const at = context.clock.nowMs();
  let method: RisPortMethod | "unknown" = "unknown";
  const finish = (outcome: RequestOutcome, reply: SoapReply): SoapReply => {
    context.log.record({ at, node: nodeName, method, outcome });
    return reply;
  };
  try {
    const operation = readRequestMethod(body);
    method = operation.method;
    if (!context.budget.tryConsume()) {
      return finish("rate-limited", { status: 500, body: rateControlFault(context.budget.perMinute, nodeName) });
    }
    const request = readCriteria(operation);
    const items =
      request.method === "selectCtiItem"
        ? request.criteria.appItems.length + request.criteria.devNames.length + request.criteria.dirNumbers.length
        : request.criteria.selectItems.length;
    const maxItems = context.settings.maxSelectItems;
    if (maxItems !== null && items > maxItems) {
      throw new RequestError(
        `AxisFault: Too many items in the request: ${items}; at most ${maxItems} are allowed`,
        "soapenv:Server.userException",
      );
    }
    const previous = decodeStateInfo(request.stateInfo);
    const shape = { zeroResult: context.settings.zeroResult };
    if (request.method === "selectCtiItem") {
      const selection = selectCtiItems(context.state, request.criteria, previous, context.settings);
      return finish("ok", { status: 200, body: selectCtiItemReply(selection, shape) });
    }
    const selection = selectCmDevices(context.state, request.method, request.criteria, previous, context.settings);
    return finish("ok", { status: 200, body: selectCmDeviceReply(selection, shape) });
  } catch (error) {
    if (error instanceof RequestError)
      return finish("fault", { status: 500, body: soapFault(error.faultCode, error.message, nodeName) });
    return finish("fault", {
      status: 500,
      body: soapFault("soapenv:Server", `java.lang.RuntimeException: ${(error as Error).message}`, nodeName),
    });
  }
}
