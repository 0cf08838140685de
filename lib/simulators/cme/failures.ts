// The ways a real router (or what sits in front of it) lets a client down, one writer per failure
// mode. Each writes the whole HTTP answer, or deliberately none (hang).
import type { ServerResponse } from "node:http";

export const XML_HEADERS = { "Content-Type": "text/xml", Server: "cisco-IOS" } as const;
const HTML_HEADERS = { "Content-Type": "text/html", Server: "cisco-IOS" } as const;

export function htmlPage(title: string, text: string): string {
  return `<HTML><HEAD><TITLE>${title}</TITLE></HEAD><BODY><H1>${title}</H1><P>${text}</P></BODY></HTML>\n`;
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  title: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...HTML_HEADERS, ...headers });
  res.end(htmlPage(title, text));
}

export function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { ...XML_HEADERS, "Content-Length": Buffer.byteLength(xml) });
  res.end(xml);
}

/** "truncated" and "buffer-overflow": 200, chunked, and the body stops half-way through the XML. */
export function sendCut(res: ServerResponse, xml: string): void {
  res.writeHead(200, XML_HEADERS);
  res.end(xml.slice(0, Math.floor(xml.length / 2)));
}

/** "slow-drip": the full reply, one byte per interval, until done or the client gives up. */
export function sendSlowDrip(res: ServerResponse, xml: string, intervalMs: number): void {
  const bytes = Buffer.from(xml);
  res.writeHead(200, { ...XML_HEADERS, "Content-Length": bytes.length });
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= bytes.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(bytes.subarray(sent, sent + 1));
    sent++;
  }, intervalMs);
  res.on("close", () => clearInterval(timer));
}

/** "html": something answered 200 with a web page instead of XML (a portal, the IOS home page). */
export function sendHtmlInsteadOfXml(res: ServerResponse, hostname: string): void {
  sendHtml(
    res,
    200,
    `${hostname} Home Page`,
    "Cisco Systems. Accessing Cisco router: Telnet, Show interfaces, Show diagnostic log",
  );
}

/** "500": the IOS HTTP server's own error page. */
export function sendServerError(res: ServerResponse): void {
  sendHtml(res, 500, "500 Internal Server Error", "The server encountered an internal error.");
}

/** "doctype-bomb": a billion-laughs DOCTYPE in front of an otherwise plausible reply. */
export function sendDoctypeBomb(res: ServerResponse): void {
  const entities = ['<!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level++) {
    const previous = level === 1 ? "lol" : `lol${level - 1}`;
    entities.push(`<!ENTITY lol${level} "${`&${previous};`.repeat(10)}">`);
  }
  const xml = [
    '<?xml version="1.0"?>',
    `<!DOCTYPE lolz [\n${entities.join("\n")}\n]>`,
    "<SOAP-ENV:Envelope>",
    "<SOAP-ENV:Body>",
    "<axl>",
    '<response xsi:type="ISgetGlobalResponse">',
    "<ISName>&lol9;</ISName>",
    "</response>",
    "</axl>",
    "</SOAP-ENV:Body>",
    "</SOAP-ENV:Envelope>",
    "",
  ].join("\n");
  sendXml(res, 200, xml);
}
