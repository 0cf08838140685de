// Every CLI command. A feature adds its commands here (one import, one entry).
import type { CliCommand } from "../command";
import { migrate, prepare } from "./database";
import { userCreate, userDisable } from "./users";
import { tokenCreate } from "./tokens";

export const commands: CliCommand[] = [migrate, prepare, userCreate, userDisable, tokenCreate];
