// New passwords for CME phone users. The router takes at most 19 characters; these are 18
// letters and digits without look-alikes (0/O, 1/l/I), with every class present: strong, and
// easy to read off the screen and type.
import { generatePassword } from "@/lib/secrets/hashes";
import { MAX_PASSWORD_LENGTH } from "@/lib/cme";

export const ROUTER_PASSWORD_LENGTH = 18;
export const MIN_ROUTER_PASSWORD_LENGTH = 14;

const classes = [/[a-z]/, /[A-Z]/, /[2-9]/];

export function generateRouterPassword(length = ROUTER_PASSWORD_LENGTH): string {
  if (length < MIN_ROUTER_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new RangeError(`a router password has ${MIN_ROUTER_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
  for (;;) {
    const password = generatePassword(length);
    if (classes.every((pattern) => pattern.test(password))) return password;
  }
}
