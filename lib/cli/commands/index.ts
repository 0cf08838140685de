// Every CLI command. A feature adds its commands here (one import, one entry).
import type { CliCommand } from "../command";
import { migrate, prepare } from "./database";
import { userCreate, userDisable, userList } from "./users";
import { tokenCreate, tokenList } from "./tokens";
import { secretRotate, sourceAdd, sourceDisable, sourceEnable, sourceList, sourceRemove, sourceTest } from "./sources";
import { poll } from "./poll";
import { backup, restore } from "./backup";
import { worker } from "./worker";

export const commands: CliCommand[] = [
  migrate,
  prepare,
  userCreate,
  userDisable,
  userList,
  tokenCreate,
  tokenList,
  sourceAdd,
  sourceList,
  sourceTest,
  sourceDisable,
  sourceEnable,
  sourceRemove,
  secretRotate,
  poll,
  backup,
  restore,
  worker,
];
