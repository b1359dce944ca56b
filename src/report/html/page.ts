import type { RenderContext } from '../render/types.js';
import { esc } from './escape.js';
import { printStyle, SORT_SCRIPT, STYLE } from './style.js';

/**
 * A whole HTML document around `body`: self-contained (a Content-Security-Policy forbids fetching
 * anything), with the report's style and the table-sorting script. The time of the run appears
 * only in a meta tag. `running` is printed at the top of every page (default: the title);
 * `extraStyle` adds a page's own rules.
 */
export function page(title: string, ctx: Pick<RenderContext, 'lang' | 'generatedAt'>, body: string, running: string = title, pageWord = 'page', extraStyle = ''): string {
  return `<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="jp-audit">
<meta name="generated" content="${esc(ctx.generatedAt.toISOString())}">
<title>${esc(title)}</title>
<style>${STYLE}${printStyle(running, pageWord)}${extraStyle}</style>
</head>
<body>
<main>
${body}
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
