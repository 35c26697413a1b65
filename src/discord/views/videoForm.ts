/** The form used for multi-shot videos and remixes, prefilled from a job's input when given. */
import { type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord.js';
import type { Job } from '../../jobs/job.js';
import { formatSettingsLine, formatShotLines } from '../../model/videoForm.js';
import { PROMPT_MAX_CHARS } from '../../model/videoInput.js';
import { truncate } from '../../text/truncate.js';
import { type Copy, EN } from '../copy.js';

/** Discord: a text input holds at most 4,000 characters; a modal title at most 45. */
const TEXT_INPUT_MAX = 4000;
const MODAL_TITLE_MAX = 45;

function textInput(
  id: string,
  text: { label: string; placeholder: string },
  style: TextInputStyle,
  required: boolean,
  max: number,
  value?: string,
) {
  return {
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.TextInput as const,
        custom_id: id,
        label: text.label,
        style,
        required,
        max_length: max,
        placeholder: text.placeholder,
        ...(value ? { value: truncate(value, max) } : {}),
      },
    ],
  };
}

export function videoFormView(
  title: string,
  customId: string,
  from?: Job['input'],
  copy: Copy = EN,
): APIModalInteractionResponseCallbackData {
  const { FORM } = copy;
  return {
    custom_id: customId,
    title: truncate(title, MODAL_TITLE_MAX),
    components: [
      textInput('prompt', FORM.prompt, TextInputStyle.Paragraph, true, PROMPT_MAX_CHARS, from?.prompt),
      textInput(
        'shots',
        FORM.shots,
        TextInputStyle.Paragraph,
        false,
        TEXT_INPUT_MAX,
        from?.multi_prompt ? formatShotLines(from.multi_prompt) : undefined,
      ),
      textInput('negative_prompt', FORM.negativePrompt, TextInputStyle.Paragraph, false, PROMPT_MAX_CHARS, from?.negative_prompt),
      textInput('settings', FORM.settings, TextInputStyle.Short, false, 200, from ? formatSettingsLine(from) : undefined),
    ],
  };
}
