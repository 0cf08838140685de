// One handler per XML API method; the server looks the request's method up here.
import type { MethodName } from "../request";
import type { MethodHandler } from "./context";
import { getDevice, getSipDevice } from "./devices";
import { getDeviceEvents, getEventCounts, getExtensionEvents } from "./events";
import { getExtension, getSipExtension } from "./extensions";
import { getUser, setKeyPhones, unsetKeyPhones, updateUser } from "./phones";
import {
  execCliMethod,
  getGlobal,
  getPresenceGlobal,
  getSessionServer,
  getVoiceRegisterGlobal,
  saveConfig,
} from "./system";

export type { MethodContext } from "./context";

export const METHOD_HANDLERS: Record<MethodName, MethodHandler> = {
  ISexecCLI: execCliMethod,
  ISSaveConfig: saveConfig,
  ISgetGlobal: getGlobal,
  ISgetDevice: getDevice,
  ISgetExtension: getExtension,
  ISsetKeyPhones: setKeyPhones,
  ISunsetKeyPhones: unsetKeyPhones,
  ISgetEvtCounts: getEventCounts,
  ISgetDevEvts: getDeviceEvents,
  ISgetExtEvts: getExtensionEvents,
  ISgetUser: getUser,
  ISupdateUser: updateUser,
  ISgetVoiceRegGlobal: getVoiceRegisterGlobal,
  ISgetSessionServer: getSessionServer,
  ISgetPresenceGlobal: getPresenceGlobal,
  ISgetSipDevice: getSipDevice,
  ISgetSipExtension: getSipExtension,
};
