/** A user-facing CLI failure: printed as one line `softmesh: <message>`, exit 1. */
export class CliError extends Error {}
