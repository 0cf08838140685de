import { z } from "zod";
import { defineContract } from "../contract";
import { roleSchema } from "@/lib/domain/roles";
import { actions } from "@/lib/domain/roles";
import { okResponse } from "./shared";

export const meResponse = z.object({
  kind: z.enum(["user", "token"]),
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  permissions: z.array(z.enum(actions)),
});

export const getMe = defineContract({
  method: "GET",
  path: "/me",
  summary: "Who am I: the caller's identity, role and permissions",
  tag: "Me",
  permission: "signedIn",
  response: meResponse,
});

export const passwordRule = z.string().min(12, "use at least 12 characters").max(200);

export const changeMyPassword = defineContract({
  method: "POST",
  path: "/me/password",
  summary: "Change your own password (signs out your other sessions)",
  tag: "Me",
  permission: "signedIn",
  body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordRule }).strict(),
  response: okResponse,
});
