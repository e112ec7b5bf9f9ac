import { createCallerDocument, listCallerDocuments } from "@/lib/api/documents";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return listCallerDocuments(request);
}

export function POST(request: Request) {
  return createCallerDocument(request);
}
