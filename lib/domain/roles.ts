// The three roles and what each may do: the one permission table every API handler, server
// action and page consults (middleware and layouts only redirect; they never guard).
import { z } from "zod";

export const roles = ["viewer", "helpdesk", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const actions = [
  "viewInventory",
  "changeKeyPhones",
  "resetCmePassword",
  "restartPhones",
  "pollNow",
  "manageSources",
  "manageUsers",
  "manageTokens",
  "runRouterCli",
  "viewAudit",
  "acknowledgeAlerts",
  "manageAlerts",
] as const;
export type Action = (typeof actions)[number];

/** Who may do what. viewer = managers (read), helpdesk = viewer + phone work, admin = everything. */
export const permissionTable: Record<Action, readonly Role[]> = {
  viewInventory: ["viewer", "helpdesk", "admin"],
  changeKeyPhones: ["helpdesk", "admin"],
  resetCmePassword: ["helpdesk", "admin"],
  restartPhones: ["helpdesk", "admin"],
  pollNow: ["helpdesk", "admin"],
  manageSources: ["admin"],
  manageUsers: ["admin"],
  manageTokens: ["admin"],
  runRouterCli: ["admin"],
  viewAudit: ["admin"],
  // Reading alerts is viewInventory; acknowledging and silencing is helpdesk work; rules and channels are admin.
  acknowledgeAlerts: ["helpdesk", "admin"],
  manageAlerts: ["admin"],
};

export const roleLabels: Record<Role, string> = {
  viewer: "Viewer (read only)",
  helpdesk: "Helpdesk",
  admin: "Administrator",
};
