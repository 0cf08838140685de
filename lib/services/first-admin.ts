// On first start with no users, create an administrator so a newcomer can sign in: the
// password comes from LINEWATCH_ADMIN_PASSWORD or is generated and printed exactly once.
import { countUsers, createUser } from "@/lib/db/users";
import { generatePassword } from "@/lib/secrets/hashes";
import { env } from "@/lib/env";

export const DEFAULT_ADMIN_EMAIL = "admin@linewatch.local";

export async function ensureFirstAdmin(print: (line: string) => void = console.log): Promise<boolean> {
  if ((await countUsers()) > 0) return false;
  const email = env().adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const given = env().adminPassword;
  const password = given ?? generatePassword();
  try {
    await createUser({ email, name: "Administrator", role: "admin", password }, { actor: "system" });
  } catch (error) {
    // Another instance created the first admin at the same moment: nothing to print.
    if ((error as { code?: string }).code === "conflict") return false;
    throw error;
  }
  const bar = "=".repeat(64);
  print(bar);
  print("  Linewatch: first start, an administrator was created");
  print(`  email:    ${email}`);
  print(given ? "  password: (from LINEWATCH_ADMIN_PASSWORD)" : `  password: ${password}`);
  if (!given) print("  This password is shown only once: sign in and keep it somewhere safe.");
  print(bar);
  return true;
}
