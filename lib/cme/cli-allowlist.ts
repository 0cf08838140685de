// What ISexecCLI may send: helpdesk-sized changes to phones and extensions (ephone, ephone-dn,
// voice register pool/dn, a few telephony-service commands). Everything else is refused before
// sending, because the XML user can often run any configuration command at its privilege level.
import { UnsafeInputError } from "@/lib/soap";

export const MAX_CLI_LINES = 100;
const MAX_LINE_LENGTH = 200;

type Mode = "config" | "ephone" | "ephone-dn" | "voice register pool" | "voice register dn" | "telephony-service";

const TAG = "[1-9][0-9]{0,4}";
/** Free text (description, name, label): printable ASCII without `?`, which asks IOS for help. */
const TEXT = "[\\x21-\\x3e\\x40-\\x7e][\\x20-\\x3e\\x40-\\x7e]{0,127}";
const DN = "\\+?[0-9*#]{1,32}";
const DN_PATTERN = "\\+?[0-9*#.]{1,32}";
const MAC = "(?:[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}|[0-9A-Fa-f]{12})";
const MODEL = "[A-Za-z0-9][A-Za-z0-9-]{0,15}";
const USER = "[A-Za-z0-9][A-Za-z0-9._@-]{0,18}";
const PASSWORD = "[\\x21-\\x3e\\x40-\\x7e]{1,19}";
/** `1:12`, `2s13`, `3m14`…: line, CME's button separator, ephone-dn tag. */
const BUTTON = "[0-9]{1,2}[:sbfmocwx][0-9]{1,5}";

interface Rule {
  pattern: RegExp;
  enters?: Mode;
}

function rule(source: string, enters?: Mode): Rule {
  return { pattern: new RegExp(`^${source}$`), enters };
}

/** Mode commands: valid anywhere (IOS leaves a sub-mode for a command the sub-mode lacks). */
const MODE_RULES: Rule[] = [
  rule(`ephone ${TAG}`, "ephone"),
  rule(`ephone-dn ${TAG}(?: (?:dual-line|octo-line))?`, "ephone-dn"),
  rule(`voice register pool ${TAG}`, "voice register pool"),
  rule(`voice register dn ${TAG}`, "voice register dn"),
  rule("telephony-service", "telephony-service"),
  rule("exit", "config"),
  rule("end", "config"),
];

const SUBMODE_RULES: Record<Mode, Rule[]> = {
  config: [],
  ephone: [
    rule(`(?:no )?description(?: ${TEXT})?`),
    rule(`mac-address ${MAC}`),
    rule(`no mac-address`),
    rule(`type ${MODEL}(?: addon 1 ${MODEL}(?: 2 ${MODEL})?)?`),
    rule(`no type`),
    rule(`button ${BUTTON}(?: ${BUTTON}){0,33}`),
    rule(`no button`),
    rule(`username "?${USER}"?(?: password ${PASSWORD})?`),
    rule(`no username(?: "?${USER}"?)?`),
    rule(`(?:no )?keyphone`),
    rule(`restart`),
    rule(`reset`),
  ],
  "ephone-dn": [
    rule(`number ${DN_PATTERN}(?: secondary ${DN_PATTERN})?(?: no-reg(?: both| primary)?)?`),
    rule(`no number`),
    rule(`(?:no )?(?:name|label|description)(?: ${TEXT})?`),
    rule(`call-forward (?:all|busy) ${DN}`),
    rule(`call-forward noan ${DN} timeout [0-9]{1,4}`),
    rule(`no call-forward (?:all|busy|noan)`),
  ],
  "voice register pool": [
    rule(`id mac ${MAC}`),
    rule(`type ${MODEL}`),
    rule(`number [0-9]{1,2} dn ${TAG}`),
    rule(`no number [0-9]{1,2}`),
    rule(`(?:no )?description(?: ${TEXT})?`),
    rule(`username ${USER} password ${PASSWORD}`),
    rule(`no username(?: ${USER})?`),
    rule(`call-forward b2bua all ${DN}`),
    rule(`no call-forward b2bua all`),
    rule(`restart`),
    rule(`reset`),
  ],
  "voice register dn": [
    rule(`number ${DN_PATTERN}`),
    rule(`(?:no )?(?:name|label)(?: ${TEXT})?`),
    rule(`call-forward b2bua all ${DN}`),
    rule(`no call-forward b2bua all`),
  ],
  "telephony-service": [rule("create cnf-files"), rule(`(?:restart|reset) mac-address ${MAC}`)],
};

function refuse(lineNumber: number, why: string): never {
  throw new UnsafeInputError(`CLI line ${lineNumber}`, `Line ${lineNumber} ${why}`);
}

/**
 * Checks a batch line by line against the allowlist and returns the lines as they will be sent
 * (trimmed). Throws UnsafeInputError naming the first refused line (1-based).
 */
export function checkCliBatch(lines: readonly string[]): string[] {
  if (lines.length === 0) throw new UnsafeInputError("CLI", "There are no configuration lines to send.");
  if (lines.length > MAX_CLI_LINES) {
    throw new UnsafeInputError("CLI", `At most ${MAX_CLI_LINES} configuration lines can be sent at once.`);
  }
  let mode: Mode = "config";
  return lines.map((raw, index) => {
    const lineNumber = index + 1;
    if (typeof raw !== "string") refuse(lineNumber, "is not text.");
    if (/[^\x20-\x7e]/.test(raw)) {
      refuse(lineNumber, "contains line breaks, control or non-ASCII characters, which are not allowed.");
    }
    const line = raw.trim();
    if (line === "") refuse(lineNumber, "is empty.");
    if (line.length > MAX_LINE_LENGTH) refuse(lineNumber, `is longer than ${MAX_LINE_LENGTH} characters.`);
    const modeRule = MODE_RULES.find(({ pattern }) => pattern.test(line));
    if (modeRule) {
      mode = modeRule.enters ?? mode;
      return line;
    }
    if (mode === "config") {
      refuse(
        lineNumber,
        "must first choose what to change (ephone N, ephone-dn N, voice register pool N, voice register dn N or telephony-service).",
      );
    }
    if (!SUBMODE_RULES[mode].some(({ pattern }) => pattern.test(line))) {
      refuse(lineNumber, `is not an allowed command under ${mode}.`);
    }
    return line;
  });
}
