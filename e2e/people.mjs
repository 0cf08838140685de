// The accounts the e2e run seeds through the app's own CLI and data layer.
export const people = {
  admin: { email: "admin@e2e.test", password: "admin-e2e-password-1", role: "admin" },
  helpdesk: { email: "helpdesk@e2e.test", password: "helpdesk-e2e-password-1", role: "helpdesk" },
  viewer: { email: "viewer@e2e.test", password: "viewer-e2e-password-1", role: "viewer" },
};
