// New passwords for CME phone users, typed by people on a phone's keypad as often as on a PC. The
// router takes at most 19 characters; these are 16 lower-case letters and digits (no case to switch
// on a keypad) without look-alikes (0/o, 1/l/i), with letters and digits both present, and shown in
// groups of four: about 79 bits, and easy to read off a screen and key in.
import { randomInt } from "node:crypto";
import { MAX_PASSWORD_LENGTH } from "@/lib/cme";

export const ROUTER_PASSWORD_LENGTH = 16;
export const MIN_ROUTER_PASSWORD_LENGTH = 14;
/** How many characters the UI shows together (the password itself has no separators). */
export const ROUTER_PASSWORD_GROUP = 4;

const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

export function generateRouterPassword(length = ROUTER_PASSWORD_LENGTH): string {
  if (length < MIN_ROUTER_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new RangeError(`a router password has ${MIN_ROUTER_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
  for (;;) {
    let password = "";
    for (let i = 0; i < length; i++) password += alphabet[randomInt(alphabet.length)];
    if (/[a-z]/.test(password) && /[2-9]/.test(password)) return password;
  }
}
