/** The words of an HTML page as a reader sees them: tags removed, entities decoded, spaces folded. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[^]*?<\/\1>/g, ' ')
    .replace(/<\/?(a|strong|em|b|i|code|abbr)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
