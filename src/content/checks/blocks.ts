/**
 * The `:::` blocks (inset, warning, details, gap). A block that is not closed takes the rest of
 * the page into its box, headings and all, so each of these is an error, named at the
 * line where the block opens: a block never closed, one opened inside another (blocks
 * cannot nest, so the first was not closed in time), a `:::` that closes nothing, an
 * empty block, an unknown name, and a heading used as a details block's summary.
 *
 * markdown-it decides what the page shows, so this reads its blocks (with their lines)
 * and checks each one's closing line in the source.
 */
import { BLOCK_NAMES, type Block } from '../markdown.js';
import type { Page } from '../page.js';
import { error, type Problem } from '../problem.js';
import type { Check } from './context.js';
import { nearest } from './nearest.js';

const KNOWN = 'Use "::: inset", "::: warning Heading", "::: details Question" or "::: gap id", and close it with ":::" on its own line.';
const CLOSING_LINE = /^[\s>]*(:{3,})\s*$/;

export const checkBlocks: Check = ({ pages, sources }) =>
  pages.flatMap((page) => blockProblems(page, (sources.get(page.file) ?? '').split('\n')));

function blockProblems(page: Page, lines: readonly string[]): Problem[] {
  const { blocks } = page.body;
  const at = (block: Block, message: string, fix: string) => error({ file: page.file, line: block.line, message, fix });
  const closingColons = (line: number) => CLOSING_LINE.exec(lines[line - 1] ?? '')?.[1]?.length ?? 0;
  const innerOf = (block: Block) => blocks.find((inner) => inner.insideLine === block.line);

  // Closed if markdown-it ended it on a ":::" line that no other block opens or ends on.
  const closed = (block: Block) =>
    closingColons(block.endLine) >= block.markup.length &&
    !blocks.some((other) => other !== block && (other.line === block.endLine || other.endLine === block.endLine));

  // A ":::" less indented than its block's opening line (a block opened in a list item, closed
  // outside it) is reported with that block, not again as a ":::" that closes nothing.
  const misaligned = new Set(
    blocks
      .filter((b) => b.name !== '' && b.insideLine === undefined && !innerOf(b) && !closed(b) && closingColons(b.endLine) > 0)
      .map((b) => b.endLine),
  );

  const closing = (block: Block): Problem[] => {
    const shown = `"::: ${block.name}"`;
    // A block inside another is reported once, at the outer block: that one was not closed in time.
    if (block.insideLine !== undefined) return [];
    const inner = innerOf(block);
    if (inner) {
      return [
        at(
          block,
          `The ${shown} block is not closed before the "::: ${inner.name}" block on line ${inner.line} starts.`,
          `Put a line with just ":::" where the ${block.name} block ends, before line ${inner.line}. A block cannot go inside another block.`,
        ),
      ];
    }
    if (closed(block)) {
      return block.empty
        ? [at(block, `The ${shown} block is empty.`, 'Write its text between the opening line and the closing ":::", or delete both lines.')]
        : [];
    }
    if (misaligned.has(block.endLine)) {
      return [
        at(
          block,
          `The ${shown} block is not closed: the ":::" on line ${block.endLine} is not lined up with its opening line.`,
          'Start the closing ":::" with the same spaces as the opening line (inside a list, indent both).',
        ),
      ];
    }
    return [
      at(
        block,
        `The ${shown} block is never closed, so the rest of the page goes inside it.`,
        `Put a line with just ":::" after the last line of the ${block.name} block.`,
      ),
    ];
  };

  const naming = (block: Block): Problem[] => {
    const problems: Problem[] = [];
    if (!(BLOCK_NAMES as readonly string[]).includes(block.name)) {
      const guess = nearest(block.name, BLOCK_NAMES);
      problems.push(at(block, `"::: ${block.name}" is not a block this site knows.${guess ? ` Did you mean "::: ${guess}"?` : ''}`, KNOWN));
    }
    if (block.name === 'details' && block.label.startsWith('#')) {
      problems.push(
        at(
          block,
          `The summary of the "::: details" block is written as a heading ("${block.label}").`,
          `Delete the # marks: "::: details ${block.label.replace(/^#+\s*/, '')}". The summary is the link that opens the block.`,
        ),
      );
    }
    if (block.name === 'details' && !block.label && block.startsWithHeading) {
      problems.push(
        at(
          block,
          'The "::: details" block has a heading where its summary should be.',
          'Write the summary on the ::: line, like "::: details What is an EHC plan?", and delete the heading below it.',
        ),
      );
    }
    return problems;
  };

  const stray = (block: Block): Problem[] =>
    misaligned.has(block.line)
      ? []
      : [
          at(
            block,
            'This ":::" closes nothing: no block is open here.',
            'Delete the line, or name the block it should start: "::: inset", "::: warning Heading" or "::: details Question".',
          ),
        ];

  return blocks.flatMap((block) => (block.name === '' ? stray(block) : [...closing(block), ...naming(block)]));
}
