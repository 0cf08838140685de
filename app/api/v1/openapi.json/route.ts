// The API description is public, like any published API reference: it holds no data.
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

export function GET() {
  return NextResponse.json(openApiDocument());
}
