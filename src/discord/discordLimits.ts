/**
 * Discord's limits for what the bot sends, in one place. From Discord's developer documentation
 * (components reference, interaction responses, message resource); where its OpenAPI file is
 * looser than the documentation (it lets a modal hold 40 components), the documented figure wins.
 */

/** A modal: its title, and its top-level components (labels and text displays). */
export const MODAL = {
  titleMax: 45,
  customIdMax: 100,
  componentsMax: 5,
} as const;

/** A label wrapping one field of a modal. */
export const LABEL = {
  labelMax: 45,
  descriptionMax: 100,
} as const;

export const TEXT_INPUT = {
  valueMax: 4000,
  placeholderMax: 100,
} as const;

/** Radio groups take 2 to 10 options; string selects 1 to 25; option label, value, description ≤ 100. */
export const CHOICES = {
  radioMin: 2,
  radioMax: 10,
  selectMax: 25,
  optionTextMax: 100,
  selectPlaceholderMax: 150,
} as const;

/** A file upload field takes 0 to 10 files. */
export const FILE_UPLOAD = {
  filesMax: 10,
} as const;

/** A message with the components-v2 flag: no content or embeds beside it. */
export const COMPONENTS_V2 = {
  flag: 1 << 15,
  /** Every component counts, nested ones included. */
  componentsMax: 40,
  /** One text display's content. */
  textDisplayMax: 4000,
  /** All text displays of one message together (Discord refuses more, although each fits). */
  textTotalMax: 4000,
  mediaGalleryItemsMax: 10,
  mediaDescriptionMax: 1024,
  sectionTextsMax: 3,
  buttonsPerRowMax: 5,
  buttonLabelMax: 80,
} as const;

/** A classic message: content and embeds. */
export const MESSAGE = {
  contentMax: 2000,
} as const;

/** A thread's name. */
export const THREAD = {
  nameMax: 100,
} as const;

/** Slash commands: an option's description, a string option's length bounds, its choices. */
export const COMMAND_OPTION = {
  descriptionMax: 100,
  stringLengthMax: 6000,
  choicesMax: 25,
} as const;
