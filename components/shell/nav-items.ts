// The app's sections, in the order people use them. `needs` hides a section from roles that
// cannot use it (the pages and the API check again).
import type { Action } from "@/lib/domain/roles";

export interface NavItem {
  href: string;
  label: string;
  needs: Action;
}

export const navItems: NavItem[] = [
  { href: "/overview", label: "Overview", needs: "viewInventory" },
  { href: "/alerts", label: "Alerts", needs: "viewInventory" },
  { href: "/availability", label: "Availability", needs: "viewInventory" },
  { href: "/phones", label: "Phones", needs: "viewInventory" },
  { href: "/infrastructure", label: "Infrastructure", needs: "viewInventory" },
  { href: "/extensions", label: "Extensions", needs: "viewInventory" },
  { href: "/key-phones", label: "Key phones", needs: "changeKeyPhones" },
  { href: "/cme-users", label: "CME users", needs: "resetCmePassword" },
  { href: "/cti-apps", label: "CTI apps", needs: "viewInventory" },
  { href: "/sites", label: "Sites", needs: "viewInventory" },
  { href: "/sources", label: "Sources", needs: "viewInventory" },
  { href: "/users", label: "Users", needs: "manageUsers" },
  { href: "/audit", label: "Audit", needs: "viewAudit" },
];
