/** A command was called wrongly: the CLI prints the message with the command's usage and exits 2. */
export class CliUsageError extends Error {}
