/**
 * An error a member reads: one line per problem, each naming the field and its limit, under a
 * heading that says nothing was done ("Your request was not sent", "Settings not saved").
 */
export class ProblemsError extends Error {
  constructor(
    private readonly heading: string,
    readonly problems: readonly string[],
  ) {
    super(problems.join('\n'));
  }

  get userMessage(): string {
    return this.problems.length === 1
      ? `${this.heading}: ${this.problems[0]}.`
      : `${this.heading}:\n${this.problems.map((p) => `• ${p}`).join('\n')}`;
  }
}
