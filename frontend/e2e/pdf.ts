import { constants, inflateSync } from "node:zlib";

/** The text fpdf2 writes into a PDF's (compressed) page streams. */
export function pdfText(bytes: Buffer): string {
  const source = bytes.toString("latin1");
  const parts: string[] = [];
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      const data = Buffer.from(match[1]!, "latin1");
      parts.push(inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString("latin1"));
    } catch {
      parts.push(match[1]!);
    }
  }
  return parts.join("\n");
}
