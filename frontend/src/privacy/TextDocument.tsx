/** A municipality's text as it wrote it: `#` lines become headings, `- ` lines list items. */
export function TextDocument({ text, headingLevel = 2 }: { text: string; headingLevel?: 2 | 3 }) {
  const blocks: { kind: "h" | "p" | "ul"; depth: number; lines: string[] }[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const hashes = /^#+/.exec(line)?.[0].length ?? 0;
    if (hashes) {
      blocks.push({ kind: "h", depth: hashes, lines: [line.slice(hashes).trim()] });
    } else if (line.startsWith("- ")) {
      const last = blocks.at(-1);
      if (last?.kind === "ul") last.lines.push(line.slice(2));
      else blocks.push({ kind: "ul", depth: 0, lines: [line.slice(2)] });
    } else {
      blocks.push({ kind: "p", depth: 0, lines: [line] });
    }
  }
  return (
    <>
      {blocks.map((block, index) => {
        if (block.kind === "ul")
          return (
            <ul key={index}>
              {block.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          );
        if (block.kind === "p") return <p key={index}>{block.lines[0]}</p>;
        // The page has its own h1: a text's top headings start one level below it.
        const level = Math.min(6, headingLevel + Math.max(0, block.depth - 2));
        const Heading = `h${level}` as "h2";
        return block.depth === 1 ? null : <Heading key={index}>{block.lines[0]}</Heading>;
      })}
    </>
  );
}
