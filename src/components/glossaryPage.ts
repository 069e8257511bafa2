// The glossary page's Markdown, generated from GLOSSARY (src/components/glossary.ts) by the page
// loader src/glossary.md.ts, so the page, its anchors and the in-place explanations on other
// pages share one text. Static Markdown (not a JS cell) so Framework's search indexes it.
import type {GlossaryEntry} from "./glossary.js";

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** One entry: a heading whose id is the entry's anchor, the definition, and its source. */
export function glossaryEntryMarkdown(entry: GlossaryEntry): string {
  // Framework adds the heading's anchor link itself (as for Markdown headings).
  const heading = `<h2 id="${escapeHtml(entry.id)}">${escapeHtml(entry.term)}</h2>`;
  const source = entry.source ? `\n\n<p class="glossary-source">Source: ${escapeHtml(entry.source)}</p>` : "";
  return `${heading}\n\n${entry.definition}${source}\n`;
}

export function glossaryMarkdown(entries: readonly GlossaryEntry[]): string {
  return [
    "---\ntitle: Glossary\ntoc: true\n---\n",
    "# Glossary: the words of training at scale\n",
    "The terms the atlas uses, in the order a run meets them: what is counted, how the work is split across accelerators, what saves memory, and what a data centre adds. Where a definition is a paper's, the paper and section are named under it. On every other page, the first use of each of these terms is underlined with dots: hover over it or focus it for a one-line explanation, or follow it here.\n",
    ...entries.map(glossaryEntryMarkdown)
  ].join("\n");
}
