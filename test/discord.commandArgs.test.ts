/**
 * A handler's options are typed from its command's definition: a wrong name or a wrong type does
 * not compile (tsc checks the `@ts-expect-error` lines), and the one reader gives what the types say.
 */
import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { settingsCommand } from '../commands/settings.js';
import type { videoCommand } from '../commands/video.js';
import { type CommandArgs, readArgs } from '../src/discord/commandArgs.js';
import type { AttachmentFacts } from '../src/discord/handlers/animate.js';

type Limits = CommandArgs<typeof settingsCommand, 'limits'>;
type Status = CommandArgs<typeof videoCommand, 'status'>;
type PreferencesSet = CommandArgs<typeof videoCommand, 'preferences/set'>;
type Create = CommandArgs<typeof videoCommand, 'create'>;

describe('options typed from the command definition', () => {
  it('types each declared option by its type, required or left out', () => {
    expectTypeOf<Limits['concurrent']>().toEqualTypeOf<number>();
    expectTypeOf<Limits['wait_minutes']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Status['job']>().toEqualTypeOf<string>();
    expectTypeOf<PreferencesSet['sound']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<CommandArgs<typeof settingsCommand, 'showcase'>['channel']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CommandArgs<typeof videoCommand, 'animate'>['loop']>().toEqualTypeOf<boolean | undefined>();
    // The model's fields are known at run time only: left to the model's schema in the handler.
    expectTypeOf<Create['tier']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Create['prompt']>().toEqualTypeOf<unknown>();
  });

  it('does not compile a name the sub-command lacks, a wrong type, or a path the command lacks', () => {
    const limits = { concurrent: 2 } as Limits;
    // @ts-expect-error `/video-settings limits` has no option `waitMinutes` (it is `wait_minutes`).
    void limits.waitMinutes;
    // @ts-expect-error `concurrent` is a number.
    const concurrent: string = limits.concurrent;
    // @ts-expect-error `job` is required: a status without it is not the command's input.
    const status: Status = {};
    // @ts-expect-error `sound` is a boolean.
    const preferences: PreferencesSet = { sound: 'yes' };
    // @ts-expect-error `/video` has no sub-command `settings`.
    type Missing = CommandArgs<typeof videoCommand, 'settings'>;
    expect([concurrent, status, preferences, undefined as unknown as Missing]).toHaveLength(4);
  });
});

describe('readArgs', () => {
  const option = (o: Partial<CommandInteractionOption> & Pick<CommandInteractionOption, 'name' | 'type'>) => o as CommandInteractionOption;

  it('reads the options of a sub-command in a group, by name', () => {
    const given = [
      option({
        name: 'preferences',
        type: ApplicationCommandOptionType.SubcommandGroup,
        options: [
          option({
            name: 'set',
            type: ApplicationCommandOptionType.Subcommand,
            options: [
              option({ name: 'duration', type: ApplicationCommandOptionType.Integer, value: 10 }),
              option({ name: 'sound', type: ApplicationCommandOptionType.Boolean, value: false }),
            ],
          }),
        ],
      }),
    ];
    expect(readArgs(given)).toEqual({ duration: 10, sound: false });
  });

  it('gives a channel by its id and a picture as its facts', () => {
    const picture = { url: 'https://cdn.example/a.png', name: 'a.png', contentType: 'image/png', size: 10, width: 400, height: 300 };
    const given = [
      option({
        name: 'animate',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          option({ name: 'channel', type: ApplicationCommandOptionType.Channel, value: '540000000000000000' }),
          option({ name: 'image', type: ApplicationCommandOptionType.Attachment, value: '1', attachment: picture as never }),
        ],
      }),
    ];
    const facts: AttachmentFacts = { url: picture.url, filename: 'a.png', contentType: 'image/png', size: 10, width: 400, height: 300 };
    expect(readArgs(given)).toEqual({ channel: '540000000000000000', image: facts });
  });
});
