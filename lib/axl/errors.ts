// AXL's own refusals as typed errors: a fault with its axlcode, "too large" with the numbers the
// cluster suggests, and a schema version the cluster does not speak (HTTP 599).
import { ProtocolError, SoapFault } from "@/lib/soap/errors";

/** A SOAP fault with AXL's detail (axlError > axlcode, axlmessage). */
export class AxlFault extends SoapFault {
  readonly axlCode: number | undefined;
  readonly axlMessage: string;
  constructor(faultCode: string, faultString: string, axlCode: number | undefined, axlMessage: string) {
    super(faultCode, faultString);
    this.axlCode = axlCode;
    this.axlMessage = axlMessage;
  }
}

/** "Query request too large. Total rows matched: N. Suggested row fetch: less than M." */
export class AxlTooLarge extends AxlFault {
  readonly totalRows: number | undefined;
  readonly suggestedRows: number | undefined;
  constructor(
    faultCode: string,
    faultString: string,
    axlCode: number | undefined,
    axlMessage: string,
    totalRows: number | undefined,
    suggestedRows: number | undefined,
  ) {
    super(faultCode, faultString, axlCode, axlMessage);
    this.totalRows = totalRows;
    this.suggestedRows = suggestedRows;
  }
}

/** HTTP 599 "Incorrect axl version. Supported axl versions are …": the versions it listed. */
export class AxlVersionUnsupported extends ProtocolError {
  readonly requested: string;
  readonly supported: string[];
  constructor(requested: string, supported: string[]) {
    super(
      "http-status",
      `AXL schema ${requested} refused; the cluster supports ${supported.join(", ") || "(none listed)"}`,
      "The cluster does not support the AXL schema version Linewatch asked for.",
    );
    this.requested = requested;
    this.supported = supported;
  }
}

/** "Item not valid: The specified Phone was not found" (axlcode 5007). */
export const AXL_ITEM_NOT_FOUND = 5007;
