// Every /api/v1 contract. The OpenAPI document and the route-coverage tests read this list,
// and a test checks it matches the route files under app/api/v1 one for one.
import type { RouteContract } from "../contract";
import * as me from "./me";
import * as users from "./users";
import * as tokens from "./tokens";
import * as audit from "./audit";
import * as sources from "./sources";
import * as cmeActions from "./cme-actions";
import * as inventory from "./inventory";
import * as polls from "./polls";
import * as phoneRefresh from "./phone-refresh";
import * as sites from "./sites";
import * as alerts from "./alerts";
import * as poller from "./poller";
import * as availability from "./availability";
import * as settings from "./settings";
import * as configured from "./configured";

const isContract = (v: unknown): v is RouteContract =>
  !!v && typeof v === "object" && "method" in v && "path" in v && "permission" in v;

export const allContracts: RouteContract[] = [
  me,
  users,
  tokens,
  audit,
  sources,
  cmeActions,
  inventory,
  polls,
  phoneRefresh,
  sites,
  alerts,
  poller,
  availability,
  settings,
  configured,
].flatMap((mod) => Object.values(mod).filter(isContract));
