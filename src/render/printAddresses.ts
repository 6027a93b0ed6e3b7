/**
 * On paper a link is only useful with its full address. nhsuk-frontend prints each link's
 * href after it, which for our links is a bare path ("/referral"); this rule, made for each
 * build from the configured public address (SITE_URL) and added to the end of our stylesheet
 * (assets.ts), prints the whole address instead: "(https://ot.example.nhs.uk/referral)".
 */
const cssString = (text: string) => `"${text.replace(/[\\"\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;

export function printAddressesCss(siteUrl: string): string {
  return `@media print {\n  a[href^='/']::after {\n    content: ' (' ${cssString(siteUrl)} attr(href) ')';\n  }\n}\n`;
}
