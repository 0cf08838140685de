type Person = { email: string; password: string; role: "admin" | "helpdesk" | "viewer" };
export declare const people: { admin: Person; helpdesk: Person; viewer: Person };
