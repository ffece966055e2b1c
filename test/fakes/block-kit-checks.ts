/**
 * Block Kit limits as Slack documents them (docs.slack.dev/reference/block-kit, research-slack.md §6),
 * written down independently of the renderer's own constants so a wrong constant there is caught.
 * Used by the fake Web API (invalid_blocks) and by the renderer unit tests.
 */

/** Every limit breach in `blocks`, as "path: problem" strings; empty when Slack would accept them. */
export function blockKitProblems(blocks: readonly unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`blocks: ${blocks.length} > ${maxBlocks}`);
  const ids = new Set<string>();
  blocks.forEach((raw, index) => {
    const block = raw as Record<string, unknown>;
    const at = `blocks[${index}]`;
    const blockId = block.block_id as string | undefined;
    if (blockId !== undefined) {
      if (blockId.length > 255) problems.push(`${at}.block_id longer than 255`);
      if (ids.has(blockId)) problems.push(`${at}.block_id duplicate ${blockId}`);
      ids.add(blockId);
    }
    switch (block.type) {
      case "section": {
        const text = (block.text as { text?: string } | undefined)?.text;
        if (text !== undefined && (text.length === 0 || text.length > 3000)) problems.push(`${at}.text length ${text.length} not in 1..3000`);
        const fields = block.fields as Array<{ text: string }> | undefined;
        if (fields && fields.length > 10) problems.push(`${at}.fields > 10`);
        fields?.forEach((field, i) => {
          if (field.text.length > 2000) problems.push(`${at}.fields[${i}] > 2000`);
        });
        if (text === undefined && !fields) problems.push(`${at} section without text or fields`);
        if (block.accessory) problems.push(...elementProblems(block.accessory, `${at}.accessory`));
        break;
      }
      case "header": {
        const text = (block.text as { text: string }).text;
        if (text.length > 150) problems.push(`${at}.text > 150`);
        break;
      }
      case "context": {
        const elements = block.elements as unknown[];
        if (elements.length > 10) problems.push(`${at}.elements > 10`);
        for (const [i, element] of elements.entries()) {
          const text = (element as { text?: string }).text;
          if (text !== undefined && text.length > 3000) problems.push(`${at}.elements[${i}] > 3000`);
        }
        break;
      }
      case "actions": {
        const elements = block.elements as unknown[];
        if (elements.length > 25) problems.push(`${at}.elements > 25`);
        elements.forEach((element, i) => problems.push(...elementProblems(element, `${at}.elements[${i}]`)));
        break;
      }
      case "input": {
        const label = (block.label as { text: string }).text;
        if (label.length > 2000) problems.push(`${at}.label > 2000`);
        problems.push(...elementProblems(block.element, `${at}.element`));
        break;
      }
      default:
        break;
    }
  });
  return problems;
}

function elementProblems(raw: unknown, at: string): string[] {
  const element = raw as Record<string, unknown>;
  const problems: string[] = [];
  const actionId = element.action_id as string | undefined;
  if (actionId !== undefined && actionId.length > 255) problems.push(`${at}.action_id > 255`);
  if (element.type === "button") {
    const text = (element.text as { text: string }).text;
    if (text.length === 0 || text.length > 75) problems.push(`${at}.text length ${text.length} not in 1..75`);
    const value = element.value as string | undefined;
    if (value !== undefined && value.length > 2000) problems.push(`${at}.value > 2000`);
  }
  if (element.type === "plain_text_input") {
    // Slack refuses a pre-filled value longer than the input's own max_length (or its 3000 cap).
    const initial = element.initial_value as string | undefined;
    const max = Math.min((element.max_length as number | undefined) ?? 3000, 3000);
    if (initial !== undefined && Array.from(initial).length > max) problems.push(`${at}.initial_value length ${Array.from(initial).length} > max_length ${max}`);
  }
  const options = element.options as Array<{ text: { text: string }; value: string }> | undefined;
  if (options) {
    if (options.length > 100) problems.push(`${at}.options > 100`);
    options.forEach((option, i) => {
      if (option.text.text.length > 75) problems.push(`${at}.options[${i}].text > 75`);
      if (option.value.length > 150) problems.push(`${at}.options[${i}].value > 150`);
    });
  }
  return problems;
}
