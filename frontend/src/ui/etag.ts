/** The If-Match header for a write against the version last read (the ETag is the quoted version). */
export function ifMatch(version: number): { "If-Match": string } {
  return { "If-Match": `"${version}"` };
}
