// Page loader: writes the glossary page's Markdown (src/components/glossaryPage.ts) to stdout.
import {GLOSSARY} from "./components/glossary.js";
import {glossaryMarkdown} from "./components/glossaryPage.js";

process.stdout.write(glossaryMarkdown(GLOSSARY));
